// The SIM7000's own non-FTP commands (AT, echo, CMEE and CPIN are ModemCore's): identification
// as SIMCom modules answer it (ATI "SIM7000E R1351", AT+CGMM "SIMCOM_SIM7000E"), network
// queries, the settings of seed section 4 (CGDCONT, CNCFG) and the CNACT bearer with its
// +APP PDP URCs.
#include "sim/number.hpp"
#include "sim/sim7000_responder.hpp"

namespace mfs::sim {
namespace {

// The address the simulated network hands out (seed section 4).
constexpr const char* bearer_ip = "10.94.36.44";

}  // namespace

void Sim7000Responder::on_ati(const CommandLine&) {
  wire_.line("SIM7000E R1351");
  ok();
}

void Sim7000Responder::on_identity(const CommandLine& cmd) {
  if (cmd.form != CommandForm::exec) return error();
  if (cmd.name == "+CGMI") wire_.line("SIMCOM_Ltd");
  if (cmd.name == "+CGMM") wire_.line("SIMCOM_SIM7000E");
  if (cmd.name == "+CGMR") wire_.line("Revision:1351B04SIM7000E");
  ok();
}

// AT+CSQ, AT+CGNAPN, AT+CREG?, AT+CEREG?, AT+CGATT?, AT+COPS?: a module registered on an
// NB-IoT network with a usable signal, answering as in seed section 4.
void Sim7000Responder::on_registration(const CommandLine& cmd) {
  static const std::map<std::string, std::string> answers = {
      {"+CSQ", "+CSQ: 13,99"},         {"+CGNAPN", "+CGNAPN: 1,\"ctnb\""},
      {"+CREG", "+CREG: 0,1"},         {"+CEREG", "+CEREG: 0,1"},
      {"+CGATT", "+CGATT: 1"},         {"+COPS", "+COPS: 0,0,\"CHN-CT\",9"}};
  bool is_exec = cmd.name == "+CSQ" || cmd.name == "+CGNAPN";
  if (cmd.form != (is_exec ? CommandForm::exec : CommandForm::query)) return error();
  bool searching = network_refuses() && (cmd.name == "+CREG" || cmd.name == "+CEREG");
  wire_.line(searching ? cmd.name + ": 0,2" : answers.at(cmd.name));
  ok();
}

// AT+CGDCONT=... and AT+CNCFG=... (APN settings, seed section 4): taken, nothing to model.
void Sim7000Responder::on_accepted_setting(const CommandLine& cmd) {
  if (cmd.form != CommandForm::set || cmd.params.empty()) return error();
  ok();
}

// AT+CNACT? -> +CNACT: <0|1>,"<ip>"; AT+CNACT=1[,"<apn>"] -> OK, +APP PDP: ACTIVE;
// AT+CNACT=0 -> OK, +APP PDP: DEACTIVE. Switching to the state it is in is an ERROR; while a
// bearer-lost fault lasts the network refuses a new bearer (+CME ERROR: 30).
void Sim7000Responder::on_cnact(const CommandLine& cmd) {
  if (cmd.form == CommandForm::query) {
    wire_.line(bearer_ ? std::string("+CNACT: 1,\"") + bearer_ip + "\"" : "+CNACT: 0,\"0.0.0.0\"");
    return ok();
  }
  const auto& p = cmd.params;
  auto action = p.empty() ? std::nullopt : parse_number(p[0], 1);
  bool shape_ok = cmd.form == CommandForm::set && action && p.size() <= 2 &&
                  (p.size() < 2 || p[1].quoted);
  if (!shape_ok || (*action == 1) == bearer_) return error();
  if (*action == 1 && network_refuses()) return core_.cme_error(30);  // no network service
  ok();
  if (*action == 1) {
    bearer_ = true;
    wire_.line("+APP PDP: ACTIVE");
  } else {
    lose_bearer();
  }
}

// The bearer is gone (AT+CNACT=0 or the network): the URC, and the FTP work riding on it
// ends with code 61 (net error).
void Sim7000Responder::lose_bearer() {
  bearer_ = false;
  wire_.line("+APP PDP: DEACTIVE");
  if (pending_) {
    std::string urc = pending_->urc;
    pending_.reset();
    send_result(urc, 61);
  }
  if (transfer_) end_transfer(61);
}

}  // namespace mfs::sim
