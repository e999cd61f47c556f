// The SIM7000's module-RAM methods (seed 5.12, 5.13): FTPEXTPUT fills RAM from the host and the
// next FTPPUT uploads it whole; FTPEXTGET fetches a whole file into RAM and serves any range.
#include "sim/number.hpp"
#include "sim/sim7000_responder.hpp"

namespace mfs::sim {
namespace {

constexpr std::uint64_t max_offset = 0xFFFFFFF;
// AT+FTPEXTPUT's serial timeout for the data, in ms (SIMCom FTP manuals: 1000..1000000).
constexpr std::uint64_t min_extput_timeout = 1000;
constexpr std::uint64_t max_extput_timeout = 1000000;

}  // namespace

// AT+FTPEXTPUT=1 makes FTPPUT upload RAM, =0 goes back to chunks (and frees RAM);
// AT+FTPEXTPUT=2,<pos>,<len>,<timeout> -> "+FTPEXTPUT: <pos>,<len>", len bytes to RAM, OK.
void Sim7000Responder::on_ftpextput(const CommandLine& cmd) {
  const auto& p = cmd.params;
  if (cmd.form != CommandForm::set || p.empty()) return error();
  std::uint64_t mode = parse_number(p[0], 2).value_or(3);  // 3: no mode the module knows
  if (mode <= 1 && p.size() == 1) {
    if (mode == 0) extput_data_.reset();
    else if (!extput_data_) extput_data_.emplace();
    return ok();
  }
  auto pos = p.size() == 4 ? parse_number(p[1], extget_capacity) : std::nullopt;
  auto len = p.size() == 4 ? parse_number(p[2], extget_capacity) : std::nullopt;
  auto timeout = p.size() == 4 ? parse_number(p[3], max_extput_timeout) : std::nullopt;
  bool valid = mode == 2 && pos && len && *len > 0 && *pos + *len <= extget_capacity &&
               timeout >= min_extput_timeout;
  if (!valid || !extput_data_) return error();
  wire_.line("+FTPEXTPUT: " + std::to_string(*pos) + "," + std::to_string(*len));
  extput_pos_ = *pos;
  put_remaining_ = *len;
  put_bytes_.clear();
}

// The FTPEXTPUT data is in: into RAM at its position (a gap before it holds NUL bytes).
void Sim7000Responder::finish_extput() {
  std::string& ram = *extput_data_;
  std::size_t pos = *extput_pos_;
  extput_pos_.reset();
  if (ram.size() < pos + put_bytes_.size()) ram.resize(pos + put_bytes_.size());
  ram.replace(pos, put_bytes_.size(), put_bytes_);
  ok();
}

// FTPPUT after FTPEXTPUT=1: the whole of RAM in one STOR, then "+FTPPUT: 1,0".
void Sim7000Responder::upload_ram(const std::string& urc, std::unique_ptr<FtpBackend> session,
                                  std::unique_ptr<DataWriter> data) {
  bool written = data->write(*extput_data_) && data->finish().ok;
  stats_.files_uploaded_bytes += extput_data_->size();
  data.reset();
  session->quit();
  wire_.hold_for(config_.link.transfer_time(extput_data_->size()));
  send_result(urc, written ? 0 : 78);
}

// AT+FTPEXTGET=1 starts the fetch, AT+FTPEXTGET? reports "<mode>,<bytes held>",
// AT+FTPEXTGET=3,<offset>,<len> sends a range, AT+FTPEXTGET=0 frees the RAM.
void Sim7000Responder::on_ftpextget(const CommandLine& cmd) {
  const auto& p = cmd.params;
  if (cmd.form == CommandForm::query) {
    bool on = extget_data_ || (pending_ && pending_->action == Action::extget);
    wire_.line(std::string("+FTPEXTGET: ") + (on ? "1," : "0,") +
               std::to_string(extget_data_ ? extget_data_->size() : 0));
    return ok();
  }
  if (cmd.form != CommandForm::set || p.empty()) return error();
  std::uint64_t mode = parse_number(p[0], 3).value_or(4);  // 4: no mode the module knows
  if (mode == 0 && p.size() == 1) {
    extget_data_.reset();
    return ok();
  }
  if (mode == 1 && p.size() == 1) {
    if (parameter("+FTPGETNAME").empty()) return ok_and_urc("+FTPEXTGET: 1,66");
    return start_action(Action::extget, cmd.name);
  }
  auto offset = p.size() == 3 ? parse_number(p[1], max_offset) : std::nullopt;
  auto length = p.size() == 3 ? parse_number(p[2], extget_capacity) : std::nullopt;
  if (mode != 3 || !offset || !length || !extget_data_ || *offset > extget_data_->size())
    return error();
  std::string_view range = std::string_view(*extget_data_).substr(*offset, *length);
  stats_.files_downloaded_bytes += range.size();
  send_block("+FTPEXTGET: 3," + std::to_string(range.size()), range);
}

// The whole file into module RAM; one larger than the RAM fails with 79 (download error).
void Sim7000Responder::run_extget(const std::string& urc) {
  extget_data_.reset();
  auto session = login(urc);
  if (!session) return;
  std::unique_ptr<DataReader> data;
  if (!session->retr(get_file(), 0, data).ok) {
    session->quit();
    return send_result(urc, 77);
  }
  std::string bytes(extget_capacity + 1, '\0');
  std::size_t got = 0;
  for (std::size_t n = 1; n > 0 && got < bytes.size(); got += n)
    n = data->read(bytes.data() + got, bytes.size() - got);
  bool complete = got <= extget_capacity && data->finish().ok;
  data.reset();
  session->quit();
  if (!complete) return send_result(urc, 79);
  bytes.resize(got);
  extget_data_ = std::move(bytes);
  wire_.line(urc + ": 1,0");
}

}  // namespace mfs::sim
