// ModemSession: request hand-off to the modem thread, deadlines, retries and recovery, and the
// idempotent metadata operations. Transfers are scheduled by DownloadScheduler and
// UploadScheduler; requests run one at a time in arrival order, the modem can do nothing else.
#include "core/session/modem_session.hpp"

#include <algorithm>
#include <cerrno>
#include <utility>

#include "core/ftp/ftp_error.hpp"
#include "core/dialect/parent_listing.hpp"
#include "core/ftp/list_parser.hpp"
#include "core/session/recovery.hpp"
#include "core/session/session_error.hpp"
#include "core/util/log.hpp"

namespace mfs::session {
namespace {

// A transfer that keeps moving bytes goes on, but not past the request timeout plus this per
// byte asked: a 1 KB/s floor, so a modem that trickles a byte now and then cannot hold a
// request for ever.
constexpr auto per_byte_bound = std::chrono::microseconds(1000);

std::chrono::milliseconds allowance_for(std::uint64_t bytes) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(per_byte_bound * bytes);
}

// A transfer this small is interactive (`cat` of a small file, `echo hi > f`): about as long
// as a listing at the serial line rate, and the size of a file that is one stream (drain_limit).
constexpr std::uint64_t interactive_transfer = drain_limit;

Priority priority_of(std::uint64_t transfer_bytes) {
  return transfer_bytes <= interactive_transfer ? Priority::interactive : Priority::bulk;
}

bool is_not_found(const std::error_code& ec) { return ec == ftp::ftp_errc::not_found; }

// Whether the listing of the parent directory shows `path` (a file or a directory).
bool listed_in_parent(dialect::Dialect& d, const std::string& path) {
  auto entry = dialect::entry_in_parent(d, path);
  return entry && entry.value().has_value();
}

}  // namespace

template <class T>
result<T> ModemSession::run(std::function<result<T>()> op, std::chrono::milliseconds allowance,
                            Priority priority) {
  auto deadline = std::make_shared<RequestDeadline>(
      config_.request_timeout, config_.request_timeout + allowance, FollowUp::cap());
  {
    std::lock_guard lock(shared_mu_);
    ++stats_.requests;
  }
  if (data_.budget_spent()) return std::error_code(EDQUOT, std::generic_category());
  ++waiting_;
  auto answer = jobs_.run<T>(
      [this, op = std::move(op), deadline, priority]() -> result<T> {
        --waiting_;
        // Its waiter already gave up (a wedged modem held the queue), or the operation it
        // follows is out of time: do not start it.
        if (deadline->abandoned() || deadline->passed())
          return std::make_error_code(std::errc::timed_out);
        deadline->start();
        preemption_.begin(priority, Clock::now());
        serve(deadline);
        auto r = with_retries<T>(op, *deadline);
        serve(nullptr);
        preemption_.end();
        if (!dialect_ || !dialect_->download_active()) board_.transfer_ended();
        refresh_stats();
        if (!r && r.error() == session_errc::preempted) {
          deadline->pause();  // queued again: waiting costs it nothing
          return r;
        }
        // Out of time, whatever the wait that noticed it said.
        if (!r && deadline->passed()) return std::make_error_code(std::errc::timed_out);
        return r;
      },
      deadline, priority);
  FollowUp::record(deadline->current());
  return answer;
}

void ModemSession::serve(std::shared_ptr<RequestDeadline> deadline) {
  serving_ = std::move(deadline);
  link_.set_ceiling(serving_ ? std::optional(serving_->current()) : std::nullopt);
}

void ModemSession::renew_deadline() {
  jobs_.alive();
  if (!serving_) return;
  serving_->renew();
  link_.set_ceiling(serving_->current());
}

TransferHooks ModemSession::transfer_hooks() {
  return {[this] { renew_deadline(); }, [this](std::uint64_t bytes) { transfer_progress_ += bytes; },
          [this](const std::string& path, bool upload, std::uint64_t position, std::uint64_t total,
                 std::size_t bytes) {
            board_.transfer_progress(path, upload, position, total);
            data_.add_payload(upload, bytes);
            refresh_stats();  // serial and data counters move during a long transfer, for status
          },
          [this](const std::string& path, std::uint64_t offset, const std::string& bytes) {
            spill(path, offset, bytes);
          },
          [this] { return preemption_.should_yield(jobs_.interactive_waiting(), Clock::now()); },
          [this] { return preemption_.may_stream(Clock::now()); }};
}

