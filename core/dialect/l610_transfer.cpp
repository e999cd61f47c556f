// L610 transfers (PROTOCOL.md section 2): the download stream FTPGET -> FTPRECV through the
// module's 512000-byte buffer, and uploads by FTPPUT chunks. The escaped FTPRETR/FTPSTOR
// streams are in l610_stream.cpp.
#include "core/dialect/l610.hpp"

#include <algorithm>

#include "core/at/at_error.hpp"
#include "core/dialect/dialect_error.hpp"
#include "core/dialect/l610_commands.hpp"
#include "core/dialect/transfer_offset.hpp"
#include "core/ftp/ftp_error.hpp"
#include "core/ftp/path_rules.hpp"
#include "core/link/link_error.hpp"

namespace mfs::dialect {

using namespace l610;
using ftp::FtpOp;
using std::chrono::steady_clock;

namespace {

// Errors after which the line or the modem state is unknown: the session layer recovers
// (resync, restart) rather than the dialect sending more.
bool line_failed(const std::error_code& ec) {
  return ec == at::at_errc::timeout || ec == at::at_errc::modem_restarted ||
         ec.category() == link::link_category();
}

}  // namespace

// An offset past the module's range starts at the highest it takes (transfer_offset.hpp).
result<void> L610::begin_download(std::string_view path, std::uint64_t offset) {
  MFS_TRY(ftp::check_path(path));
  MFS_TRY(prepare_ftp());
  const std::uint64_t start = module_offset(offset);
  MFS_TRY(send_ftp(ftpget_command(path, start), at::CommandSpec{ftp_accept_timeout},
                   FtpOp::retrieve));
  download_.emplace();
  download_->path = path;
  download_->position = start;
  ++counters_.downloads_started;
  MFS_TRY(await_download_start());
  return skip_download_to(*this, offset);
}

// "+FTPGET: 1" (data connection up), then "+FTPGET: 2" (data buffered); "+FTPGET: 0" means the
// transfer could not start (missing file, refused).
result<void> L610::await_download_start() {
  const auto deadline = after(ftpget_start_timeout);
  while (true) {
    MFS_TRY(line, engine_.await_line("+FTPGET:", deadline));
    auto state = parse_status(line, "+FTPGET");
    if (state == 0) return download_failed();
    if (state == 2) return success();
    if (state == 1) return await_first_data(deadline);
  }
}

// After "+FTPGET: 1". An empty remainder (an empty file, an offset at its end) may never bring
// "+FTPGET: 2", so after each short wait the module is asked instead.
result<void> L610::await_first_data(at::Deadline deadline) {
  while (true) {
    auto line = engine_.await_line("+FTPGET:", std::min(after(ftpget_data_wait), deadline));
    if (line) {
      auto state = parse_status(line.value(), "+FTPGET");
      if (state == 0) return download_failed();
      if (state == 2) return success();
      continue;
    }
    if (line.error() != at::at_errc::timeout) return line.error();
    MFS_TRY(probe, probe_download());
    if (!probe.active || probe.eof || probe.available > 0) {
      download_->finished = !probe.active;
      return success();
    }
    if (steady_clock::now() >= deadline) return at::at_errc::timeout;
  }
}

std::error_code L610::download_failed() {
  download_.reset();
  return failure(FtpOp::retrieve);
}

// What the module says about the download: AT+FTPGET? ("+FTPGET: \"f\",1,<eof>", or only OK
// once it is back in command mode) and AT+FTPRECV? (bytes buffered).
result<L610::DownloadProbe> L610::probe_download() {
  DownloadProbe probe;
  MFS_TRY(get, engine_.command("AT+FTPGET?", at::CommandSpec{local_timeout}));
  for (const auto& line : get.lines) {
    if (auto query = parse_ftpget_query(line)) {
      probe.active = true;
      probe.eof = query->eof;
    }
  }
  if (!probe.active) return probe;
  MFS_TRY(recv, engine_.command("AT+FTPRECV?", at::CommandSpec{local_timeout}));
  for (const auto& line : recv.lines) {
    if (auto available = parse_ftprecv(line)) probe.available = *available;
  }
  return probe;
}

result<std::size_t> L610::read_download(std::string& out, std::size_t max_bytes) {
  if (!download_) return dialect_errc::no_download;
  if (download_->finished) return 0;
  if (max_bytes == 0) return std::make_error_code(std::errc::invalid_argument);
  if (download_->stream) return read_stream(out, max_bytes);
  if (download_->end && download_->position >= *download_->end) {
    // Every byte the listing promised is here: the module is done, or one empty FTPRECV away.
    download_->finished = true;
    unconfirmed_end_ = download_;
    return 0;
  }
  const auto stall_deadline = after(download_stall_timeout);
  auto pause = download_poll_initial;
  while (true) {
    MFS_TRY(got, receive_block(out, std::min(max_bytes, max_recv_chunk)));
    if (got > 0 || download_->finished) return got;
    MFS_TRY(probe, probe_download());
    if (!urc_->session_open) return dialect_errc::session_dropped;
    if (!probe.active || (probe.eof && probe.available == 0)) {
      download_->finished = true;
      return 0;
    }
    if (probe.available > 0) continue;
    if (steady_clock::now() >= stall_deadline) return at::at_errc::timeout;
    MFS_TRY(wait_for_data(pause));
    pause = std::min(pause * 2, download_poll_max);
  }
}

// One AT+FTPRECV=<n>: appends the block and returns its size (0: the buffer is momentarily
// empty, or the download just ended, which then marks it finished).
result<std::size_t> L610::receive_block(std::string& out, std::size_t max_bytes) {
  if (!urc_->session_open) return dialect_errc::session_dropped;
  at::CommandSpec recv{ftprecv_timeout};
  recv.binary_header = "+FTPRECV:";
  recv.length_field = 0;
  recv.max_block = max_bytes;
  auto block = engine_.command(ftprecv_command(max_bytes), recv);
  if (block) {
    out += block.value().block;
    download_->position += block.value().block.size();
    return block.value().block.size();
  }
  if (block.error() != at::at_errc::error) return block.error();
  // ERROR: the module may have left download mode after the last byte; the probe tells.
  MFS_TRY(probe, probe_download());
  if (!urc_->session_open) return dialect_errc::session_dropped;
  if (probe.active) return failure(FtpOp::retrieve);
  download_->finished = true;
  return 0;
}

// The module is filling its buffer: wait `pause`, waking early if it announces data.
result<void> L610::wait_for_data(std::chrono::milliseconds pause) {
  auto line = engine_.await_line("+FTPGET:", after(pause));
  if (line || line.error() == at::at_errc::timeout) return success();
  return line.error();
}

// FTPCLOSE is the only way out of a download (PROTOCOL.md 2, step 6); the next FTP operation
// reopens the session (prepare_ftp).
// A stream cannot be left early: it is read to its end and dropped.
result<void> L610::abort_download() {
  const bool active = download_active();
  if (active && download_->stream) return drain_stream();
  download_.reset();
  if (!active) return success();
  return close_modem_session();
}

void L610::expect_download_end(std::uint64_t file_size) {
  if (download_) download_->end = file_size;
}

bool L610::download_active() const {
  return download_ && !download_->finished && urc_->session_open;
}

std::uint64_t L610::download_position() const { return download_ ? download_->position : 0; }

std::string_view L610::download_path() const {
  return download_ ? std::string_view(download_->path) : std::string_view();
}

// FTPPUT cannot send zero bytes: an empty file is an FTPSTOR stream of nothing.
result<void> L610::upload(std::string_view path, UploadSource& source) {
  if (source.size() == 0) return upload_stream(path, source, 0);
  MFS_TRY(ftp::check_path(path));
  MFS_TRY(prepare_ftp());
  ++counters_.uploads_started;
  return upload_chunks(path, source);
}

// An upload that fails after its first chunk leaves the data connection open in the module,
// which then refuses every other FTP command: closing the session is the one sure way back
// (it is reopened lazily). Returns `cause`.
std::error_code L610::abandon_upload(std::error_code cause) {
  if (!line_failed(cause) && urc_->session_open) (void)close_modem_session();
  return cause;
}

// AT+FTPPUT="<path>",<len>,<eof>,1 per chunk of at most 1024 bytes: prompt "+FTPPUT: 2,<len>",
// the raw bytes, then "+FTPPUT: 1,<len>" and OK. eof=1 on the last chunk closes the file.
result<void> L610::upload_chunks(std::string_view path, UploadSource& source) {
  const std::uint64_t size = source.size();
  std::string chunk;
  for (std::uint64_t offset = 0; offset < size;) {
    chunk.resize(static_cast<std::size_t>(std::min<std::uint64_t>(max_put_chunk, size - offset)));
    auto got = source.read_at(offset, chunk);
    std::error_code failed;
    if (!got || got.value() == 0) {  // the source failed, or shrank under us
      failed = got ? std::make_error_code(std::errc::io_error) : got.error();
    } else {
      chunk.resize(got.value());
      auto stored = put_chunk(path, chunk, offset + got.value() == size, offset == 0);
      if (!stored) failed = stored.error();
    }
    if (failed) return offset == 0 ? failed : abandon_upload(failed);
    offset += got.value();
  }
  return success();
}

// One FTPPUT exchange; the first one opens the data connection (and may reopen the session).
result<void> L610::put_chunk(std::string_view path, std::string_view chunk, bool eof,
                             bool first) {
  at::CommandSpec put{ftpput_timeout};
  put.prompt = "+FTPPUT: 2,";
  put.payload = chunk;
  const std::string command = ftpput_command(path, chunk.size(), eof);
  auto accepted = first ? send_ftp(command, put, FtpOp::store) : engine_.command(command, put);
  if (!accepted && accepted.error() == at::at_errc::error) return failure(FtpOp::store);
  MFS_TRY(accepted);
  std::optional<FtpPutResult> outcome;
  for (const auto& line : accepted.value().lines) {
    auto parsed = parse_ftpput(line);
    if (parsed && parsed->result != 2) outcome = parsed;
  }
  if (!outcome) return at::at_errc::unexpected_reply;
  if (outcome->result != 1) return failure(FtpOp::store);
  if (outcome->length && *outcome->length != chunk.size()) return at::at_errc::unexpected_reply;
  return success();
}

}  // namespace mfs::dialect
