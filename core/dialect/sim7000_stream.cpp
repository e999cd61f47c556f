// SIM7000 escaped streams (seed 5.14, 5.15; PROTOCOL.md section 3), the counterpart of the
// L610's FTPRETR/FTPSTOR: no round trip per block. FTPETGET sends the file (from FTPREST) as one
// stream ended by an unescaped ETX, then "+FTPGET: 1,0" (the transcript's name; "+FTPETGET:
// 1,<code>" is taken as well). FTPETPUT opens the upload ("+FTPETPUT: 1,1"), AT+FTPETPUT=2
// puts the module in data mode, the host's stream ends with ETX, and "+FTPETPUT: 1,0" follows
// once the server confirmed. While a download stream flows the module reads no command, so it
// is only ever left at its end (abort_download drains it).
#include "core/at/at_error.hpp"
#include "core/dialect/sim7000.hpp"
#include "core/dialect/sim7000_commands.hpp"
#include "core/dialect/sim7000_errors.hpp"
#include "core/dialect/transfer_offset.hpp"
#include "core/ftp/path_rules.hpp"
#include "core/util/log.hpp"

namespace mfs::dialect {

using namespace sim7000;
using ftp::FtpOp;
using std::chrono::steady_clock;

namespace {

// A firmware without the stream commands answers ERROR to them: the session then falls back
// to blocks (TransferPlan::worth_fallback).
std::error_code without_streams(const std::error_code& ec) {
  return is_refusal(ec) ? std::make_error_code(std::errc::operation_not_supported) : ec;
}

}  // namespace

result<void> Sim7000::begin_stream_download(std::string_view path, std::uint64_t offset) {
  MFS_TRY(start, prepare_download(path, offset));
  ++counters_.downloads_started;
  const auto seen = record("+FTPETGET").seen;
  if (auto started = start_action("AT+FTPETGET=1", "+FTPETGET"); !started)
    return without_streams(started.error());
  MFS_TRY(opened, await_new_result("+FTPETGET", seen, after(ftp_action_timeout)));
  if (opened.code != result_ready) {
    if (opened.code == result_done) return at::at_errc::unexpected_reply;
    return ftp_failure(opened.code, FtpOp::retrieve);
  }
  // The stream follows "+FTPETGET: 1,1" at once: nothing may read lines from here on.
  download_ = Download{.path = std::string(path), .position = start, .end = std::nullopt,
                       .finished = false, .stream = StreamReader(engine_)};
  return skip_download_to(*this, offset);
}

bool Sim7000::download_is_stream() const {
  return download_active() && download_->stream.has_value();
}

// The stream's proven bytes (StreamReader); after its end byte, the transfer's result.
result<std::size_t> Sim7000::read_stream(std::string& out, std::size_t max_bytes) {
  Download& d = *download_;
  std::optional<std::uint64_t> left;
  if (d.end) left = *d.end > d.position ? *d.end - d.position : 0;
  const auto get_seen = record("+FTPGET").seen;
  const auto etget_seen = record("+FTPETGET").seen;
  auto got = d.stream->read(out, max_bytes, left);
  if (!got) {
    if (got.error() == at::at_errc::modem_restarted) {
      log_->warn("{}: the module restarted inside the stream at byte {}", d.path, d.position);
      urc_->params_lost = true;
    }
    download_.reset();
    return got.error();
  }
  d.position += got.value();
  if (d.stream->ended()) {
    d.finished = true;
    MFS_TRY(stream_result(get_seen, etget_seen));
  }
  return got;
}

// "+FTPGET: 1,0" after the end byte (or "+FTPETGET: 1,<code>"); another code means the server
// broke the transfer off: what arrived is good, the rest must be fetched again.
result<void> Sim7000::stream_result(std::uint64_t get_seen, std::uint64_t etget_seen) {
  const auto deadline = after(ftp_action_timeout);
  while (record("+FTPGET").seen == get_seen && record("+FTPETGET").seen == etget_seen) {
    MFS_TRY(engine_.await_line("+FTP", deadline));
  }
  const auto& last = record("+FTPGET").seen != get_seen ? record("+FTPGET").last
                                                        : record("+FTPETGET").last;
  if (last->code == result_done) return success();
  return ftp_failure(last->code, FtpOp::retrieve);
}

result<void> Sim7000::drain_stream() {
  MFS_TRY(drain_download(*this));
  download_.reset();
  return success();
}

// ETPUT names its file with FTPGETPATH/FTPGETNAME in the note's transcript; FTPPUTPATH and
// FTPPUTNAME are set to the same file for firmware that reads the PUT parameters instead.
// offset 0 stores (FTPPUTOPT "STOR"), a larger one appends after the `offset` bytes the server
// holds ("APPE"). The end byte is sent even when the source fails midway, so the module is
// back in command mode (the partial file keeps its staging name).
result<void> Sim7000::upload_stream(std::string_view path, UploadSource& source,
                                    std::uint64_t offset) {
  upload_confirmed_ = false;  // a stream's bytes are counted by nobody: see upload_confirmed
  MFS_TRY(ftp::check_path(path));
  if (offset > source.size()) return std::make_error_code(std::errc::invalid_argument);
  MFS_TRY(prepare_action());
  const SplitPath where = split_path(path);
  if (where.name.empty()) return std::make_error_code(std::errc::is_a_directory);
  MFS_TRY(set_path_params("+FTPGETPATH", where.dir, "+FTPGETNAME", where.name));
  MFS_TRY(set_path_params("+FTPPUTPATH", where.dir, "+FTPPUTNAME", where.name));
  MFS_TRY(set_put_option(offset > 0));
  ++counters_.uploads_started;
  auto seen = record("+FTPETPUT").seen;
  if (auto started = start_action("AT+FTPETPUT=1", "+FTPETPUT"); !started)
    return without_streams(started.error());
  MFS_TRY(ready, await_new_result("+FTPETPUT", seen, after(ftp_action_timeout)));
  if (ready.code != result_ready) {
    if (ready.code == result_done) return at::at_errc::unexpected_reply;
    return ftp_failure(ready.code, FtpOp::store);
  }
  seen = record("+FTPETPUT").seen;
  MFS_TRY(engine_.command("AT+FTPETPUT=2", at::CommandSpec{ftp_accept_timeout}));
  // A result line during the stream means the module ended the upload: stop sending.
  const auto sent = send_escaped(engine_, source, offset, [&]() -> result<bool> {
    auto line = engine_.await_line("+FTPETPUT:", after(upload_peek));
    if (!line && line.error() != at::at_errc::timeout) return line.error();
    const bool broken = record("+FTPETPUT").seen != seen;
    if (broken) log_->warn("{}: the module broke off the upload stream", path);
    return broken;
  });
  if (!sent && sent.error() == at::at_errc::modem_restarted) return sent;
  MFS_TRY(engine_.write_raw(std::string_view(&stream_end, 1), after(raw_write_timeout)));
  // "+FTPETPUT: 2,1" and OK, then "+FTPETPUT: 1,0" once the server confirmed.
  MFS_TRY(end, await_new_result("+FTPETPUT", seen, after(ftp_action_timeout)));
  if (end.code != result_done) return ftp_failure(end.code, FtpOp::store);
  return sent;
}

// The stream when the module has one; chunks with APPE where it refuses FTPETPUT.
result<void> Sim7000::resume_upload(std::string_view path, UploadSource& source,
                                    std::uint64_t offset, bool stream) {
  if (stream) {
    auto streamed = upload_stream(path, source, offset);
    if (streamed || streamed.error() != std::errc::operation_not_supported) return streamed;
  }
  return put_file(path, source, offset);
}

}  // namespace mfs::dialect
