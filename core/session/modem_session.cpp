// ModemSession: the modem thread, request hand-off, retries and the download-stream scheduler.
//
// Ordering: requests run one at a time in arrival order; the modem can do nothing else. A read
// continues the open download stream when it asks for the stream's next byte, so sequential
// FUSE reads cost one FTPGET per file rather than one per request. Any other request first
// settles the stream: a short remainder is drained into the block cache (spill), a long one
// is abandoned (FTPCLOSE; the next read reopens at its offset with FTPREST semantics).
#include "core/session/modem_session.hpp"

#include <algorithm>
#include <cerrno>
#include <utility>

#include "core/ftp/ftp_error.hpp"
#include "core/ftp/list_parser.hpp"
#include "core/session/progress_source.hpp"
#include "core/session/recovery.hpp"
#include "core/session/session_error.hpp"
#include "core/util/log.hpp"

namespace mfs::session {
namespace {

// A forward gap this small inside the open stream is read through instead of reopening.
constexpr std::uint64_t skip_limit = 64 * 1024;
// A transfer that keeps moving bytes goes on, but not past the request timeout plus this per
// byte asked: a 1 KB/s floor, so a modem that trickles a byte now and then cannot hold a
// request for ever.
constexpr auto per_byte_bound = std::chrono::microseconds(1000);

std::chrono::milliseconds allowance_for(std::uint64_t bytes) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(per_byte_bound * bytes);
}

bool is_not_found(const std::error_code& ec) { return ec == ftp::ftp_errc::not_found; }

// Whether the listing of the parent directory shows `path` (a file or a directory): one
// listing, and never a LIST on the path itself, which some modems take for a directory only.
bool listed_in_parent(dialect::Dialect& d, const std::string& path) {
  const auto slash = path.find_last_of('/');
  const std::string parent = slash == std::string::npos || slash == 0 ? "/" : path.substr(0, slash);
  auto raw = d.list(parent);
  if (!raw) return false;
  const auto parsed = ftp::parse_listing(raw.value(), std::chrono::system_clock::now());
  return ftp::find_entry(parsed, path.substr(slash == std::string::npos ? 0 : slash + 1)) != nullptr;
}

}  // namespace

template <class T>
result<T> ModemSession::run(std::function<result<T>()> op, std::chrono::milliseconds allowance) {
  auto bound = Clock::now() + config_.request_timeout + allowance;
  if (const auto cap = FollowUp::cap()) bound = std::min(bound, *cap);
  auto deadline = std::make_shared<RequestDeadline>(config_.request_timeout, bound);
  {
    std::lock_guard lock(shared_mu_);
    ++stats_.requests;
  }
  if (data_.budget_spent()) return std::error_code(EDQUOT, std::generic_category());
  ++waiting_;
  auto answer = jobs_.run<T>(
      [this, op = std::move(op), deadline]() -> result<T> {
        --waiting_;
        // Its waiter already gave up (a stalled modem held the queue): do not start it.
        if (deadline->passed()) return std::make_error_code(std::errc::timed_out);
        deadline->start();
        serve(deadline);
        auto r = with_retries<T>(op, *deadline);
        serve(nullptr);
        if (!dialect_ || !dialect_->download_active()) board_.transfer_ended();
        refresh_stats();
        // Out of time, whatever the wait that noticed it said.
        if (!r && deadline->passed()) return std::make_error_code(std::errc::timed_out);
        return r;
      },
      deadline);
  FollowUp::record(deadline->current());
  return answer;
}

void ModemSession::serve(std::shared_ptr<RequestDeadline> deadline) {
  serving_ = std::move(deadline);
  link_.set_ceiling(serving_ ? std::optional(serving_->current()) : std::nullopt);
}

