// Injected faults (sim/fault_plan.hpp) as an L610 shows them on the wire. What each kind does
// is specified in fault_spec_help (modem-sim --help); reboot and vanish belong to the serve loop.
#include <set>
#include <string>

#include "sim/l610_responder.hpp"

namespace mfs::sim {
namespace {

// Commands the L610 answers with OK and later a result URC (PROTOCOL.md section 2).
bool has_result_urc(const CommandLine& cmd) {
  static const std::set<std::string, std::less<>> names = {
      "+FTPOPEN", "+FTPCLOSE", "+FTPCWD",  "+FTPMKD",  "+FTPRMD",  "+FTPDEL",   "+FTPREN",
      "+FTPCDUP", "+FTPNOOP",  "+FTPPWD",  "+FTPSYST", "+FTPSTAT", "+FTPLIST",  "+FTPGET",
      "+FTPSTOR", "+FTPRETR",  "+MIPCALL"};
  bool acts = cmd.form == CommandForm::exec || cmd.form == CommandForm::set;
  return acts && names.count(cmd.name) != 0;
}

}  // namespace

// An exchange with the server or its data: what random faults strike (fault_spec_help).
bool L610Responder::is_ftp_exchange(const CommandLine& cmd) {
  static const std::set<std::string, std::less<>> local = {"+FTPINFO", "+FTPMODE", "+FTPREST",
                                                            "+FTPCLOSE"};
  bool acts = cmd.form == CommandForm::exec || cmd.form == CommandForm::set;
  return acts && cmd.name.starts_with("+FTP") && local.count(cmd.name) == 0;
}

// Carries out `fault` before the command `cmd` (null: a malformed line); true when the command
// still runs afterwards.
bool L610Responder::inject(const Fault& fault, const CommandLine* cmd) {
  if (auto runs = core_.inject_common(fault)) return *runs;
  switch (fault.kind) {
    case FaultKind::drop:
      close_session(true);
      return true;
    case FaultKind::bearer_lost:
      lose_bearer(fault.duration);
      return true;
    case FaultKind::stall:
      if (cmd && has_result_urc(*cmd)) {
        ok();
        stalled_ = cmd->name.starts_with("+FTP");
      }
      return false;
    default:
      break;
  }
  return true;
}

// The server never answered: only FTPCLOSE gets through, and it gives up on the session.
void L610Responder::answer_while_stalled(const CommandLine& cmd) {
  if (cmd.name != "+FTPCLOSE" || cmd.form != CommandForm::exec) return error();
  stalled_ = false;
  ok();
  close_session(false);
  wire_.line("+FTPCLOSE: 1");
}

// The network took the bearer down (and the session with it); for `refusal` it refuses a new one.
void L610Responder::lose_bearer(std::chrono::milliseconds refusal) {
  network_refused_until_ = std::chrono::steady_clock::now() + refusal;
  if (!bearer_) return;
  close_session(true);
  bearer_ = false;
  wire_.line("+MIPCALL: 0");
}

bool L610Responder::network_refuses() const {
  return std::chrono::steady_clock::now() < network_refused_until_;
}

// drop-upload@N inside an FTPPUT chunk: the server keeps bytes up to N, then the session drops
// and the chunk fails. True when that happened.
bool L610Responder::upload_drops_in_put() {
  std::uint64_t room = faults_.upload_room(upload_received_);
  if (room > put_.bytes.size()) {
    upload_received_ += put_.bytes.size();
    return false;
  }
  upload_->data->write(put_.bytes.substr(0, static_cast<std::size_t>(room)));
  stats_.files_uploaded_bytes += room;
  faults_.upload_dropped();
  close_session(true);
  error();
  return true;
}

// drop-upload@N inside an FTPSTOR stream: the server keeps bytes up to N, +FTPCLOSE: 1 comes at
// once, and the module discards the rest of the stream (finish_stor answers +FTPSTOR: 0).
void L610Responder::drop_stor() {
  flush_stor();
  stor_.reset();
  faults_.upload_dropped();
  close_session(true);
}

}  // namespace mfs::sim
