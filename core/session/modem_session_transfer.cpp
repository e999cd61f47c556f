// ModemSession, transfer paths: whether a download or an upload goes as an escaped stream or by
// chunks (TransferPlan), the switch of a continued download to a stream, and the fallback to
// chunks when a stream fails. Runs on the modem thread only.
#include "core/session/modem_session.hpp"
#include "core/util/log.hpp"

namespace mfs::session {
namespace {

// Stream bytes handed to the block cache at a time while a stream is drained.
constexpr std::size_t drain_spill_chunk = 1 << 20;

}  // namespace

// A request queued behind a stream waits for it, so a stream must end within a request's
// deadline: four fifths of it, the last fifth is the queued request's own time.
std::chrono::milliseconds ModemSession::stream_commit_limit(const SessionConfig& config) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(config.request_timeout) * 4 / 5;
}

result<void> ModemSession::begin_download(const std::string& path, std::uint64_t offset,
                                          std::uint64_t file_size) {
  bool begun = false;
  if (plan_.stream_from(offset, file_size) && dialect_->has_streams()) {
    auto stream = dialect_->begin_stream_download(path, offset);
    if (!stream && !TransferPlan::worth_fallback(stream.error())) return stream.error();
    if (!stream) log::get("session")->info("{}: stream refused, reading by chunks", path);
    begun = stream.has_value();
  }
  if (!begun) {
    MFS_TRY(dialect_->begin_download(path, offset));
  }
  if (file_size != 0) dialect_->expect_download_end(file_size);
  stream_file_size_ = file_size;
  download_busy_ = {};
  download_begun_offset_ = offset;
  download_short_chunks_ = 0;
  return success();
}

// A reader continued the chunked download at `offset`: a sequential read, and the rest of the
// file may be worth one stream. The rate is that of the link alone (time spent reading it), not
// of the reader. Abandoning the chunked download costs an FTPCLOSE.
result<void> ModemSession::continue_download(const std::string& path, std::uint64_t offset,
                                             std::uint64_t file_size) {
  if (dialect_->download_is_stream() || !dialect_->has_streams()) return success();
  const std::uint64_t delivered = offset - download_begun_offset_;
  const double seconds = std::chrono::duration<double>(download_busy_).count();
  // The first chunk of a download may find the module's buffer still filling.
  const ChunkedRate so_far{seconds > 0 ? static_cast<double>(delivered) / seconds : 0,
                           download_short_chunks_ <= 1};
  if (!plan_.promote(delivered, offset, file_size, so_far)) return success();
  log::get("session")->debug("{}: sequential at {}, streaming the remaining {} bytes", path,
                             offset, file_size - offset);
  MFS_TRY(dialect_->abort_download());
  auto stream = dialect_->begin_stream_download(path, offset);
  if (stream || !TransferPlan::worth_fallback(stream.error())) {
    if (stream) dialect_->expect_download_end(file_size);
    return stream;
  }
  return begin_download(path, offset, file_size);
}

std::size_t ModemSession::download_chunk() const {
  return dialect_->download_is_stream() ? drain_spill_chunk : recv_chunk;
}

// A stream cannot be abandoned: what is left of it goes to the block cache.
void ModemSession::drain_stream() {
  const std::string path(dialect_->download_path());
  std::string rest;
  while (dialect_->download_active()) {
    const std::uint64_t position = dialect_->download_position();
    rest.clear();
    while (rest.size() < drain_spill_chunk) {
      auto n = dialect_->read_download(rest, drain_spill_chunk - rest.size());
      if (!n || n.value() == 0) break;
    }
    spill(path, position, rest);
    if (rest.empty()) break;
  }
  if (dialect_->download_active()) (void)dialect_->abort_download();
}

result<void> ModemSession::upload_by_plan(const std::string& path,
                                          dialect::UploadSource& source) {
  if (dialect_->has_streams() && plan_.stream_upload(source.size())) {
    auto stored = dialect_->upload_stream(path, source, 0);
    // A session that dropped mid-stream did not refuse streams: the retry resumes it.
    if (stored || !TransferPlan::worth_fallback(stored.error()) || !dialect_->session_open())
      return stored;
    log::get("session")->info("{}: stream upload failed ({}), sending chunks", path,
                              stored.error().message());
  }
  return dialect_->upload(path, source);
}

}  // namespace mfs::session
