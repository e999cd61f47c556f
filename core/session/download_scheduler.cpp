// DownloadScheduler. A read continues the open download when it asks for the download's next
// byte (or a little past it), so sequential FUSE reads cost one FTPGET per file rather than one
// per request. Any other request first settles the download: a short remainder is drained into
// the block cache (spill), a long one is abandoned (FTPCLOSE; the next read reopens at its
// offset with FTPREST semantics). A stream cannot be abandoned: it is drained.
#include "core/session/download_scheduler.hpp"

#include <algorithm>

#include "core/session/session_error.hpp"
#include "core/util/log.hpp"

namespace mfs::session {
namespace {

// A forward gap this small inside the open download is read through instead of reopening.
constexpr std::uint64_t skip_limit = 64 * 1024;
// Stream bytes handed to the block cache at a time while a stream is drained.
constexpr std::size_t drain_spill_chunk = 1 << 20;

}  // namespace

void DownloadScheduler::settle() {
  if (!dialect_.download_active()) return;
  if (dialect_.download_is_stream()) return drain_stream();
  const std::uint64_t position = dialect_.download_position();
  // A download read to its last byte is drained too: confirming the end costs an FTPRECV or
  // two, abandoning it an FTPCLOSE plus a new login.
  const bool drain =
      file_size_ > 0 && file_size_ >= position && file_size_ - position <= drain_limit;
  if (drain) {
    const std::string path(dialect_.download_path());
    std::string rest;
    while (true) {
      auto n = dialect_.read_download(rest, dialect_.limits().read_block);
      if (!n || n.value() == 0) break;
    }
    hooks_.spill(path, position, rest);
  }
  if (dialect_.download_active()) (void)dialect_.abort_download();
}

result<void> DownloadScheduler::skip_to(const std::string& path, std::uint64_t offset) {
  const std::uint64_t position = dialect_.download_position();
  std::string skipped;
  while (skipped.size() < offset - position) {
    MFS_TRY(n, dialect_.read_download(skipped, std::min<std::uint64_t>(
                                                   dialect_.limits().read_block,
                                                   offset - position - skipped.size())));
    if (n == 0) break;
    hooks_.renew();
  }
  hooks_.spill(path, position, skipped);
  return success();
}

result<void> DownloadScheduler::read(const std::string& path, std::uint64_t offset,
                                     std::size_t length, std::uint64_t file_size,
                                     std::string& out) {
  if (dialect_.download_active()) {
    const bool same_file = dialect_.download_path() == path;
    const std::uint64_t position = dialect_.download_position();
    if (same_file && position < offset && offset - position <= skip_limit) {
      MFS_TRY(skip_to(path, offset));
    } else if (!same_file || position != offset) {
      settle();
    } else {
      MFS_TRY(continue_at(path, offset, file_size));
    }
  }
  if (!dialect_.download_active()) {
    if (file_size != 0 && offset >= file_size) return success();
    MFS_TRY(begin(path, offset, file_size));
  }
  const std::size_t target = out.size() + length;
  const auto reading_since = Clock::now();
  bool yielded = false;
  while (out.size() < target) {
    const std::size_t asked = std::min(target - out.size(), chunk());
    MFS_TRY(n, dialect_.read_download(out, asked));
    if (n == 0) break;
    hooks_.progressed(n);
    hooks_.renew();
    hooks_.moved(path, false, dialect_.download_position(), file_size, n);
    const bool at_end = file_size != 0 && dialect_.download_position() >= file_size;
    if (n < asked && !at_end && !dialect_.download_is_stream()) ++short_chunks_;
    // Between two chunks a chunked download can be left (a stream cannot): the rest of the
    // request goes on after the interactive one, from the next byte.
    yielded = out.size() < target && !dialect_.download_is_stream() && hooks_.yield_now();
    if (yielded) break;
  }
  busy_ += Clock::now() - reading_since;
  if (yielded) return session_errc::preempted;
  // A session dropped between two FTPRECVs can look like the end of the file to the module:
  // the listing's size tells a real end from a cut, and the retry resumes after the cut.
  const std::uint64_t reached = offset + out.size() - (target - length);
  if (out.size() < target && file_size != 0 && reached < file_size)
    return session_errc::short_download;
  return success();
}

result<void> DownloadScheduler::begin(const std::string& path, std::uint64_t offset,
                                      std::uint64_t file_size) {
  bool begun = false;
  if (plan_.stream_from(offset, file_size) && dialect_.has_streams()) {
    auto stream = dialect_.begin_stream_download(path, offset);
    if (!stream && !TransferPlan::worth_fallback(stream.error())) return stream.error();
    if (!stream) log::get("session")->info("{}: stream refused, reading by chunks", path);
    begun = stream.has_value();
  }
  if (!begun) {
    MFS_TRY(dialect_.begin_download(path, offset));
  }
  if (file_size != 0) dialect_.expect_download_end(file_size);
  file_size_ = file_size;
  busy_ = {};
  begun_offset_ = offset;
  short_chunks_ = 0;
  return success();
}

// A reader continued the chunked download at `offset`: a sequential read, and the rest of the
// file may be worth one stream. The rate is that of the link alone (time spent reading it), not
// of the reader. Abandoning the chunked download costs an FTPCLOSE.
result<void> DownloadScheduler::continue_at(const std::string& path, std::uint64_t offset,
                                            std::uint64_t file_size) {
  if (dialect_.download_is_stream() || !dialect_.has_streams()) return success();
  const std::uint64_t delivered = offset - begun_offset_;
  const double seconds = std::chrono::duration<double>(busy_).count();
  // The first chunk of a download may find the module's buffer still filling.
  const ChunkedRate so_far{seconds > 0 ? static_cast<double>(delivered) / seconds : 0,
                           short_chunks_ <= 1};
  if (!hooks_.may_stream() || !plan_.promote(delivered, offset, file_size, so_far))
    return success();
  log::get("session")->debug("{}: sequential at {}, streaming the remaining {} bytes", path,
                             offset, file_size - offset);
  MFS_TRY(dialect_.abort_download());
  auto stream = dialect_.begin_stream_download(path, offset);
  if (stream || !TransferPlan::worth_fallback(stream.error())) {
    if (stream) dialect_.expect_download_end(file_size);
    return stream;
  }
  return begin(path, offset, file_size);
}

std::size_t DownloadScheduler::chunk() const {
  return dialect_.download_is_stream() ? drain_spill_chunk : dialect_.limits().read_block;
}

void DownloadScheduler::drain_stream() {
  const std::string path(dialect_.download_path());
  std::string rest;
  while (dialect_.download_active()) {
    const std::uint64_t position = dialect_.download_position();
    rest.clear();
    while (rest.size() < drain_spill_chunk) {
      auto n = dialect_.read_download(rest, drain_spill_chunk - rest.size());
      if (!n || n.value() == 0) break;
    }
    hooks_.spill(path, position, rest);
    if (rest.empty()) break;
  }
  if (dialect_.download_active()) (void)dialect_.abort_download();
}

}  // namespace mfs::session
