// modemftpfs: mount an FTP server reached through a cellular modem's built-in FTP client.
// Start-up order: parse, detach (our daemonize, before any thread), simulator, connect, mount.
// Connecting before mounting means a dead modem never leaves an empty mountpoint behind.
#include <malloc.h>

#include <optional>

#include "core/util/log.hpp"
#include "fusefs/connect.hpp"
#include "fusefs/control_client.hpp"
#include "fusefs/control_commands.hpp"
#include "fusefs/control_path.hpp"
#include "fusefs/control_socket.hpp"
#include "fusefs/fuse_mount.hpp"
#include "fusefs/layer_config.hpp"
#include "fusefs/mount_table.hpp"
#include "fusefs/options.hpp"
#include "fusefs/readiness.hpp"
#include "fusefs/sim_child.hpp"

namespace {

void configure_logging(const mfs::fusefs::MountOptions& options) {
  mfs::log::set_level(options.debug ? spdlog::level::debug : spdlog::level::warn);
  if (options.debug) mfs::log::get("at")->set_level(spdlog::level::trace);
  // In the foreground, the edge's own few lines (connected, counters at exit) are worth seeing.
  if (!options.debug && options.foreground) {
    mfs::log::get("fusefs")->set_level(spdlog::level::info);
    mfs::log::get("vfs")->set_level(spdlog::level::info);  // spools recovered from a killed run
    mfs::log::get("session")->set_level(spdlog::level::info);  // radio changes, progress
  }
}

// Status and control (`modemftpfs status MOUNTPOINT`): a mount without its socket still works.
void start_control(mfs::fusefs::ControlSocket& control, mfs::fusefs::ControlTargets& targets) {
  using namespace mfs::fusefs;
  const auto dir = control_dir();
  std::string error = "XDG_RUNTIME_DIR is not set";
  if (dir) {
    error = control.start(control_socket_path(*dir, targets.mountpoint),
                          [&targets](const std::string& request) {
                            return answer_control(request, targets);
                          });
  }
  if (!error.empty())
    mfs::log::get("fusefs")->warn("no control socket ({}): modemftpfs status will not work", error);
}

}  // namespace

int main(int argc, char* argv[]) {
  using namespace mfs::fusefs;
  // Cache blocks (256 KiB) and transfer buffers come and go by the thousand. glibc raises its
  // mmap threshold after the first such free and then keeps them in heap arenas that never
  // shrink: a 256 MiB copy peaked at 76 MiB RSS with a 32 MiB memory cache, 40 MiB with this.
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
  if (auto status = run_control_client(argc, argv)) return *status;
  CommandLine line = parse_options(argc, argv);
  if (line.exit_now) return *line.exit_now;
  const MountOptions& options = line.options;
  configure_logging(options);

  Readiness readiness = Readiness::detach(options.foreground);
  if (is_modemftpfs_mount(options.mountpoint)) {
    const std::string mnt = options.mountpoint.string();
    return readiness.failed(mnt + " is already a modemftpfs mount: unmount it first (fusermount3 -u " +
                            mnt + ")");
  }
  SimulatorChild simulator;
  std::string device = options.device;
  if (options.simulated()) {
    if (auto error = simulator.start(sim_config(options), !options.foreground); !error.empty())
      return readiness.failed("cannot start the simulator: " + error);
    device = simulator.link_path().string();
  }
  std::unique_ptr<mfs::session::Session> session;
  std::optional<mfs::vfs::RemoteFs> fs;
  FsContext context{nullptr, options.block_size};
  FuseMount mount;
  if (auto error = mount.create(line.fuse_args, context); !error.empty())
    return readiness.failed(error);
  if (auto error = prepare_cache_dir(options); !error.empty()) return readiness.failed(error);
  if (auto error = connect_modem(session_config(options, device), session); !error.empty())
    return readiness.failed(error);
  context.fs = &fs.emplace(*session, fs_config(options));
  fs->recover_spools();  // files a killed run left unsent: uploaded in the background
  if (auto error = mount.mount(options.mountpoint); !error.empty()) return readiness.failed(error);
  ControlTargets targets{options.mountpoint.string(), *fs, *session};
  ControlSocket control;
  start_control(control, targets);
  readiness.succeeded();
  if (!options.foreground) mfs::log::send_to_syslog("modemftpfs");

  // The modem is released as soon as the mount ends, before libfuse's loop has returned:
  // requests still waiting on it fail at once, and the daemon exits within seconds.
  const int status = mount.serve(options, [&session] { session->shutdown(); });
  session->shutdown();
  control.stop();  // after the shutdown: a flush still waiting on the modem fails at once
  log_session_stats(session->stats());
  log_data_usage(session->status());
  return status;
}
