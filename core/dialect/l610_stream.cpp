// L610 escaped streams (seed 1.2.15, 1.2.16; PROTOCOL.md section 2): FTPRETR sends the file
// as one stream ended by an unescaped 0x03, then +FTPRETR: 1; FTPSTOR takes one the same way,
// then answers +FTPSTOR: 1. No round trip per chunk: the fast path for long transfers. While
// FTPRETR streams the module reads no command, so a stream is only ever left at its end.
#include <algorithm>

#include "core/at/at_error.hpp"
#include "core/dialect/dialect_error.hpp"
#include "core/dialect/l610.hpp"
#include "core/dialect/l610_commands.hpp"
#include "core/dialect/transfer_offset.hpp"
#include "core/ftp/path_rules.hpp"
#include "core/util/log.hpp"

namespace mfs::dialect {

using namespace l610;
using ftp::FtpOp;

// An offset past the module's range starts at the highest it takes (transfer_offset.hpp).
result<void> L610::begin_stream_download(std::string_view path, std::uint64_t offset) {
  MFS_TRY(ftp::check_path(path));
  MFS_TRY(prepare_ftp());
  const std::uint64_t start = module_offset(offset);
  at::CommandSpec retr{ftp_accept_timeout};
  retr.data_mode_result = "+FTPRETR: 2";  // the stream may follow it before OK
  MFS_TRY(send_ftp(ftpretr_command(path, start), retr, FtpOp::retrieve));
  download_.emplace();
  download_->path = path;
  download_->position = start;
  download_->stream.emplace(engine_);
  ++counters_.downloads_started;
  auto started = await_stream_start("+FTPRETR", after(ftpget_start_timeout));
  if (!started) {
    download_.reset();
    return started;
  }
  return skip_download_to(*this, offset);
}

bool L610::download_is_stream() const {
  return download_active() && download_->stream.has_value();
}

// "+X: 2": the data connection is up and the stream may flow; "+X: 0": it could not start.
result<void> L610::await_stream_start(std::string_view name, at::Deadline deadline) {
  const std::string prefix = std::string(name) + ":";
  while (true) {
    MFS_TRY(line, engine_.await_line(prefix, deadline));
    const auto state = parse_status(line, name);
    if (state == 0) return failure(name == "+FTPRETR" ? FtpOp::retrieve : FtpOp::store);
    if (state == 2) return success();
  }
}

// The stream's proven bytes (StreamReader). A module that restarted inside the stream ended
// the stream, the session and the download with it.
result<std::size_t> L610::read_stream(std::string& out, std::size_t max_bytes) {
  Download& d = *download_;
  std::optional<std::uint64_t> left;
  if (d.end) left = *d.end > d.position ? *d.end - d.position : 0;
  auto got = d.stream->read(out, max_bytes, left);
  if (!got) {
    if (got.error() != at::at_errc::modem_restarted) return got.error();
    log_->warn("{}: the module restarted inside the stream at byte {}", d.path, d.position);
    download_.reset();
    urc_->session_open = false;
    return got.error();
  }
  d.position += got.value();
  if (d.stream->ended()) {
    MFS_TRY(finish_stream());
  }
  return got;
}

// After the end byte: "+FTPRETR: 1" (complete) or "+FTPRETR: 0" (the server broke it off; what
// arrived is good, the rest must be fetched again). The module takes commands again either way.
result<void> L610::finish_stream() {
  download_->finished = true;
  MFS_TRY(line, engine_.await_line("+FTPRETR:", after(stream_result_timeout)));
  if (parse_status(line, "+FTPRETR") != 1) return failure(FtpOp::retrieve);
  return success();
}

result<void> L610::drain_stream() {
  MFS_TRY(drain_download(*this));
  download_.reset();
  return success();
}

// AT+FTPSTOR="<path>",1,<offset>, "+FTPSTOR: 2", the escaped bytes and the end byte, then
// "+FTPSTOR: 1" once the server confirmed the file. The end byte is sent even when the source
// fails midway, or the module reports the upload broken, so the module is back in command mode
// (the partial file keeps its staging name).
result<void> L610::upload_stream(std::string_view path, UploadSource& source,
                                 std::uint64_t offset) {
  MFS_TRY(ftp::check_path(path));
  if (offset > source.size()) return std::make_error_code(std::errc::invalid_argument);
  offset = module_offset(offset);  // past the range: resend from the highest offset it takes
  MFS_TRY(prepare_ftp());
  ++counters_.uploads_started;
  at::CommandSpec stor{ftp_accept_timeout};
  stor.data_mode_result = "+FTPSTOR: 2";  // the module may take the stream before its OK
  MFS_TRY(send_ftp(ftpstor_command(path, offset), stor, FtpOp::store));
  const auto deadline = after(ftpstor_timeout);
  MFS_TRY(await_stream_start("+FTPSTOR", deadline));
  std::optional<std::string> said;  // the +FTPSTOR line, when the module gave it early
  // Stops early once the module reports the upload broken: the rest would only go into a
  // stream it discards (a 3 MB file once sent 16 MB that way over retries).
  const auto sent = send_escaped(engine_, source, offset, [&]() -> result<bool> {
    MFS_TRY(broken, upload_broken(said));
    if (broken) log_->warn("{}: the module broke off the upload stream", path);
    return broken;
  });
  if (!sent && sent.error() == at::at_errc::modem_restarted) return sent;
  MFS_TRY(engine_.write_raw(std::string_view(&stream_end, 1), after(raw_write_timeout)));
  if (!said) {
    MFS_TRY(line, engine_.await_line("+FTPSTOR:", after(ftpstor_timeout)));
    said = line;
  }
  if (parse_status(*said, "+FTPSTOR") != 1) {
    if (!urc_->session_open) return dialect_errc::session_dropped;
    return failure(FtpOp::store);
  }
  return sent;
}

// A look, without waiting, at what the module said during an upload stream: a result line
// (+FTPSTOR: 0) or a dropped session (+FTPCLOSE, seen by its subscriber) means it broke off the
// upload; a banner means it restarted. Other lines (noise URCs) change nothing.
result<bool> L610::upload_broken(std::optional<std::string>& result) {
  auto line = engine_.await_line("+FTPSTOR:", after(upload_peek));
  if (line) {
    result = std::move(line.value());
    return true;
  }
  if (line.error() != at::at_errc::timeout) return line.error();
  return !urc_->session_open;
}

// The module answered ERROR right after a download we ended by its known size: it may still be
// in download mode, waiting for an empty FTPRECV. Read the download out the slow way.
result<void> L610::confirm_download_end() {
  download_ = *unconfirmed_end_;
  unconfirmed_end_.reset();
  download_->finished = false;
  download_->end.reset();
  std::string rest;
  while (download_active()) {
    MFS_TRY(n, read_download(rest, max_recv_chunk));
    if (n == 0) break;
  }
  download_.reset();
  return success();
}

}  // namespace mfs::dialect
