// UploadScheduler: the first try goes by plan (stream or chunks); a retry after a drop resumes
// at the size the server lists when the server's copy can be trusted as a prefix, else sends
// the whole spool again, which is always correct. Success is what the server lists.
#include "core/session/upload_scheduler.hpp"

#include <utility>

#include "core/session/progress_source.hpp"
#include "core/session/session_error.hpp"
#include "core/util/log.hpp"

namespace mfs::session {

result<void> UploadScheduler::upload(const std::string& path, dialect::UploadSource& source,
                                     UploadTries& tries) {
  const std::uint64_t expected = source.size();
  const bool first_try = tries.tries++ == 0;
  const bool resumable = server_copy_trusted(tries.blind_syncs) && !first_try;
  ProgressSource moving =
      progress(path, source, streams(expected));
  MFS_TRY(resumable ? resume(path, moving, tries.held_most) : upload_by_plan(path, moving));
  // A resumed file came from two transfers: only the listing vouches for the whole.
  if (first_try && dialect_.upload_confirmed()) return success();
  return verify(path, expected);
}

result<void> UploadScheduler::append(const std::string& path, dialect::UploadSource& source,
                                     std::uint64_t from, UploadTries& tries) {
  const bool stream = dialect_.has_streams() && plan_.allows_streams();
  if (!dialect_.resumes_uploads(stream)) return std::make_error_code(std::errc::operation_not_supported);
  const bool first_try = tries.tries++ == 0;
  if (!server_copy_trusted(tries.blind_syncs) && !first_try) return session_errc::upload_incomplete;
  std::uint64_t at = from;
  if (!first_try) {
    const auto held = stored_size(path);
    if (!held || *held < from || *held > source.size()) return session_errc::upload_incomplete;
    at = *held;
  }
  ProgressSource moving = progress(path, source, stream);
  if (at < source.size()) {
    MFS_TRY(dialect_.resume_upload(path, moving, at, stream));
  }
  return verify(path, source.size());
}

// A stream (L610 FTPSTOR, SIM7000 FTPETPUT) can end at any byte: it yields to interactive
// requests between two reads. Chunks (FTPPUT) cannot: the module would close the session.
ProgressSource UploadScheduler::progress(const std::string& path, dialect::UploadSource& source,
                                         bool stream) {
  const std::uint64_t total = source.size();
  auto moved = [this, path, total](std::uint64_t offset, std::size_t bytes) {
    hooks_.renew();
    hooks_.moved(path, true, offset, total, bytes);
  };
  return ProgressSource(source, moved, stream ? hooks_.yield_now : nullptr);
}

// An unanswered resync "AT" since `seen` (the count as the last try began, updated here) may have
// gone into an upload as data (EngineCounters::unanswered_syncs): the server's copy is then no
// prefix to resume from.
bool UploadScheduler::server_copy_trusted(std::uint64_t& seen) const {
  const std::uint64_t now = engine_.counters().unanswered_syncs;
  return std::exchange(seen, now) == now;
}

// A retried upload: after a drop mid-stream the server holds the first bytes already, so a
// stream from there (REST + STOR, PROTOCOL.md 2; SIM7000: APPE) sends only the rest. Otherwise,
// or if the module refuses the resume, the whole spool goes again, which is always correct.
result<void> UploadScheduler::resume(const std::string& path, ProgressSource& source,
                                     std::uint64_t& held_most) {
  const bool stream = streams(source.size());
  if (dialect_.resumes_uploads(stream)) {
    const auto held = stored_size(path);
    if (held && *held > held_most) {  // the server kept more than at any earlier resume
      hooks_.progressed(*held - held_most);
      held_most = *held;
    }
    if (held && *held > 0 && *held < source.size()) {
      log::get("session")->info("{}: resuming the upload at byte {} of {}", path, *held,
                                source.size());
      auto stored = dialect_.resume_upload(path, source, *held, stream);
      if (stored || !TransferPlan::worth_fallback(stored.error()) || !dialect_.session_open())
        return stored;
    }
  }
  return upload_by_plan(path, source);
}

result<void> UploadScheduler::upload_by_plan(const std::string& path, ProgressSource& source) {
  if (streams(source.size())) {
    auto stored = dialect_.upload_stream(path, source, 0);
    // A session that dropped mid-stream did not refuse streams: the retry resumes it.
    if (stored || !TransferPlan::worth_fallback(stored.error()) || !dialect_.session_open())
      return stored;
    log::get("session")->info("{}: stream upload failed ({}), sending chunks", path,
                              stored.error().message());
  }
  source.stop_yielding();  // chunks cannot end at any byte
  return dialect_.upload(path, source);
}

// Whether an upload of `size` bytes goes as a stream (a family with streams, and the plan).
bool UploadScheduler::streams(std::uint64_t size) const {
  return dialect_.has_streams() && plan_.stream_upload(size, dialect_.limits().chunked_upload_limit);
}

// The size the server holds for `path` (Dialect::stored_size); nullopt when it shows none or
// could not be asked.
std::optional<std::uint64_t> UploadScheduler::stored_size(const std::string& path) {
  auto held = dialect_.stored_size(path);
  if (!held) return std::nullopt;
  return held.value();
}

// The server must list every byte: a transfer cut short can still end with a success result
// on some firmware.
result<void> UploadScheduler::verify(const std::string& path, std::uint64_t expected) {
  const auto held = stored_size(path);
  if (held == expected) return success();
  log::get("session")->warn("{}: the server lists {} after an upload of {} bytes", path,
                            held ? std::to_string(*held) + " bytes" : std::string("no such file"),
                            expected);
  return session_errc::upload_incomplete;
}

}  // namespace mfs::session