void ModemSession::renew_deadline() {
  if (!serving_) return;
  serving_->renew();
  link_.set_ceiling(serving_->current());
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

void ModemSession::settle_download() {
  if (!dialect_->download_active()) return;
  if (dialect_->download_is_stream()) return drain_stream();
  const std::uint64_t position = dialect_->download_position();
  // A stream read to its last byte is drained too: confirming the end costs an FTPRECV or
  // two, abandoning it an FTPCLOSE plus a new login.
  const bool drain = stream_file_size_ > 0 && stream_file_size_ >= position &&
                     stream_file_size_ - position <= drain_limit;
  if (drain) {
    const std::string path(dialect_->download_path());
    std::string rest;
    while (true) {
      auto n = dialect_->read_download(rest, recv_chunk);
      if (!n || n.value() == 0) break;
    }
    spill(path, position, rest);
  }
  if (dialect_->download_active()) (void)dialect_->abort_download();
}

result<void> ModemSession::read_on_modem_thread(const std::string& path, std::uint64_t offset,
                                                std::size_t length, std::uint64_t file_size,
                                                std::string& out) {
  if (dialect_->download_active()) {
    const bool same_file = dialect_->download_path() == path;
    const std::uint64_t position = dialect_->download_position();
    if (same_file && position < offset && offset - position <= skip_limit) {
      std::string skipped;
      while (skipped.size() < offset - position) {
        MFS_TRY(n, dialect_->read_download(skipped, std::min<std::uint64_t>(
                                                        recv_chunk, offset - position - skipped.size())));
        if (n == 0) break;
        renew_deadline();
      }
      spill(path, position, skipped);
    } else if (!same_file || position != offset) {
      settle_download();
    } else {
      MFS_TRY(continue_download(path, offset, file_size));
    }
  }
  if (!dialect_->download_active()) {
    if (file_size != 0 && offset >= file_size) return success();
    MFS_TRY(begin_download(path, offset, file_size));
  }
  const std::size_t target = out.size() + length;
  const auto reading_since = Clock::now();
  while (out.size() < target) {
    const std::size_t asked = std::min(target - out.size(), download_chunk());
    MFS_TRY(n, dialect_->read_download(out, asked));
    if (n == 0) break;
    transfer_progress_ += n;
    data_.add_payload(false, n);
    renew_deadline();
    board_.transfer_progress(path, false, dialect_->download_position(), file_size);
    refresh_stats();  // serial and data counters move during a long transfer, for status
    const bool at_end = file_size != 0 && dialect_->download_position() >= file_size;
    if (n < asked && !at_end && !dialect_->download_is_stream()) ++download_short_chunks_;
  }
  download_busy_ += Clock::now() - reading_since;
  // A session dropped between two FTPRECVs can look like the end of the file to the module:
  // the listing's size tells a real end from a cut, and the retry resumes after the cut.
  const std::uint64_t reached = offset + out.size() - (target - length);
  if (out.size() < target && file_size != 0 && reached < file_size)
    return session_errc::short_download;
  return success();
}

result<std::vector<ftp::ListEntry>> ModemSession::list(const std::string& dir_path) {
  return run<std::vector<ftp::ListEntry>>(
      [this, dir_path]() -> result<std::vector<ftp::ListEntry>> {
        settle_download();
        MFS_TRY(raw, dialect_->list(dir_path));
        data_.add_payload(false, raw.size());
        auto parsed = ftp::parse_listing(raw, std::chrono::system_clock::now());
        if (parsed.skipped_lines > 0)
          log::get("session")->info("{}: skipped {} unparseable listing lines", dir_path,
                                    parsed.skipped_lines);
        return std::move(parsed.entries);
      },
      std::chrono::milliseconds(0));
}

result<std::string> ModemSession::read(const std::string& path, std::uint64_t offset,
                                       std::size_t length, std::uint64_t file_size) {
  // Bytes already received survive a retry: the retried op resumes after them.
  auto received = std::make_shared<std::string>();
  received->reserve(length);
  return run<std::string>(
      [this, path, offset, length, file_size, received]() -> result<std::string> {
        MFS_TRY(read_on_modem_thread(path, offset + received->size(), length - received->size(),
                                     file_size, *received));
        return std::move(*received);
      },
      allowance_for(length));
}

result<void> ModemSession::upload(const std::string& path,
                                  std::shared_ptr<dialect::UploadSource> source) {
  const auto size = source->size();
  auto tries = std::make_shared<int>(0);
  auto held_most = std::make_shared<std::uint64_t>(0);
  auto blind_syncs = std::make_shared<std::uint64_t>(0);  // as the last try began
  return run<void>(
      [this, path, source, tries, held_most, blind_syncs]() -> result<void> {
        settle_download();
        const std::uint64_t expected = source->size();
        const bool first_try = (*tries)++ == 0;
        const bool resumable = server_copy_trusted(*blind_syncs) && !first_try;
        ProgressSource moving(*source, [this, path, expected](std::uint64_t at, std::size_t n) {
          renew_deadline();
          board_.transfer_progress(path, true, at, expected);
          data_.add_payload(true, n);
          refresh_stats();
        });
        MFS_TRY(resumable ? resume_upload(path, moving, *held_most) : upload_by_plan(path, moving));
        if (first_try && server_confirmed_transfer()) return success();
        return verify_upload(path, expected);
      },
      allowance_for(size));
}

result<void> ModemSession::append(const std::string& path,
                                  std::shared_ptr<dialect::UploadSource> source,
                                  std::uint64_t from) {
  const auto size = source->size();
  if (from >= size) return std::make_error_code(std::errc::invalid_argument);
  auto tries = std::make_shared<int>(0);
  auto blind_syncs = std::make_shared<std::uint64_t>(0);  // as the last try began
  return run<void>(
      [this, path, source, from, tries, blind_syncs]() -> result<void> {
        settle_download();
        if (!dialect_->resumes_uploads()) return std::make_error_code(std::errc::operation_not_supported);
        const bool first_try = (*tries)++ == 0;
        if (!server_copy_trusted(*blind_syncs) && !first_try) return session_errc::upload_incomplete;
        std::uint64_t at = from;
        if (!first_try) {
          const auto held = stored_size(path);
          if (!held || *held < from || *held > source->size()) return session_errc::upload_incomplete;
          at = *held;
        }
        ProgressSource moving(*source, [this, path, size = source->size()](std::uint64_t to,
                                                                            std::size_t n) {
          renew_deadline();
          board_.transfer_progress(path, true, to, size);
          data_.add_payload(true, n);
          refresh_stats();
        });
        if (at < source->size()) {
          MFS_TRY(dialect_->resume_upload(path, moving, at));
        }
        return verify_upload(path, source->size());
      },
      allowance_for(size - from));
}

// An unanswered resync "AT" since `seen` (the count as the last try began, updated here) may have
// gone into an upload as data (EngineCounters::unanswered_syncs): the server's copy is then no
// prefix to resume from.
bool ModemSession::server_copy_trusted(std::uint64_t& seen) {
  const std::uint64_t now = engine_.counters().unanswered_syncs;
  return std::exchange(seen, now) == now;
}

// A retried upload: after a drop mid-stream the server holds the first bytes already, so a
// stream from there (REST + STOR, PROTOCOL.md 2; SIM7000: APPE) sends only the rest. Otherwise,
// or if the module refuses the resume, the whole spool goes again, which is always correct.
result<void> ModemSession::resume_upload(const std::string& path, dialect::UploadSource& source,
                                         std::uint64_t& held_most) {
  const bool resumes = dialect_->has_streams() ? plan_.stream_upload(source.size())
                                               : dialect_->resumes_uploads();
  if (resumes) {
    const auto held = stored_size(path);
    if (held && *held > held_most) {  // the server kept more than at any earlier resume
      transfer_progress_ += *held - held_most;
      held_most = *held;
    }
    if (held && *held > 0 && *held < source.size()) {
      log::get("session")->info("{}: resuming the upload at byte {} of {}", path, *held,
                                source.size());
      auto stored = dialect_->resume_upload(path, source, *held);
      if (stored || !TransferPlan::worth_fallback(stored.error()) || !dialect_->session_open())
        return stored;
    }
  }
  return upload_by_plan(path, source);
}

// The size the server holds for `path` (Dialect::stored_size); nullopt when it shows none or
// could not be asked.
std::optional<std::uint64_t> ModemSession::stored_size(const std::string& path) {
  auto held = dialect_->stored_size(path);
  if (!held) return std::nullopt;
  return held.value();
}

// A single STOR the server answered with "226 Transfer complete" (or 250), seen through the
// module's echo of the control connection (+FTPINFO), holds every byte the module sent: the
// reply is the verification, and a small new file costs PASV, STOR, the 226, RNFR and RNTO.
// A module that does not echo replies, or a resumed transfer (bytes from two STORs), gets a
// listing instead.
bool ModemSession::server_confirmed_transfer() const {
  const auto code = dialect_->last_reply_code();
  return code == 226 || code == 250;
}

// The server must list every byte: a transfer cut short can still end with a success result
// on some firmware.
result<void> ModemSession::verify_upload(const std::string& path, std::uint64_t expected) {
  const auto held = stored_size(path);
  if (held == expected) return success();
  log::get("session")->warn("{}: the server lists {} after an upload of {} bytes", path,
                            held ? std::to_string(*held) + " bytes" : std::string("no such file"),
                            expected);
  return session_errc::upload_incomplete;
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
        settle_download();
        auto r = call(*dialect_);
        if (!r && (*tries)++ > 0 && !is_transient(r.error(), *dialect_) &&
            done_on_retry(r.error(), *dialect_)) {
          log::get("session")->info("{}; an earlier try had done it", r.error().message());
          return success();
        }
        return r;
      },
      std::chrono::milliseconds(0));
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
