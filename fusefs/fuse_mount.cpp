// libfuse's high-level life cycle, in the order fuse_main_real uses, minus fuse_daemonize
// (see readiness.hpp for why).
#include "fusefs/fuse_mount.hpp"

#include <fuse.h>
#include <fuse_lowlevel.h>

#include <climits>

#include <fmt/format.h>

#include "fusefs/exit_watch.hpp"

namespace mfs::fusefs {

std::string FuseMount::create(FuseArgs& args, FsContext& context) {
  const fuse_operations operations = make_operations();
  fuse_ = fuse_new(args.get(), &operations, sizeof operations, &context);
  return fuse_ ? std::string() : "libfuse refused the options (see above)";
}

std::string FuseMount::mount(const std::filesystem::path& mountpoint) {
  if (fuse_mount(fuse_, mountpoint.c_str()) != 0)
    return fmt::format("cannot mount on {}", mountpoint.string());
  mounted_ = true;
  if (fuse_set_signal_handlers(fuse_get_session(fuse_)) != 0)
    return "cannot install the signal handlers";
  handlers_ = true;
  return {};
}

int FuseMount::serve(const MountOptions& options, const std::function<void()>& on_exit) {
  const int status = loop(options, on_exit);
  unmount();
  // A positive status is the signal that ended the loop: an orderly stop, not a failure.
  return status < 0 ? 1 : 0;
}

// The watch ends before unmount(): libfuse only removes its signal handlers if they are its own.
int FuseMount::loop(const MountOptions& options, const std::function<void()>& on_exit) {
  const ExitWatch watch(fuse_session_fd(fuse_get_session(fuse_)), on_exit);
  if (options.single_thread) return fuse_loop(fuse_);
  fuse_loop_config* config = fuse_loop_cfg_create();
  fuse_loop_cfg_set_clone_fd(config, options.clone_fd ? 1 : 0);
  // UINT_MAX is fuse_parse_cmdline's "not given"; libfuse 3.14 warns if it is passed on.
  if (options.max_idle_threads != UINT_MAX)
    fuse_loop_cfg_set_idle_threads(config, options.max_idle_threads);
  fuse_loop_cfg_set_max_threads(config, options.max_threads);
  const int status = fuse_loop_mt(fuse_, config);
  fuse_loop_cfg_destroy(config);
  return status;
}

void FuseMount::unmount() {
  if (handlers_) fuse_remove_signal_handlers(fuse_get_session(fuse_));
  if (mounted_) fuse_unmount(fuse_);
  if (fuse_) fuse_destroy(fuse_);
  handlers_ = mounted_ = false;
  fuse_ = nullptr;
}

FuseMount::~FuseMount() { unmount(); }

}  // namespace mfs::fusefs
