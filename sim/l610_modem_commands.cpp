// The L610's own non-FTP commands (AT, echo, CMEE and CPIN are ModemCore's): identification,
// network queries, the bearer (+MIPCALL, from the L610 TCP/IP manual) and +GTSET="FTPLIMIT".
#include <optional>

#include "sim/l610_responder.hpp"
#include "sim/number.hpp"

namespace mfs::sim {
namespace {

// The address the simulated network hands out.
constexpr const char* bearer_ip = "10.0.0.2";

}  // namespace

void L610Responder::on_ati(const CommandLine&) {
  wire_.line("Manufacturer: Fibocom Wireless Inc.");
  wire_.line("Model: L610");
  wire_.line("Revision: 16000.1000.00.97.20.10");
  wire_.line("IMEI: 864000000000001");
  ok();
}

void L610Responder::on_cgmm(const CommandLine& cmd) {
  if (cmd.form != CommandForm::exec) return error();
  wire_.line("L610");
  ok();
}

void L610Responder::on_csq(const CommandLine& cmd) {
  if (cmd.form != CommandForm::exec) return error();
  wire_.line("+CSQ: 20,99");
  ok();
}

void L610Responder::on_creg(const CommandLine& cmd) {
  if (cmd.form != CommandForm::query) return error();
  // Registered, home network; searching while the network refuses a bearer (bearer-lost:MS).
  wire_.line(cmd.name + (network_refuses() ? ": 0,2" : ": 0,1"));
  ok();
}

void L610Responder::on_mipcall(const CommandLine& cmd) {
  if (cmd.form == CommandForm::query) {
    wire_.line(bearer_ ? std::string("+MIPCALL: 1,") + bearer_ip : "+MIPCALL: 0");
    return ok();
  }
  auto action = cmd.params.empty() ? std::nullopt : parse_number(cmd.params[0], 1);
  if (cmd.form != CommandForm::set || !action) return error();
  bool activate = *action == 1;
  bool apn_ok = cmd.params.size() >= 2 && cmd.params[1].quoted;
  if (activate == bearer_ || (activate && !apn_ok)) return error();
  if (activate && network_refuses()) return cme_error(30);  // no network service
  ok();
  wire_.hold_for(config_.link.rtt);
  if (!activate) close_session(true);
  bearer_ = activate;
  wire_.line(activate ? std::string("+MIPCALL: ") + bearer_ip : "+MIPCALL: 0");
}

void L610Responder::on_gtset(const CommandLine& cmd) {
  bool valid = cmd.form == CommandForm::set && cmd.params.size() == 2 &&
               cmd.params[0].text == "FTPLIMIT" && parse_number(cmd.params[1], 1000);
  if (!valid) return error();
  ftplimit_ = std::chrono::milliseconds(*parse_number(cmd.params[1], 1000));
  ok();
}

}  // namespace mfs::sim
