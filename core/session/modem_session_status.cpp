// ModemSession as `modemftpfs status` and `modemftpfs reconnect` see it: the radio readings
// taken on the modem thread, the snapshot for other threads, and a reconnect on request.
#include "core/at/at_error.hpp"
#include "core/dialect/dialect_error.hpp"
#include "core/dialect/radio_query.hpp"
#include "core/session/modem_session.hpp"
#include "core/util/log.hpp"

namespace mfs::session {
namespace {

// CSQ, CREG? and CGMM are answered from the module's own state.
constexpr std::chrono::milliseconds radio_query_timeout = std::chrono::seconds(5);

}  // namespace

// Modem thread. A change of registration is worth a line in the log; the signal is not (it
// moves by a step or two all the time).
void ModemSession::poll_radio() {
  radio_read_at_ = Clock::now();
  const auto before = board_.snapshot();
  if (before.model.empty()) {
    auto model = dialect::read_model(engine_, radio_query_timeout);
    board_.set_identity(std::string(dialect_->family()), model ? model.value() : std::string());
  }
  auto reading = dialect::read_radio(engine_, radio_query_timeout);
  if (!reading) {
    log::get("session")->info("cannot read the radio: {}", reading.error().message());
    return;
  }
  const auto& now = reading.value();
  if (!before.radio || before.radio->registration() != now.registration()) {
    log::get("session")->info("radio: {}, signal {}", now.registration(),
                              now.rssi ? std::to_string(dialect::rssi_dbm(*now.rssi)) + " dBm"
                                       : std::string("unknown"));
  }
  board_.set_radio(now);
}

bool ModemSession::registration_lost() {
  poll_radio();
  const auto radio = board_.snapshot().radio;
  return radio && !radio->registered();
}

bool ModemSession::registered_when_read() const {
  const auto radio = board_.snapshot().radio;
  return !radio || radio->registered();
}

bool ModemSession::network_refused(const std::error_code& error) {
  return error == dialect::dialect_errc::bearer_failed || error.category() == at::cme_category();
}

SessionStatus ModemSession::status() const {
  SessionStatus status = board_.snapshot();
  status.queued = waiting_.load();
  status.usage_mount = data_.since_mount();
  status.usage_period = data_.period();
  status.period_start = data_.period_start();
  status.budget = data_.budget();
  status.budget_spent = data_.budget_spent();
  return status;
}

result<void> ModemSession::reconnect_now() {
  return run<void>(
      [this]() -> result<void> {
        downloads_->settle();
        if (dialect_->session_open()) (void)dialect_->close_session();
        MFS_TRY(reconnect(std::make_error_code(std::errc::connection_aborted), serving_->current()));
        link_down_ = false;
        return success();
      },
      std::chrono::milliseconds(0), Priority::interactive);
}

}  // namespace mfs::session
