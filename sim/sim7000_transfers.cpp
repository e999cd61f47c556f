// The SIM7000's transfers (PROTOCOL.md section 3, seed 5.1-5.7, 5.11, 5.16): FTPGET and
// FTPLIST read in blocks of at most 1460 bytes after "+<cmd>: 1,1", ending with "+<cmd>: 1,0"
// once the host has read everything; FTPPUT writes prompted chunks of at most 1360 bytes until
// "AT+FTPPUT=2,0" (or, after AT+FTPEXTPUT=1, uploads what module RAM holds).
#include <algorithm>

#include "sim/number.hpp"
#include "sim/sim7000_responder.hpp"

namespace mfs::sim {
namespace {

// A LIST's bytes, read like a file so the listing goes through the same module buffer.
class ListingReader final : public DataReader {
 public:
  ListingReader(std::string data, FtpReply reply) : data_(std::move(data)), reply_(std::move(reply)) {}
  std::size_t read(char* out, std::size_t n) override {
    n = std::min(n, data_.size() - pos_);
    std::copy_n(data_.data() + pos_, n, out);
    pos_ += n;
    return n;
  }
  bool exhausted() const override { return pos_ == data_.size(); }
  FtpReply finish() override { return reply_; }

 private:
  std::string data_;
  std::size_t pos_ = 0;
  FtpReply reply_;
};

// The mode of "AT+FTPGET=<mode>[,<n>]"; nullopt for any other shape.
std::optional<std::uint64_t> transfer_mode(const CommandLine& cmd) {
  const auto& p = cmd.params;
  if (cmd.form != CommandForm::set || p.empty()) return std::nullopt;
  auto mode = parse_number(p[0], 3);
  if (mode == 1 && p.size() == 1) return 1;
  if (mode == 2 && p.size() == 2) return 2;
  return std::nullopt;
}

}  // namespace

void Sim7000Responder::on_ftpget(const CommandLine& cmd) {
  auto mode = transfer_mode(cmd);
  if (!mode) return error();
  if (*mode == 2) return read_block(cmd);
  if (parameter("+FTPGETNAME").empty()) return ok_and_urc("+FTPGET: 1,66");  // seed 5.5
  start_action(Action::get, cmd.name);
}

void Sim7000Responder::on_ftplist(const CommandLine& cmd) {
  auto mode = transfer_mode(cmd);
  if (!mode) return error();
  if (*mode == 2) return read_block(cmd);
  start_action(Action::list, cmd.name);
}

// "AT+FTPGET=2,<n>" / "AT+FTPLIST=2,<n>": only once the ready URC went out (seed 5.6). A read
// that finds nothing yet answers "+FTPGET: 2,0"; the data that arrives next is announced again.
void Sim7000Responder::read_block(const CommandLine& cmd) {
  auto n = parse_number(cmd.params[1], read_max);
  bool readable = transfer_ && transfer_ready_ && transfer_->urc == cmd.name && transfer_->download;
  if (!n || *n == 0 || !readable) return strict() ? core_.cme_error(3) : error();
  auto now = clock::now();
  poll_download(now);
  std::string data = transfer_->download->take(download_room(*n));
  transfer_->done += data.size();
  transfer_->last_read = now;
  if (data.empty()) transfer_->announce_on_data = true;
  if (cmd.name == "+FTPGET") stats_.files_downloaded_bytes += data.size();
  send_block(cmd.name + ": 2," + std::to_string(data.size()), data);
  after_download_block();
  // Strict: the end goes out with the last byte, not at the next tick.
  if (strict() && transfer_ && transfer_->download && transfer_->download->drained())
    end_transfer(transfer_->download->completion().ok ? 0 : 79);
}

// A length-announced block: the header line, exactly the data, then OK on a line of its own.
void Sim7000Responder::send_block(const std::string& header, std::string_view data) {
  wire_.line(header);
  wire_.raw(data);
  wire_.raw(wire_.eol());
  wire_.bare_line("OK");
}

// RETR from FTPREST (which stays set until changed, as the other parameters do).
void Sim7000Responder::run_get(const std::string& urc) {
  auto session = login(urc);
  if (!session) return;
  std::unique_ptr<DataReader> data;
  std::uint64_t offset = std::stoull(parameter("+FTPREST"));
  if (!session->retr(get_file(), offset, data).ok) {
    session->quit();
    return send_result(urc, 77);
  }
  open_download(urc, std::move(session), std::move(data));
}

void Sim7000Responder::run_list(const std::string& urc) {
  auto session = login(urc);
  if (!session) return;
  std::string path = parameter("+FTPGETPATH");
  std::string listing;
  FtpReply reply;
  if (strict()) {  // GETPATH is a directory: entered, then listed; a file path cannot be entered
    reply = path.empty() ? FtpReply{true, {}} : session->cwd(path);
    if (reply.ok) reply = session->list(std::nullopt, listing);
  } else {
    reply = session->list(path.empty() ? std::nullopt : std::optional<std::string_view>(path),
                          listing);
  }
  if (!reply.ok) {
    session->quit();
    return send_result(urc, 77);
  }
  open_download(urc, std::move(session), std::make_unique<ListingReader>(std::move(listing), reply));
}

// The data connection fills the module buffer at the cellular bandwidth from now on.
void Sim7000Responder::open_download(const std::string& urc, std::unique_ptr<FtpBackend> session,
                                     std::unique_ptr<DataReader> data) {
  auto now = clock::now();
  transfer_.reset(new Transfer{urc, std::move(session),
                               DownloadBuffer(std::move(data), config_.link.bandwidth, now),
                               nullptr, now, now});
  poll_download(now);
}

// Moves what the network delivered into the module buffer; new data after an empty read (or the
// first data) is announced with "+<cmd>: 1,1", after which the host may read.
void Sim7000Responder::poll_download(clock::time_point now) {
  Transfer& t = *transfer_;
  t.download->advance(now);
  if (!t.announce_on_data || t.download->available() == 0) return;
  t.announce_on_data = false;
  transfer_ready_ = true;
  t.last_announce = now;
  t.last_read = now;  // the unread timeout runs from the announcement
  wire_.line(t.urc + ": 1,1");
}

// The open transfer's timers: its end once the host read everything, the repeated
// "+FTPGET: 1,1" while data waits unread, the next "+FTPPUT: 1,1,1360" once the last chunk has
// crossed the network, and the session timeout (code 64, seed 5.3) when the host leaves data
// unread (or sends no chunk) for the unread timeout.
void Sim7000Responder::tick_transfer(clock::time_point now) {
  if (!transfer_) return;
  Transfer& t = *transfer_;
  if (t.upload && !transfer_ready_ && now >= t.ready_at) {
    transfer_ready_ = true;
    t.last_read = now;
    wire_.line(t.urc + ": 1,1," + std::to_string(put_max));
  }
  if (t.download) poll_download(now);
  if (t.download && t.download->drained()) return end_transfer(t.download->completion().ok ? 0 : 79);
  if (!transfer_ready_) return;
  bool waiting = !t.download || t.download->available() > 0;  // data unread, or no chunk sent
  if (waiting && now - t.last_read >= config_.unread_timeout) return end_transfer(64);
  if (t.download && t.download->available() > 0 && now - t.last_announce >= config_.unread_timeout / 4) {
    wire_.line(t.urc + ": 1,1");
    t.last_announce = now;
  }
}

// Ends the open transfer's FTP session and says so: "+<cmd>: 1,<code>".
void Sim7000Responder::end_transfer(int code) {
  std::unique_ptr<Transfer> ended = std::move(transfer_);
  transfer_ready_ = false;
  put_remaining_ = 0;
  ended->download.reset();
  ended->upload.reset();
  ended->session->quit();
  send_result(ended->urc, code);
}

void Sim7000Responder::on_ftpput(const CommandLine& cmd) {
  auto mode = transfer_mode(cmd);
  if (!mode) return error();
  if (*mode == 1) {
    if (parameter("+FTPPUTNAME").empty()) return ok_and_urc("+FTPPUT: 1,66");
    return start_action(Action::put, cmd.name);
  }
  auto length = parse_number(cmd.params[1], put_max);
  bool writable = transfer_ && transfer_ready_ && transfer_->urc == cmd.name;
  if (!length || !writable) return error();
  transfer_->last_read = clock::now();
  if (*length > 0) {
    wire_.line("+FTPPUT: 2," + std::to_string(*length));
    put_remaining_ = *length;
    put_bytes_.clear();
    return;
  }
  int code = transfer_->upload->finish().ok ? 0 : 78;  // "AT+FTPPUT=2,0": the upload is complete
  bool before = wire_.has(Quirk::result_before_ok);
  if (!before) ok();
  end_transfer(code);
  if (before) ok();
}

// Where a PUT or ETPUT of `file` starts: 0 (STOR), or its current size when FTPPUTOPT is
// "APPE" (the server appends).
std::uint64_t Sim7000Responder::store_offset(FtpBackend& session, const std::string& file) const {
  if (parameter("+FTPPUTOPT") != "APPE") return 0;
  FtpReply size = session.size(file);
  if (size.ok && !size.lines.empty() && size.lines.back().starts_with("213 "))
    return std::stoull(size.lines.back().substr(4));
  return 0;
}

void Sim7000Responder::run_put(const std::string& urc) {
  auto session = login(urc);
  if (!session) return;
  std::unique_ptr<DataWriter> data;
  if (!session->stor(put_file(), store_offset(*session, put_file()), data).ok) {
    session->quit();
    return send_result(urc, 77);
  }
  if (extput_data_) return upload_ram(urc, std::move(session), std::move(data));
  auto now = clock::now();
  transfer_.reset(new Transfer{urc, std::move(session), std::nullopt, std::move(data), now, now});
  transfer_ready_ = true;
  wire_.line(urc + ": 1,1," + std::to_string(put_max));
}

// The prompted chunk is in: OK, and the module takes the next one once this one has crossed the
// network (tick_transfer announces it).
void Sim7000Responder::finish_put_chunk() {
  if (upload_drops_in_chunk()) return;
  transfer_->done += put_bytes_.size();
  bool written = transfer_->upload->write(put_bytes_);
  stats_.files_uploaded_bytes += put_bytes_.size();
  ok();
  if (!written) return end_transfer(78);
  transfer_ready_ = false;
  transfer_->ready_at = clock::now() + config_.link.transfer_time(put_bytes_.size());
}

}  // namespace mfs::sim
