// Injected faults (sim/fault_plan.hpp, modem-sim --help) as a SIM7000 shows them. Every action
// is its own FTP session, so a dropped session ends the running action with its result code:
// a transfer with 79 (download) or 78 (upload), an action still logging in with 65 (server).
// Reboot and vanish belong to the serve loop.
#include "sim/sim7000_responder.hpp"

#include <set>

#include "sim/number.hpp"

namespace mfs::sim {

// An exchange with the server or its data (what random faults strike): every FTP command that
// starts an action or moves a block; parameters, FTPSTATE and FTPQUIT stay in the module.
bool Sim7000Responder::is_ftp_exchange(const CommandLine& cmd) {
  bool acts = cmd.form == CommandForm::exec || cmd.form == CommandForm::set;
  return acts && cmd.name.starts_with("+FTP") && !is_parameter(cmd.name) &&
         cmd.name != "+FTPSTATE" && cmd.name != "+FTPQUIT";
}

// AT+FTPGET=1, AT+FTPDELE and the like: a command whose result comes as a URC.
bool Sim7000Responder::is_action_start(const CommandLine& cmd) {
  static const std::set<std::string, std::less<>> transfers = {"+FTPGET", "+FTPPUT", "+FTPLIST",
                                                               "+FTPEXTGET", "+FTPETGET",
                                                               "+FTPETPUT"};
  bool mode_1 = cmd.form == CommandForm::set && !cmd.params.empty() &&
                parse_number(cmd.params[0], 1) == 1;
  if (transfers.count(cmd.name) != 0) return mode_1 && cmd.params.size() == 1;
  return is_ftp_exchange(cmd) && (cmd.form == CommandForm::exec || mode_1);
}

// Carries out `fault` before the command `cmd` (null: a malformed line); true when the command
// still runs afterwards.
bool Sim7000Responder::inject(const Fault& fault, const CommandLine* cmd) {
  if (auto runs = core_.inject_common(fault)) return *runs;
  switch (fault.kind) {
    case FaultKind::drop:
      if (et_) {
        abandon_et_stream(et_->reader ? 79 : 78);
      } else if (transfer_) {
        end_transfer(transfer_->upload ? 78 : 79);
      } else if (pending_) {
        send_result(pending_->urc, 65);
        pending_.reset();
      }
      return true;
    case FaultKind::bearer_lost:
      bearer_refused_until_ = clock::now() + fault.duration;
      if (bearer_) lose_bearer();
      return true;
    case FaultKind::stall:
      stall_next_action_ = cmd && is_action_start(*cmd);
      return stall_next_action_;  // any other command gets no answer at all
    default:
      break;
  }
  return true;
}

bool Sim7000Responder::network_refuses() const { return clock::now() < bearer_refused_until_; }

// How much of a GET block of `n` may reach the host before drop-download@N strikes.
std::size_t Sim7000Responder::download_room(std::size_t n) const {
  if (transfer_->urc != "+FTPGET") return n;
  return static_cast<std::size_t>(std::min<std::uint64_t>(n, faults_.download_room(transfer_->done)));
}

// After a GET block: the session drops once the armed byte went out (or the module reboots).
void Sim7000Responder::after_download_block() {
  if (transfer_->urc != "+FTPGET" || faults_.download_room(transfer_->done) != 0) return;
  if (faults_.download_dropped().kind != FaultKind::reboot) end_transfer(79);
}

// drop-upload@N inside an FTPPUT chunk: the server keeps bytes up to N, the chunk answers ERROR
// and the upload ends with 78. True when that happened.
bool Sim7000Responder::upload_drops_in_chunk() {
  std::uint64_t room = faults_.upload_room(transfer_->done);
  if (room > put_bytes_.size()) return false;
  transfer_->upload->write(std::string_view(put_bytes_).substr(0, static_cast<std::size_t>(room)));
  stats_.files_uploaded_bytes += room;
  faults_.upload_dropped();
  error();
  end_transfer(78);
  return true;
}

}  // namespace mfs::sim
