// run_simulator: the single-threaded serve loop. Host bytes go to the responder at the line's
// pace (sim/link_model.hpp), its output drains into the pty as it is released, never blocking
// (sim/output_queue.hpp), the faults that take the module or the device away are carried out
// here (sim/fault_plan.hpp), and the stats file is rewritten before any reply leaves.
#include "sim/simulator.hpp"

#include <poll.h>

#include <algorithm>
#include <csignal>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/util/log.hpp"
#include "sim/fault_plan.hpp"
#include "sim/link_model.hpp"
#include "sim/pty.hpp"
#include "sim/responder.hpp"
#include "sim/sim_stats.hpp"
#include "sim/simulated_families.hpp"
#include "sim/wire_writer.hpp"

namespace mfs::sim {
namespace {

// How long the loop sleeps when no host holds the slave open, and its poll period otherwise.
constexpr int idle_poll_ms = 20;
// How stale the saved byte counts may get while a transfer moves them (see save_stats).
constexpr auto stats_byte_period = std::chrono::milliseconds(100);
// An FTPRETR stream is refilled while less than this is queued for the pty.
constexpr std::size_t stream_low_water = 65536;
// Host bytes a paced line reads ahead of the modem: a UART FIFO and driver buffer.
constexpr std::size_t paced_inbox_bytes = 4096;

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
  using clock = std::chrono::steady_clock;

  ServeLoop(const SimConfig& config, std::vector<FaultRule> faults, PtyMaster pty)
      : config_(config), pty_(std::move(pty)), wire_(config.quirks, config.seed, stats_),
        faults_(std::move(faults), config.seed, stats_),
        modem_(make_responder(config, wire_, stats_, faults_)), to_modem_(config.link.baud),
        to_host_(config.link.baud) {}

  void step();
  void save_stats(bool final = false);

 private:
  void carry_out(const Fault& fault, clock::time_point now);
  void wait_for_device(clock::time_point now);
  bool read_host(bool hung_up);
  void hear_host(clock::time_point now);
  void feed_modem(clock::time_point now);
  std::size_t host_allowance(clock::time_point now);
  int poll_timeout_ms(clock::time_point now, std::size_t host_allowance);

