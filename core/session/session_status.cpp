// StatusBoard: the modem thread's record of what it does, read by `modemftpfs status`.
#include "core/session/session_status.hpp"

#include <fmt/format.h>

#include "core/util/log.hpp"

namespace mfs::session {
namespace {

constexpr auto progress_interval = std::chrono::seconds(10);
constexpr std::uint64_t progress_tenths_from = 1 << 20;

}  // namespace

void StatusBoard::set_identity(std::string family, std::string model) {
  std::lock_guard lock(mu_);
  status_.family = std::move(family);
  if (!model.empty()) status_.model = std::move(model);
}

void StatusBoard::set_radio(const dialect::RadioReading& reading) {
  std::lock_guard lock(mu_);
  status_.radio = reading;
  status_.radio_read_at = std::chrono::system_clock::now();
}

void StatusBoard::set_link(bool down, bool ftp_session_open) {
  std::lock_guard lock(mu_);
  status_.link_down = down;
  status_.ftp_session_open = ftp_session_open;
}

void StatusBoard::transfer_progress(const std::string& path, bool upload, std::uint64_t done,
                                    std::uint64_t total) {
  const auto now = Clock::now();
  std::string line;
  {
    std::lock_guard lock(mu_);
    update_locked(path, upload, done, total, now);
    if (running_) line = progress_line_locked(now);
  }
  if (!line.empty()) log::get("session")->info("{}", line);
}

void StatusBoard::update_locked(const std::string& path, bool upload, std::uint64_t done,
                                std::uint64_t total, Clock::time_point now) {
  if (!running_ || running_->status.path != path || running_->status.upload != upload ||
      done < running_->status.done) {
    running_ = Running{TransferStatus{path, upload, done, total, 0, std::nullopt}, now, done, now,
                       total ? done * 10 / total : 0};
    return;
  }
  TransferStatus& t = running_->status;
  t.done = done;
  if (total != 0) t.total = total;
  if (t.total != 0 && t.done >= t.total) {  // the last byte is in: nothing runs any more
    running_.reset();
    return;
  }
  const std::chrono::duration<double> spent = now - running_->began;
  if (spent.count() > 0) t.rate = static_cast<double>(done - running_->began_at) / spent.count();
  t.eta.reset();
  if (t.rate > 0 && t.total >= t.done)
    t.eta = std::chrono::seconds(static_cast<std::int64_t>(static_cast<double>(t.total - t.done) / t.rate));
}

// Every 10 s, and at each tenth of a file of 1 MiB or more: a short file needs no progress.
std::string StatusBoard::progress_line_locked(Clock::time_point now) {
  Running& r = *running_;
  const TransferStatus& t = r.status;
  const std::uint64_t tenth = t.total ? t.done * 10 / t.total : 0;
  const bool tenth_passed = t.total >= progress_tenths_from && tenth > r.logged_tenth;
  if (!tenth_passed && now - r.logged < progress_interval) return {};
  r.logged = now;
  r.logged_tenth = tenth;
  std::string line = fmt::format("{} {}: {} of {} bytes", t.upload ? "upload" : "download", t.path,
                                 t.done, t.total ? std::to_string(t.total) : std::string("?"));
  if (t.total) line += fmt::format(" ({}%)", t.done * 100 / t.total);
  line += fmt::format(", {:.0f} bytes/s", t.rate);
  if (t.eta) line += fmt::format(", ETA {} s", t.eta->count());
  return line;
}

void StatusBoard::transfer_ended() {
  std::lock_guard lock(mu_);
  running_.reset();
}

void StatusBoard::record_error(const std::string& message) {
  std::lock_guard lock(mu_);
  status_.last_error = message;
  status_.last_error_at = std::chrono::system_clock::now();
}

SessionStatus StatusBoard::snapshot() const {
  std::lock_guard lock(mu_);
  SessionStatus out = status_;
  if (running_) out.transfer = running_->status;
  return out;
}

}  // namespace mfs::session
