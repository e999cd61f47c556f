// run_simulator: the single-threaded serve loop. Host bytes go to the responder, its output
// drains into the pty without blocking, and the stats file is rewritten before any reply leaves.
#include "sim/simulator.hpp"

#include <poll.h>

#include <csignal>

#include "core/util/log.hpp"
#include "sim/pty.hpp"
#include "sim/responder.hpp"
#include "sim/sim_stats.hpp"
#include "sim/wire_writer.hpp"

namespace mfs::sim {
namespace {

// How long the loop sleeps when no host holds the slave open, and its poll period otherwise.
constexpr int idle_poll_ms = 20;
// An FTPRETR stream is refilled while less than this is queued for the pty.
constexpr std::size_t stream_low_water = 65536;

volatile std::sig_atomic_t g_signalled = 0;

extern "C" void on_stop_signal(int) { g_signalled = 1; }

// Installs the SIGTERM/SIGINT handlers for the loop's lifetime.
class SignalGuard {
 public:
  SignalGuard() {
    g_signalled = 0;
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, &old_term_);
    sigaction(SIGINT, &sa, &old_int_);
  }
  ~SignalGuard() {
    sigaction(SIGTERM, &old_term_, nullptr);
    sigaction(SIGINT, &old_int_, nullptr);
  }
  SignalGuard(const SignalGuard&) = delete;
  SignalGuard& operator=(const SignalGuard&) = delete;

 private:
  struct sigaction old_term_ {};
  struct sigaction old_int_ {};
};

class ServeLoop {
 public:
  ServeLoop(const SimConfig& config, PtyMaster& pty)
      : config_(config), pty_(pty), wire_(config.quirks, config.seed, stats_),
        modem_(make_responder(config, wire_, stats_)) {}

  void step();
  void save_stats();

 private:
  bool read_host();

  const SimConfig& config_;
  PtyMaster& pty_;
  SimStats stats_;
  WireWriter wire_;
  std::unique_ptr<Responder> modem_;
  std::string inbox_;
  std::string saved_json_;
};

void ServeLoop::step() {
  if (modem_->streaming() && wire_.pending().size() < stream_low_water) modem_->pump();
  pollfd pfd{pty_.fd(), static_cast<short>(POLLIN | (wire_.pending().empty() ? 0 : POLLOUT)), 0};
  bool host_present = true;
  if (::poll(&pfd, 1, idle_poll_ms) > 0 && (pfd.revents & (POLLIN | POLLHUP | POLLERR)))
    host_present = read_host();
  inbox_.erase(0, modem_->feed(inbox_));
  modem_->tick(std::chrono::steady_clock::now());
  save_stats();
  std::string& out = wire_.pending();
  if (!host_present) {
    // Nobody holds the slave open (the master reads EIO): what the modem says now is lost, as
    // on a real line, and the loop waits for the next open. (Bytes the kernel already queued for
    // the slave stay there; flushing the master would also drop a new host's first command.)
    out.clear();
    ::poll(nullptr, 0, idle_poll_ms);
  } else if (!out.empty()) {
    out.erase(0, pty_.write_some(out));
  }
}

// Takes what the host sent; false when no host holds the slave open.
bool ServeLoop::read_host() {
  std::size_t before = inbox_.size();
  bool host_present = pty_.read_available(inbox_);
  stats_.serial_bytes_from_host += inbox_.size() - before;
  return host_present;
}

void ServeLoop::save_stats() {
  if (config_.stats_path.empty()) return;
  std::string json = stats_.to_json();
  if (json == saved_json_) return;
  if (write_stats_file(stats_, config_.stats_path)) saved_json_ = std::move(json);
}

}  // namespace

int run_simulator(const SimConfig& config, const std::function<void()>& on_ready,
                  const std::function<bool()>& stop_requested) {
  auto logger = mfs::log::get("sim");
  if (!simulates_dialect(config.dialect)) {
    logger->error("unsupported dialect '{}'", config.dialect);
    return 2;
  }
  std::error_code ec;
  if (config.ftp_url.empty() && !std::filesystem::is_directory(config.root, ec)) {
    logger->error("root {} is not a directory", config.root.string());
    return 1;
  }
  auto pty = PtyMaster::open(config.link_path);
  if (!pty) {
    logger->error("cannot open a pty at {}: {}", config.link_path.string(), pty.error().message());
    return 1;
  }
  SignalGuard signals;
  ServeLoop loop(config, pty.value());
  loop.save_stats();
  logger->info("serving {} on {} -> {}", config.root.string(), config.link_path.string(),
               pty.value().slave_name());
  if (on_ready) on_ready();
  while (!g_signalled && !(stop_requested && stop_requested())) loop.step();
  loop.save_stats();
  return 0;
}

}  // namespace mfs::sim
