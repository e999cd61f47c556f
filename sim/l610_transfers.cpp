// The L610's transfer commands: +FTPGET/+FTPRECV through the module buffer, +FTPPUT prompted
// chunks, and the escaped streams of +FTPSTOR and +FTPRETR (PROTOCOL.md section 2).
#include <algorithm>

#include "sim/l610_responder.hpp"
#include "sim/number.hpp"
#include "sim/stream_escape.hpp"

namespace mfs::sim {
namespace {

constexpr std::uint64_t max_offset = 0xFFFFFFE;   // the seed's offset range
constexpr std::uint64_t max_recv = 3000;          // +FTPRECV=<req_length>, 1..3000
constexpr std::uint64_t max_put = 1024;           // +FTPPUT <length>, 1..1024
constexpr std::size_t retr_chunk = 16384;         // file bytes escaped per pump() call
// Seed 1.2.16: unless AT+GTSET="FTPLIMIT",0, a timer of period n paces FTPRETR. The seed gives
// neither the unit nor the amount per tick: we read n as milliseconds per TCP segment's worth
// of file bytes, so the default 50 gives 29 KB/s, a third of a 921600-baud line.
constexpr std::size_t paced_retr_chunk = 1460;
constexpr std::size_t stor_flush = 65536;         // FTPSTOR bytes gathered per data write

// "<file>"[,<type 0|1>[,<offset>]] as +FTPGET, +FTPSTOR and +FTPRETR take it.
bool valid_transfer_params(const CommandLine& cmd) {
  const auto& p = cmd.params;
  return cmd.form == CommandForm::set && !p.empty() && p.size() <= 3 && p[0].quoted &&
         (p.size() < 2 || parse_number(p[1], 1)) && (p.size() < 3 || parse_number(p[2], max_offset));
}

}  // namespace

// An explicit offset parameter wins over +FTPREST; either way the REST is used up.
std::uint64_t L610Responder::take_offset(const CommandLine& cmd) {
  std::uint64_t offset = cmd.params.size() >= 3 ? *parse_number(cmd.params[2], max_offset) : rest_;
  rest_ = 0;
  return offset;
}

void L610Responder::take_put_byte(char c) {
  put_.bytes += c;
  faults_.upload_reached(upload_received_ + put_.bytes.size());
  if (--put_.remaining == 0) finish_put();
}

void L610Responder::take_stor_byte(char c) {
  const auto data = stor_unescaper_.take(c);
  if (stor_unescaper_.ended()) return finish_stor();
  if (!data || !stor_) return;  // an escape; or the session dropped: the rest is discarded  // the session dropped: the module discards the rest of the stream
  stor_pending_ += *data;
  ++stats_.files_uploaded_bytes;
  if (stor_pending_.size() >= stor_flush) flush_stor();
  if (faults_.upload_room(++upload_received_) == 0) drop_stor();
  faults_.upload_reached(upload_received_);
  if (faults_.device_fault_pending()) flush_stor();  // what the module forwarded before it
}

void L610Responder::flush_stor() {
  stor_->write(stor_pending_);
  stor_pending_.clear();
}

void L610Responder::on_ftpget(const CommandLine& cmd) {
  if (cmd.form == CommandForm::query) {
    if (download_)
      wire_.line("+FTPGET: \"" + download_name_ + "\",1," + (download_->eof() ? "1" : "0"));
    return ok();
  }
  if (!valid_transfer_params(cmd)) return error();
  if (!require_session()) return;
  std::unique_ptr<DataReader> data;
  FtpReply reply = session_->retr(cmd.params[0].text, take_offset(cmd), data);
  if (!reply.ok) return async_result(reply, "+FTPGET: 0");
  bool before = wire_.has(Quirk::result_before_ok);
  if (!before) ok();
  wire_.hold_for(config_.link.rtt);
  // The data starts flowing when the host hears of it, one round trip on.
  auto now = std::chrono::steady_clock::now();
  download_.emplace(std::move(data), config_.link.bandwidth,
                    std::max(now, wire_.output().last_release()));
  download_name_ = cmd.params[0].text;
  download_delivered_ = 0;
  last_read_ = now;
  if (download_->eof())
    reply.lines.insert(reply.lines.end(), download_->completion().lines.begin(),
                       download_->completion().lines.end());
  info(reply);
  wire_.line("+FTPGET: 1");
  wire_.line("+FTPGET: 2");
  if (before) ok();
  end_download_if_drained();
}

void L610Responder::on_ftprecv(const CommandLine& cmd) {
  if (download_) advance_download(std::chrono::steady_clock::now());
  if (cmd.form == CommandForm::query) {
    wire_.line("+FTPRECV: " + std::to_string(download_ ? download_->available() : 0));
    return ok();
  }
  auto n = cmd.params.size() == 1 ? parse_number(cmd.params[0], max_recv) : std::nullopt;
  if (cmd.form != CommandForm::set || !n || *n == 0) return error();
  bool was_eof = !download_ || download_->eof();
  std::uint64_t room = faults_.download_room(download_delivered_);
  std::string data = download_ ? download_->take(static_cast<std::size_t>(std::min(*n, room)))
                               : std::string();
  download_delivered_ += data.size();
  stats_.files_downloaded_bytes += data.size();
  last_read_ = std::chrono::steady_clock::now();
  wire_.line("+FTPRECV: " + std::to_string(data.size()));
  wire_.raw(data);
  wire_.raw(wire_.eol());
  wire_.bare_line("OK");
  if (!was_eof && download_->eof()) info(download_->completion());
  if (download_ && faults_.download_room(download_delivered_) == 0) return drop_download();
  end_download_if_drained();
}

// The data connection delivered more (at the cellular bandwidth); its end is announced.
void L610Responder::advance_download(std::chrono::steady_clock::time_point now) {
  bool was_eof = download_->eof();
  download_->advance(now);
  if (!was_eof && download_->eof()) info(download_->completion());
}

// drop-download@N reached: the module ends an FTPRETR stream short, then the session drops.
// reboot-download@N: the serve loop reboots the module; nothing more comes from this one.
void L610Responder::drop_download() {
  if (faults_.download_dropped().kind == FaultKind::reboot) {
    retr_.reset();
    return;
  }
  if (retr_) {
    retr_.reset();
    wire_.raw(std::string_view(&stream_etx, 1));
    wire_.bare_line("+FTPRETR: 0");
  }
  close_session(true);
}

// The download ends once the whole file reached the buffer and the host read it all.
void L610Responder::end_download_if_drained() {
  if (download_ && download_->drained()) download_.reset();
}

void L610Responder::on_ftpput(const CommandLine& cmd) {
  const auto& p = cmd.params;
  bool valid = cmd.form == CommandForm::set && (p.size() == 3 || p.size() == 4) && p[0].quoted &&
               parse_number(p[1], max_put).value_or(0) > 0 && parse_number(p[2], 1) &&
               (p.size() < 4 || parse_number(p[3], 1));
  if (!valid) return error();
  if (!require_session()) return;
  if (upload_ && upload_->name != p[0].text) return error();
  if (!upload_) {
    std::unique_ptr<DataWriter> data;
    FtpReply reply = session_->stor(p[0].text, 0, data);
    wire_.hold_for(config_.link.rtt);  // the data connection opens
    info(reply);
    if (!reply.ok) {
      wire_.line("+FTPPUT: 0");
      return error();
    }
    upload_.emplace(Upload{p[0].text, std::move(data)});
    upload_received_ = 0;
  }
  std::size_t length = *parse_number(p[1], max_put);
  put_ = {length, length, *parse_number(p[2], 1) == 1, {}};
  wire_.line("+FTPPUT: 2," + std::to_string(length));
  mode_ = InputMode::put_payload;
}

void L610Responder::finish_put() {
  mode_ = InputMode::command;
  if (upload_drops_in_put()) return;
  wire_.hold_for(config_.link.transfer_time(put_.bytes.size()));
  bool written = upload_->data->write(put_.bytes);
  stats_.files_uploaded_bytes += put_.bytes.size();
  if (put_.eof || !written) {
    FtpReply completion = upload_->data->finish();
    upload_.reset();
    info(completion);
    if (!completion.ok) {  // the server kept nothing (452/552) or the data connection broke
      wire_.line("+FTPPUT: 0");
      return error();
    }
  }
  wire_.line("+FTPPUT: 1," + std::to_string(put_.length));
  ok();
}

void L610Responder::on_ftpstor(const CommandLine& cmd) {
  if (!valid_transfer_params(cmd)) return error();
  if (!require_session()) return;
  std::unique_ptr<DataWriter> data;
  FtpReply reply = session_->stor(cmd.params[0].text, take_offset(cmd), data);
  if (!reply.ok) return async_result(reply, "+FTPSTOR: 0");
  ok();
  wire_.hold_for(config_.link.rtt);
  stor_started_ = std::max(std::chrono::steady_clock::now(), wire_.output().last_release());
  upload_received_ = 0;
  info(reply);
  wire_.line("+FTPSTOR: 2");
  stor_ = std::move(data);
  stor_unescaper_ = {};
  mode_ = InputMode::stor_stream;
}

void L610Responder::finish_stor() {
  mode_ = InputMode::command;
  if (!stor_) {  // dropped (drop-upload@N): the session is gone already
    wire_.line("+FTPSTOR: 0");
    return;
  }
  // The last byte leaves over the cellular side no sooner than its bandwidth allows.
  wire_.hold_until(stor_started_ + config_.link.transfer_time(upload_received_));
  flush_stor();
  FtpReply completion = stor_->finish();
  stor_.reset();
  info(completion);
  wire_.line(completion.ok ? "+FTPSTOR: 1" : "+FTPSTOR: 0");
}

void L610Responder::on_ftpretr(const CommandLine& cmd) {
  if (!valid_transfer_params(cmd)) return error();
  if (!require_session()) return;
  std::unique_ptr<DataReader> data;
  FtpReply reply = session_->retr(cmd.params[0].text, take_offset(cmd), data);
  if (!reply.ok) return async_result(reply, "+FTPRETR: 0");
  ok();
  wire_.hold_for(config_.link.rtt);
  info(reply);
  wire_.line("+FTPRETR: 2");
  retr_ = std::move(data);
  download_delivered_ = 0;
}

void L610Responder::pump() {
  const std::size_t per_pump = ftplimit_.count() > 0 ? paced_retr_chunk : retr_chunk;
  if (ftplimit_.count() > 0) {
    auto& out = wire_.output();
    wire_.hold_until(std::max(std::chrono::steady_clock::now(), out.last_release()) + ftplimit_);
  }
  std::uint64_t room = faults_.download_room(download_delivered_);
  std::string chunk(static_cast<std::size_t>(std::min<std::uint64_t>(per_pump, room)), '\0');
  std::size_t got = retr_->read(chunk.data(), chunk.size());
  chunk.resize(got);
  wire_.raw(escaped(chunk));
  stats_.files_downloaded_bytes += got;
  download_delivered_ += got;
  if (got == room) return drop_download();
  if (got == per_pump && !retr_->exhausted()) return;
  FtpReply completion = retr_->finish();
  retr_.reset();
  wire_.raw(std::string_view(&stream_etx, 1));
  // Right after the stream's ETX: no quirk extras before the first line.
  bool first = true;
  const bool echo = ftpinfo_ && !wire_.has(Quirk::no_reply_echo);
  for (const auto& line : echo ? completion.lines : std::vector<std::string>{}) {
    if (first) wire_.bare_line("+FTPINFO: " + line);
    else wire_.line("+FTPINFO: " + line);
    first = false;
  }
  std::string result = completion.ok ? "+FTPRETR: 1" : "+FTPRETR: 0";
  if (first) wire_.bare_line(result);
  else wire_.line(result);
}

void L610Responder::tick(std::chrono::steady_clock::time_point now) {
  if (download_) advance_download(now);
  if (download_ && download_->available() > 0 && now - last_read_ >= config_.unread_timeout)
    close_session(true);
  bool between_commands = mode_ == InputMode::command && !retr_ && !download_ && !upload_;
  if (session_ && between_commands && session_->closed_by_server()) close_session(true);
}

}  // namespace mfs::sim
