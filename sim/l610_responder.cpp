// L610Responder core: the command table and the async-result helpers every command uses
// (line input, echo and the final results are ModemCore's).
#include "sim/l610_responder.hpp"

#include <map>

namespace mfs::sim {

L610Responder::L610Responder(const SimConfig& config, WireWriter& wire, SimStats& stats,
                             FaultPlan& faults)
    : config_(config), wire_(wire), stats_(stats), faults_(faults), core_(config, wire, stats) {}

std::size_t L610Responder::feed(std::string_view bytes) {
  std::size_t used = 0;
  // A reboot or vanish takes effect at once: the loop gets the bytes after it again.
  while (used < bytes.size() && !retr_ && !faults_.device_fault_pending()) {
    char c = bytes[used++];
    switch (mode_) {
      case InputMode::command:
        if (auto line = core_.take(c)) run_line(*line);
        break;
      case InputMode::put_payload: take_put_byte(c); break;
      case InputMode::stor_stream: take_stor_byte(c); break;
    }
  }
  return used;
}

void L610Responder::run_line(const std::string& line) {
  ReceivedCommand received = core_.receive(line);
  const CommandLine* cmd = received.cmd ? &*received.cmd : nullptr;
  auto fault = faults_.on_command(received.key, cmd && is_ftp_exchange(*cmd), session_ != nullptr);
  if (fault && !inject(*fault, cmd)) return;
  if (!cmd) return error();
  dispatch(*cmd);
}

void L610Responder::dispatch(const CommandLine& cmd) {
  static const std::map<std::string, Handler> table = {
      {"I", &L610Responder::on_ati},         {"I0", &L610Responder::on_ati},
      {"+CGMM", &L610Responder::on_cgmm},
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
  if (core_.answer(cmd)) return;
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

void L610Responder::info(const FtpReply& reply) {
  if (!ftpinfo_ || wire_.has(Quirk::no_reply_echo)) return;
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