  const SimConfig& config_;
  std::optional<PtyMaster> pty_;  // empty while the device has vanished
  SimStats stats_;
  WireWriter wire_;
  FaultPlan faults_;
  std::unique_ptr<Responder> modem_;
  clock::time_point silent_until_{};  // a rebooting module hears and says nothing until then
  bool banner_due_ = false;           // and then announces itself
  clock::time_point device_back_at_{};
  LinePacer to_modem_;  // host bytes reach the modem no faster than the line carries them
  LinePacer to_host_;   // and the modem's bytes reach the host likewise
  std::string inbox_;   // host bytes on their way to the modem
  bool modem_refused_ = false;  // the last feed left bytes the line had carried (a stream runs)
  std::string saved_json_;
  std::uint64_t saved_events_ = 0;
  clock::time_point saved_at_{};
};

void ServeLoop::step() {
  if (!pty_) return wait_for_device(clock::now());
  if (modem_->streaming() && wire_.output().size() < stream_low_water) modem_->pump();
  auto now = clock::now();
  std::size_t sendable = host_allowance(now);
  // A paced line takes only a UART's worth of host bytes ahead, so a host's write blocks
  // as it would on a real port; unpaced, everything is taken at once.
  bool inbox_has_room = config_.link.baud == 0 || inbox_.size() < paced_inbox_bytes;
  short events = static_cast<short>((inbox_has_room ? POLLIN : 0) | (sendable ? POLLOUT : 0));
  pollfd pfd{pty_->fd(), events, 0};
  bool host_present = true;
  if (::poll(&pfd, 1, poll_timeout_ms(now, sendable)) > 0 &&
      (pfd.revents & (POLLIN | POLLHUP | POLLERR)))
    host_present = read_host((pfd.revents & (POLLHUP | POLLERR)) != 0);
  now = clock::now();
  hear_host(now);
  if (auto fault = faults_.take_device_fault()) carry_out(*fault, now);
  modem_->tick(now);
  save_stats();
  if (!pty_) return;
  if (!host_present) {
    // Nobody holds the slave open (the master reads EIO): what the modem says now is lost, as
    // on a real line, and the loop waits for the next open. (Bytes the kernel already queued for
    // the slave stay there; flushing the master would also drop a new host's first command.)
    wire_.output().clear();
    ::poll(nullptr, 0, idle_poll_ms);
    return;
  }
  std::size_t n = host_allowance(now);
  if (n == 0) return;
  std::size_t written = pty_->write_some(wire_.output().ready(now).substr(0, n));
  wire_.output().pop(written);
  to_host_.consume(written);
}

// reboot: all modem state goes (a new responder), the module is silent, then the banner.
// vanish: the device goes (the pty closes, the link disappears) until it comes back.
// Either way what was on its way in or out is lost, except the bytes a module rebooting
// mid-transfer had already sent (reboot-download@N).
void ServeLoop::carry_out(const Fault& fault, clock::time_point now) {
  if (!fault.mid_transfer) wire_.output().clear();
  inbox_.clear();
  if (fault.kind == FaultKind::reboot) {
    modem_ = make_responder(config_, wire_, stats_, faults_);
    silent_until_ = now + fault.duration;
    banner_due_ = true;
  } else {
    pty_.reset();
    device_back_at_ = now + fault.duration;
  }
}

// A vanished device reappears at the same link path, on a new pty, once its time is up.
void ServeLoop::wait_for_device(clock::time_point now) {
  if (now >= device_back_at_) {
    auto pty = PtyMaster::open(config_.link_path);
    if (pty) {
      pty_.emplace(std::move(pty.value()));
      return;
    }
    mfs::log::get("sim")->warn("cannot reopen a pty at {}: {}", config_.link_path.string(),
                               pty.error().message());
  }
  auto wait = std::chrono::ceil<std::chrono::milliseconds>(device_back_at_ - now);
  ::poll(nullptr, 0, static_cast<int>(std::clamp<std::int64_t>(wait.count(), 1, idle_poll_ms)));
}

// How many modem bytes may go to the pty now: those released by their hold, within the pace.
std::size_t ServeLoop::host_allowance(clock::time_point now) {
  return to_host_.allowance(now, wire_.output().ready(now).size());
}

// A rebooting module loses what the host sends; once back, it announces itself and listens.
void ServeLoop::hear_host(clock::time_point now) {
  if (now < silent_until_) {
    inbox_.clear();
    return;
  }
  if (banner_due_) {  // PROTOCOL.md section 1: the banner of a module that restarted
    wire_.line("RDY");
    wire_.line("+CPIN: READY");
    wire_.line("+CFUN: 1");
    banner_due_ = false;
  }
  feed_modem(now);
}

// Hands the modem the host bytes the line has carried by now.
void ServeLoop::feed_modem(clock::time_point now) {
  std::size_t carried = to_modem_.allowance(now, inbox_.size());
  std::size_t used = modem_->feed(std::string_view(inbox_).substr(0, carried));
  modem_refused_ = used < carried;
  inbox_.erase(0, used);
  to_modem_.consume(used);
}

// Sleeps until the next thing due: a held reply's release, the next paced byte either way.
int ServeLoop::poll_timeout_ms(clock::time_point now, std::size_t host_allowance) {
  auto due = now + std::chrono::milliseconds(idle_poll_ms);
  auto& out = wire_.output();
  // With an allowance, POLLOUT wakes the loop as soon as the pty takes bytes.
  if (host_allowance == 0 && !out.empty())
    due = std::min(due, out.ready(now).empty() ? out.next_release() : to_host_.next_byte_at());
  // Host bytes wait for the line, at once if it has carried them by now (a command's bytes that
  // came in one read); bytes the modem refused (during an FTPRETR stream) wait for the modem.
  if (!inbox_.empty() && !modem_refused_)
    due = std::min(due, std::max(now, to_modem_.next_byte_at()));
  if (banner_due_) due = std::min(due, silent_until_);
  auto wait = std::chrono::ceil<std::chrono::milliseconds>(due - now);
  return static_cast<int>(std::max<std::int64_t>(0, wait.count()));
}

// Takes what the host sent (everything once it hung up); false when no host holds the slave open.
bool ServeLoop::read_host(bool hung_up) {
  std::size_t before = inbox_.size();
  std::size_t limit = config_.link.baud == 0 || hung_up ? SIZE_MAX : paced_inbox_bytes;
  bool host_present = pty_->read_available(inbox_, limit);
  stats_.serial_bytes_from_host += inbox_.size() - before;
  return host_present;
}

// A changed command, login or fault count is saved at once (tests read it as soon as an exchange
// ends); byte counts alone move with every paced step of a transfer, and rewriting the file that
// often would slow the line it measures, so they are saved at most every stats_byte_period.
void ServeLoop::save_stats(bool final) {
  if (config_.stats_path.empty()) return;
  const auto now = clock::now();
  const bool events_changed = stats_.events() != saved_events_;
  if (!final && !events_changed && now - saved_at_ < stats_byte_period) return;
  std::string json = stats_.to_json();
  if (json == saved_json_) return;
  if (!write_stats_file(stats_, config_.stats_path)) return;
  saved_json_ = std::move(json);
  saved_events_ = stats_.events();
  saved_at_ = now;
}

}  // namespace

int run_simulator(const SimConfig& config, const std::function<void()>& on_ready,
                  const std::function<bool()>& stop_requested) {
  auto logger = mfs::log::get("sim");
  if (!find_simulated_family(config.dialect)) {
    logger->error("unsupported dialect '{}'", config.dialect);
    return 2;
  }
  std::error_code ec;
  if (config.ftp_url.empty() && !std::filesystem::is_directory(config.root, ec)) {
    logger->error("root {} is not a directory", config.root.string());
    return 1;
  }
  std::string fault_error;
  auto faults = parse_fault_spec(config.faults, fault_error);
  if (!faults) {
    logger->error("--faults: {}", fault_error);
    return 2;
  }
  auto pty = PtyMaster::open(config.link_path);
  if (!pty) {
    logger->error("cannot open a pty at {}: {}", config.link_path.string(), pty.error().message());
    return 1;
  }
  SignalGuard signals;
  logger->info("serving {} on {} -> {}", config.root.string(), config.link_path.string(),
               pty.value().slave_name());
  ServeLoop loop(config, std::move(*faults), std::move(pty.value()));
  loop.save_stats();
  if (on_ready) on_ready();
  while (!g_signalled && !(stop_requested && stop_requested())) loop.step();
  loop.save_stats(true);
  return 0;
}

}  // namespace mfs::sim