// A request whose retries were spent on the link leaves link_down_ set: the next request then
// tries one recovery and fails at once if the link is still gone, instead of spending the
// whole budget again; when the link is back it recovers and runs normally. A request that ran
// out of time leaves it set too: the modem may still be busy with what was cut short.
template <class T>
result<T> ModemSession::with_retries(const std::function<result<T>()>& op,
                                     const RequestDeadline& deadline) {
  auto log = log::get("session");
  if (!dialect_) return std::make_error_code(std::errc::not_connected);
  // Unregistered at the last reading: read again, and fail at once while it lasts.
  if (link_down_ && !registered_when_read() && registration_lost())
    return session_errc::not_registered;
  if (link_down_) {
    if (auto recovered = reconnect(link_down_cause_, deadline.current()); !recovered)
      return recovered.error();
    log->info("the link is back");
    link_down_ = false;
  }
  auto backoff = config_.retry_backoff;
  for (int failures = 0;;) {
    const std::uint64_t progress_before = transfer_progress_;
    auto r = op();
    if (r || !is_transient(r.error(), *dialect_)) return r;
    // A resumed transfer that moved forward earns a fresh budget: only stalls exhaust it.
    if (transfer_progress_ != progress_before) failures = 0;
    if (failures >= config_.retries || Clock::now() + backoff >= deadline.current()) {
      if (deadline.passed())
        log->warn("{}: out of time; the next request recovers the modem first", r.error().message());
      else
        log->warn("{}: giving up after {} tries", r.error().message(), failures + 1);
      link_down_ = true;
      link_down_cause_ = r.error();
      board_.record_error(r.error().message());
      return r;
    }
    ++failures;
    board_.record_error(r.error().message());
    log->warn("{} (try {} of {}); reconnecting", r.error().message(), failures,
              config_.retries + 1);
    if (jobs_.stop_within(backoff)) return r;  // the mount is ending: no more tries
    backoff *= 2;
    if (auto recovered = reconnect(r.error(), deadline.current()); !recovered) {
      log->warn("recovery failed: {}", recovered.error().message());
      if (network_refused(recovered.error()) && registration_lost()) {  // no retry can work
        link_down_ = true;
        link_down_cause_ = recovered.error();
        board_.record_error(recovered.error().message() + "; not registered");
        return session_errc::not_registered;
      }
    }
  }
}

result<void> ModemSession::reconnect(const std::error_code& cause, Clock::time_point deadline) {
  {
    std::lock_guard lock(shared_mu_);
    ++stats_.reconnects;
  }
  return recover({link_, engine_, *dialect_, config_.bearer, config_.server}, cause, deadline);
}

result<std::vector<ftp::ListEntry>> ModemSession::list(const std::string& dir_path) {
  return run<std::vector<ftp::ListEntry>>(
      [this, dir_path]() -> result<std::vector<ftp::ListEntry>> {
        downloads_->settle();
        MFS_TRY(raw, dialect_->list(dir_path));
        data_.add_payload(false, raw.size());
        auto parsed = ftp::parse_listing(raw, std::chrono::system_clock::now());
        if (parsed.skipped_lines > 0)
          log::get("session")->info("{}: skipped {} unparseable listing lines", dir_path,
                                    parsed.skipped_lines);
        return std::move(parsed.entries);
      },
      std::chrono::milliseconds(0), Priority::interactive);
}

result<std::string> ModemSession::read(const std::string& path, std::uint64_t offset,
                                       std::size_t length, std::uint64_t file_size) {
  // Bytes already received survive a retry: the retried op resumes after them.
  auto received = std::make_shared<std::string>();
  received->reserve(length);
  return run<std::string>(
      [this, path, offset, length, file_size, received]() -> result<std::string> {
        MFS_TRY(downloads_->read(path, offset + received->size(), length - received->size(),
                                 file_size, *received));
        return std::move(*received);
      },
      allowance_for(length), priority_of(length));
}

