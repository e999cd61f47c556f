// L610 escaped streams (seed 1.2.15, 1.2.16; PROTOCOL.md section 2): FTPRETR sends the file
// as one stream ended by an unescaped 0x03, then +FTPRETR: 1; FTPSTOR takes one the same way,
// then answers +FTPSTOR: 1. No round trip per chunk: the fast path for long transfers. While
// FTPRETR streams the module reads no command, so a stream is only ever left at its end.
#include <algorithm>
#include <thread>

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
  download_->stream = true;
  ++counters_.downloads_started;
  auto started = await_stream_start("+FTPRETR", after(ftpget_start_timeout));
  if (!started) {
    download_.reset();
    return started;
  }
  download_->stream_since = std::chrono::steady_clock::now();
  return skip_download_to(*this, offset);
}

bool L610::download_is_stream() const { return download_active() && download_->stream; }

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

// Hands over up to `max_bytes` proven stream bytes, reading the line until some are proven or
// the stream ends. Bytes after the end byte are the module's lines again: they go back to the
// engine. A stream that breaks off (a stall, a reboot) loses only its unproven tail: the
// position stays at the last proven byte, where a retry resumes.
result<std::size_t> L610::read_stream(std::string& out, std::size_t max_bytes) {
  Download& d = *download_;
  d.wire.resize(stream_read_chunk);
  const std::span<char> wire(d.wire.data(), stream_read_chunk);
  while (d.proven.empty() && !d.decoder.ended()) {
    const bool restart_held = d.decoder.holds_restart();
    auto got = engine_.read_raw(wire, after(restart_held ? stream_restart_quiet
                                                         : stream_stall_timeout));
    if (!got) return stream_broken(got.error(), restart_held);
    const std::size_t used = d.decoder.decode(std::string_view(wire.data(), got.value()), d.proven);
    if (used < got.value())
      engine_.unread_raw(std::string_view(wire.data() + used, got.value() - used));
    d.stream_wire_bytes += got.value();
    if (got.value() < stream_gather_below && !d.decoder.ended())
      pause_to_gather(d, still_to_come(d, got.value()));
  }
  const std::size_t delivered = std::min(max_bytes, d.proven.size());
  out.append(d.proven, 0, delivered);
  d.proven.erase(0, delivered);
  d.position += delivered;
  if (d.decoder.ended() && d.proven.empty()) {
    MFS_TRY(finish_stream());
  }
  return delivered;
}

// The stream broke off with `cause`: its unproven tail is dropped. A banner held when the line
// went quiet means the module restarted: the stream, the session and the download are over.
std::error_code L610::stream_broken(std::error_code cause, bool restart_held) {
  download_->decoder.drop_held();
  if (!restart_held || cause != at::at_errc::timeout) return cause;
  log_->warn("{}: the module restarted inside the stream at byte {}", download_->path,
             download_->position + download_->proven.size());
  download_.reset();
  urc_->session_open = false;
  return at::at_errc::modem_restarted;
}

// What is worth waiting for after a short read of `got` bytes: the rest of stream_gather_below,
// but no more than the file still holds past what arrived (the end byte and the result line
// follow the last data byte at once: waiting for them would only add latency to every small
// file).
std::size_t L610::still_to_come(const Download& d, std::size_t got) {
  const std::uint64_t arrived = d.position + d.proven.size() + d.decoder.held();
  std::uint64_t wanted = stream_gather_below - got;
  if (d.end) wanted = std::min(wanted, *d.end > arrived ? *d.end - arrived : 0);
  return static_cast<std::size_t>(wanted);
}

// After a short read, sleeps about as long as the line needs to bring `wanted` bytes at the rate
// the stream has had so far (at most stream_gather_pause): a slow serial line then hands over a
// few KiB per wakeup, and a fast one (a USB module, a pty) is not held back.
void L610::pause_to_gather(const Download& d, std::size_t wanted) {
  using namespace std::chrono;
  const auto flowing = duration<double>(steady_clock::now() - d.stream_since).count();
  if (wanted == 0 || flowing <= 0 || d.stream_wire_bytes == 0) return;
  const double bytes_per_second = static_cast<double>(d.stream_wire_bytes) / flowing;
  const auto needed = duration<double>(static_cast<double>(wanted) / bytes_per_second);
  const auto pause = std::min(duration_cast<microseconds>(needed),
                              duration_cast<microseconds>(stream_gather_pause));
  if (pause >= milliseconds(1)) std::this_thread::sleep_for(pause);
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
  std::string dropped;
  while (download_active()) {
    dropped.clear();
    MFS_TRY(read_stream(dropped, stream_read_chunk));
  }
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
  std::optional<std::string> result;  // the +FTPSTOR line, when the module gave it early
  const auto sent = send_stream(source, offset, result);
  if (!sent && sent.error() == at::at_errc::modem_restarted) return sent;
  MFS_TRY(engine_.write_raw(std::string_view(&stream_end, 1), after(raw_write_timeout)));
  if (!result) {
    MFS_TRY(line, engine_.await_line("+FTPSTOR:", after(ftpstor_timeout)));
    result = line;
  }
  if (parse_status(*result, "+FTPSTOR") != 1) {
    if (!urc_->session_open) return dialect_errc::session_dropped;
    return failure(FtpOp::store);
  }
  return sent;
}

// Stops early when the module reports the upload broken between two chunks: the rest would only
// go into a stream it discards (a 3 MB file once sent 16 MB that way over retries).
result<void> L610::send_stream(UploadSource& source, std::uint64_t offset,
                               std::optional<std::string>& result) {
  std::string chunk(stream_write_chunk, '\0');
  std::string wire;
  for (std::uint64_t pos = offset; pos < source.size();) {
    MFS_TRY(broken, upload_broken(result));
    if (broken) {
      log_->warn("the module broke off the upload stream at byte {}", pos);
      return success();
    }
    MFS_TRY(got, source.read_at(pos, chunk));
    if (got == 0) return std::make_error_code(std::errc::io_error);  // the source shrank
    wire.clear();
    escape_stream(std::string_view(chunk.data(), got), wire);
    MFS_TRY(engine_.write_raw(wire, after(stream_write_timeout)));
    pos += got;
  }
  return success();
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
