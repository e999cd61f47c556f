// L610Responder core: command-line input, the command table, and the OK / ERROR /
// async-result helpers every command uses.
#include "sim/l610_responder.hpp"

#include <map>

namespace mfs::sim {
namespace {

// A command line longer than this is answered with ERROR, like a module's AT buffer overflow.
constexpr std::size_t max_line_length = 4096;

}  // namespace

L610Responder::L610Responder(const SimConfig& config, WireWriter& wire, SimStats& stats,
                             FaultPlan& faults)
    : config_(config), wire_(wire), stats_(stats), faults_(faults) {}

std::size_t L610Responder::feed(std::string_view bytes) {
  std::size_t used = 0;
  // A reboot or vanish takes effect at once: the loop gets the bytes after it again.
  while (used < bytes.size() && !retr_ && !faults_.device_fault_pending()) {
    char c = bytes[used++];
    switch (mode_) {
      case InputMode::command: take_command_byte(c); break;
      case InputMode::put_payload: take_put_byte(c); break;
      case InputMode::stor_stream: take_stor_byte(c); break;
    }
  }
  return used;
}

void L610Responder::take_command_byte(char c) {
  if (c == '\n' && line_.empty()) return;  // the LF of a host that ends lines with CRLF
  if (c != '\r') {
    if (line_.size() <= max_line_length) line_ += c;
    return;
  }
  std::string line = std::move(line_);
  line_.clear();
  if (!line.empty()) run_line(line);
}

void L610Responder::run_line(const std::string& line) {
  if (echo_ || wire_.has(Quirk::echo)) wire_.line(line);
  wire_.hold_for(config_.link.command_latency);
  ++stats_.at_commands;
  auto cmd = line.size() <= max_line_length ? parse_command_line(line) : std::nullopt;
  std::string key = cmd ? cmd->stats_key() : "invalid";
  ++stats_.commands[key];
  auto fault = faults_.on_command(key, cmd && is_ftp_exchange(*cmd), session_ != nullptr);
  if (fault && !inject(*fault, cmd ? &*cmd : nullptr)) return;
  if (!cmd) return error();
  dispatch(*cmd);
}

void L610Responder::dispatch(const CommandLine& cmd) {
  static const std::map<std::string, Handler> table = {
      {"", &L610Responder::on_at},           {"E0", &L610Responder::on_echo},
      {"E1", &L610Responder::on_echo},       {"I", &L610Responder::on_ati},
      {"I0", &L610Responder::on_ati},        {"+CGMM", &L610Responder::on_cgmm},
      {"+CMEE", &L610Responder::on_cmee},    {"+CPIN", &L610Responder::on_cpin},
      {"+CSQ", &L610Responder::on_csq},      {"+CREG", &L610Responder::on_creg},
      {"+CEREG", &L610Responder::on_creg},   {"+MIPCALL", &L610Responder::on_mipcall},
      {"+GTSET", &L610Responder::on_gtset},  {"+FTPOPEN", &L610Responder::on_ftpopen},
      {"+FTPCLOSE", &L610Responder::on_ftpclose}, {"+FTPINFO", &L610Responder::on_ftpinfo},
      {"+FTPMODE", &L610Responder::on_ftpmode},   {"+FTPREST", &L610Responder::on_ftprest},
      {"+FTPCWD", &L610Responder::on_path_command}, {"+FTPMKD", &L610Responder::on_path_command},
      {"+FTPRMD", &L610Responder::on_path_command}, {"+FTPDEL", &L610Responder::on_path_command},
      {"+FTPCDUP", &L610Responder::on_path_command}, {"+FTPNOOP", &L610Responder::on_path_command},
      {"+FTPREN", &L610Responder::on_ftpren},     {"+FTPPWD", &L610Responder::on_text_command},
      {"+FTPSYST", &L610Responder::on_text_command}, {"+FTPSTAT", &L610Responder::on_text_command},
      {"+FTPLIST", &L610Responder::on_ftplist},   {"+FTPGET", &L610Responder::on_ftpget},
      {"+FTPRECV", &L610Responder::on_ftprecv},   {"+FTPPUT", &L610Responder::on_ftpput},
      {"+FTPSTOR", &L610Responder::on_ftpstor},   {"+FTPRETR", &L610Responder::on_ftpretr},
  };
  if (stalled_ && cmd.name.starts_with("+FTP")) return answer_while_stalled(cmd);
  auto it = table.find(cmd.name);
  if (it == table.end() || blocked_by_transfer(cmd)) {
    error();
    return;
  }
  (this->*(it->second))(cmd);
}

// While a download or an FTPPUT upload is open, only a few FTP commands get through
// (PROTOCOL.md section 2, download step 6 and upload).
bool L610Responder::blocked_by_transfer(const CommandLine& cmd) const {
  if (!cmd.name.starts_with("+FTP") || (!download_ && !upload_)) return false;
  bool query = cmd.form == CommandForm::query;
  if (cmd.name == "+FTPCLOSE" && cmd.form == CommandForm::exec) return false;
  if (cmd.name == "+FTPOPEN" && query) return false;
  if (download_)
    return !(cmd.name == "+FTPRECV" || (cmd.name == "+FTPGET" && query));
  return !(cmd.name == "+FTPPUT" && cmd.form == CommandForm::set);
}

void L610Responder::ok() { wire_.line("OK"); }

void L610Responder::error() { wire_.line("ERROR"); }

void L610Responder::cme_error(int code) {
  if (numeric_errors_)
    wire_.line("+CME ERROR: " + std::to_string(code));
  else
    error();
}

void L610Responder::info(const FtpReply& reply) {
  if (!ftpinfo_) return;
  for (const auto& line : reply.lines) wire_.line("+FTPINFO: " + line);
}

// OK and the result URC, in the order the result_before_ok quirk picks; the +FTPINFO lines of
// the exchange always come just before the result they explain.
void L610Responder::async_result(const FtpReply& reply, const std::string& urc) {
  bool before = wire_.has(Quirk::result_before_ok);
  if (!before) ok();
  wire_.hold_for(config_.link.rtt);
  info(reply);
  wire_.line(urc);
  if (before) ok();
}

// FTP session commands need the bearer (else CME 2031, "mipcall not active") and a session.
bool L610Responder::require_session() {
  if (!bearer_) {
    cme_error(2031);
    return false;
  }
  if (!session_) {
    error();
    return false;
  }
  return true;
}

}  // namespace mfs::sim