result<void> ModemSession::upload(const std::string& path,
                                  std::shared_ptr<dialect::UploadSource> source) {
  auto tries = std::make_shared<UploadTries>();
  return run<void>(
      [this, path, source, tries]() -> result<void> {
        downloads_->settle();
        return uploads_->upload(path, *source, *tries);
      },
      allowance_for(source->size()), priority_of(source->size()));
}

result<void> ModemSession::append(const std::string& path,
                                  std::shared_ptr<dialect::UploadSource> source,
                                  std::uint64_t from) {
  const auto size = source->size();
  if (from >= size) return std::make_error_code(std::errc::invalid_argument);
  auto tries = std::make_shared<UploadTries>();
  return run<void>(
      [this, path, source, from, tries]() -> result<void> {
        downloads_->settle();
        return uploads_->append(path, *source, from, *tries);
      },
      allowance_for(size - from), priority_of(size - from));
}

// `done_on_retry` says whether a failure seen on a retry means an earlier try took effect
// before its answer was lost (a rename whose source is gone, a directory that now exists).
result<void> ModemSession::run_metadata_op(
    std::function<result<void>(dialect::Dialect&)> call,
    std::function<bool(const std::error_code&, dialect::Dialect&)> done_on_retry) {
  auto tries = std::make_shared<int>(0);
  return run<void>(
      [this, tries, call = std::move(call), done_on_retry = std::move(done_on_retry)]()
          -> result<void> {
        downloads_->settle();
        auto r = call(*dialect_);
        if (!r && (*tries)++ > 0 && !is_transient(r.error(), *dialect_) &&
            done_on_retry(r.error(), *dialect_)) {
          log::get("session")->info("{}; an earlier try had done it", r.error().message());
          return success();
        }
        return r;
      },
      std::chrono::milliseconds(0), Priority::interactive);
}

result<void> ModemSession::make_directory(const std::string& path) {
  return run_metadata_op([path](dialect::Dialect& d) { return d.make_directory(path); },
                         [](const std::error_code& ec, dialect::Dialect&) {
                           return ec == ftp::ftp_errc::already_exists;
                         });
}
result<void> ModemSession::remove_directory(const std::string& path) {
  return run_metadata_op([path](dialect::Dialect& d) { return d.remove_directory(path); },
                         [](const std::error_code& ec, dialect::Dialect&) { return is_not_found(ec); });
}
result<void> ModemSession::remove_file(const std::string& path) {
  return run_metadata_op([path](dialect::Dialect& d) { return d.remove_file(path); },
                         [](const std::error_code& ec, dialect::Dialect&) { return is_not_found(ec); });
}
result<void> ModemSession::rename(const std::string& from, const std::string& to) {
  return run_metadata_op([from, to](dialect::Dialect& d) { return d.rename(from, to); },
                         [to](const std::error_code& ec, dialect::Dialect& d) {
                           return is_not_found(ec) && listed_in_parent(d, to);
                         });
}

void ModemSession::spill(const std::string& path, std::uint64_t offset,
                         const std::string& bytes) {
  std::lock_guard lock(spill_mu_);  // held during the call: the setter waits for it to end
  if (spill_ && !bytes.empty()) spill_(path, offset, bytes);
}

void ModemSession::set_spill_handler(SpillHandler handler) {
  std::lock_guard lock(spill_mu_);
  spill_ = std::move(handler);
}

void ModemSession::refresh_stats() {
  std::lock_guard lock(shared_mu_);
  stats_.at_commands = engine_.counters().commands;
  stats_.serial_bytes_out = link_.counters().bytes_written;
  stats_.serial_bytes_in = link_.counters().bytes_read;
  data_.set_serial(stats_.serial_bytes_out, stats_.serial_bytes_in);
  if (dialect_) {
    stats_.ftp_sessions_opened = dialect_->counters().ftp_sessions_opened;
    stats_.downloads_started = dialect_->counters().downloads_started;
    stats_.uploads = dialect_->counters().uploads_started;
  }
  board_.set_link(link_down_, dialect_ && dialect_->session_open());
}

SessionStats ModemSession::stats() const {
  std::lock_guard lock(shared_mu_);
  return stats_;
}

}  // namespace mfs::session
