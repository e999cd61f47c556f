// ModemSession's life: the first connection, the modem thread with its idle-time work
// (keepalive, settling an unread download), and the shutdown that must release the modem
// within seconds of an unmount, whatever the modem is doing (a stalled server, an endless
// stream): the work in progress gets a short grace, then every wait on the link is cancelled.
#include "core/dialect/dialect_error.hpp"
#include "core/dialect/make_dialect.hpp"
#include "core/session/modem_session.hpp"
#include "core/util/log.hpp"

namespace mfs::session {
namespace {

// A buffered download unread for 120 s is dropped by the module; settle it well before.
constexpr auto idle_stream_limit = std::chrono::seconds(30);
// How long the work in progress and the FTPCLOSE get at shutdown before the link is cancelled.
constexpr auto shutdown_grace = std::chrono::seconds(2);
// The month's usage reaches disk this often while idle (and at shutdown): a killed daemon
// loses at most this much of its count.
constexpr auto usage_save_interval = std::chrono::seconds(30);

}  // namespace

result<std::unique_ptr<Session>> Session::start(SessionConfig config) {
  auto session = std::make_unique<ModemSession>(std::move(config));
  MFS_TRY(session->connect());
  return std::unique_ptr<Session>(std::move(session));
}

ModemSession::ModemSession(SessionConfig config)
    : config_(std::move(config)), link_(config_.serial), engine_(link_) {
  thread_ = std::thread([this] { modem_thread_main(); });
}

ModemSession::~ModemSession() { shutdown(); }

void ModemSession::shutdown() {
  std::call_once(shutdown_once_, [this] {
    const auto grace_end = Clock::now() + shutdown_grace;
    jobs_.push([this, grace_end] {
      link_.set_ceiling(grace_end);
      if (dialect_ && dialect_->session_open()) (void)dialect_->close_session();
      link_.set_ceiling(std::nullopt);
    }, Priority::bulk);  // after what was queued, as the last job
    jobs_.stop();
    if (thread_finished_.wait_until(grace_end) != std::future_status::ready) {
      log::get("session")->warn("the modem is still busy at shutdown: cancelling its waits");
      link_.cancel();
    }
    thread_.join();
    refresh_stats();
    if (!data_.save()) log::get("session")->warn("cannot save the data counters");
  });
}

result<void> ModemSession::connect() {
  const auto deadline = Clock::now() + config_.request_timeout;
  // Nothing is queued before it: its time runs from now.
  auto connecting = std::make_shared<RequestDeadline>(config_.request_timeout,
                                                      config_.request_timeout, deadline);
  connecting->start();
  return jobs_.run<void>(
      [this, deadline]() -> result<void> {
        link_.set_ceiling(deadline);
        auto connected = [this]() -> result<void> {
          MFS_TRY(link_.open());
          MFS_TRY(dialect, dialect::make_dialect(config_.modem, engine_));
          dialect_ = std::move(dialect);
          if (config_.server.secure && !dialect_->has_secure_mode())
            return dialect::dialect_errc::no_secure_mode;
          downloads_.emplace(*dialect_, plan_, transfer_hooks());
          uploads_.emplace(*dialect_, engine_, plan_, transfer_hooks());
          MFS_TRY(dialect_->start_modem(config_.bearer));
          MFS_TRY(dialect_->open_session(config_.server));
          poll_radio();
          return success();
        }();
        link_.set_ceiling(std::nullopt);
        refresh_stats();
        return connected;
      },
      connecting, Priority::interactive);
}

void ModemSession::modem_thread_main() {
  for (;;) {
    auto job = jobs_.pop(std::chrono::seconds(1));
    if (job) {
      (*job)();
      last_activity_ = Clock::now();
      continue;
    }
    if (jobs_.stopping()) break;
    on_idle();
  }
  thread_done_.set_value();
}

// Idle-time work serves no request: it gets a request's time of its own.
void ModemSession::on_idle() {
  if (!dialect_ || link_.cancelled()) return;
  const auto idle = Clock::now() - last_activity_;
  link_.set_ceiling(Clock::now() + config_.request_timeout);
  if (dialect_->download_active() && idle >= idle_stream_limit) {
    downloads_->settle();
    last_activity_ = Clock::now();
  } else if (config_.keepalive_interval.count() > 0 && dialect_->session_open() &&
             idle >= config_.keepalive_interval) {
    if (auto r = dialect_->noop(); !r)
      log::get("session")->info("keepalive failed ({}); reconnecting on the next request",
                                r.error().message());
    last_activity_ = Clock::now();
  } else if (config_.radio_poll_interval.count() > 0 && !dialect_->download_active() &&
             Clock::now() - radio_read_at_ >= config_.radio_poll_interval) {
    poll_radio();
  }
  link_.set_ceiling(std::nullopt);
  refresh_stats();
  if (Clock::now() - usage_saved_at_ >= usage_save_interval) {
    usage_saved_at_ = Clock::now();
    (void)data_.save();  // shutdown saves again, and says so if it fails
  }
}

}  // namespace mfs::session
