// The FTP parameters the SIM7000 keeps between actions (seed section 3, PROTOCOL.md section 3):
// each is set with AT+FTPxxx=<value> and read back with AT+FTPxxx? (except the password);
// AT+FTPSTATE reports whether an action runs, AT+FTPQUIT ends the running transfer.
#include <algorithm>
#include <vector>

#include "sim/number.hpp"
#include "sim/sim7000_responder.hpp"

namespace mfs::sim {
namespace {

struct ParameterSpec {
  bool text;                             // a quoted string; otherwise a number
  std::uint64_t max;                     // numbers: the largest value
  std::string initial;
  std::vector<std::string_view> choices;  // text: the only values taken, when not empty
  bool readable = true;                  // the password is never read back
};

const std::map<std::string, ParameterSpec>& parameter_specs() {
  static const std::map<std::string, ParameterSpec> specs = {
      {"+FTPCID", {false, 3, "1", {}}},
      {"+FTPSERV", {true, 0, "", {}}},
      {"+FTPPORT", {false, 65535, "21", {}}},
      {"+FTPUN", {true, 0, "", {}}},
      {"+FTPPW", {true, 0, "", {}, false}},
      {"+FTPTYPE", {true, 0, "I", {"I", "A"}}},
      {"+FTPMODE", {false, 1, "0", {}}},
      {"+FTPPUTOPT", {true, 0, "STOR", {"STOR", "APPE", "STOU"}}},
      {"+FTPREST", {false, 0xFFFFFFE, "0", {}}},  // as the L610's offsets (PROTOCOL.md 3)
      {"+FTPGETPATH", {true, 0, "", {}}},
      {"+FTPGETNAME", {true, 0, "", {}}},
      {"+FTPPUTPATH", {true, 0, "", {}}},
      {"+FTPPUTNAME", {true, 0, "", {}}},
  };
  return specs;
}

// A choice may come quoted (AT+FTPTYPE="I", PROTOCOL.md) or bare (AT+FTPTYPE=I).
bool valid_value(const ParameterSpec& spec, const Param& value) {
  if (!spec.text) return parse_number(value, spec.max).has_value();
  if (spec.choices.empty()) return value.quoted;
  return std::find(spec.choices.begin(), spec.choices.end(), value.text) != spec.choices.end();
}

// "<dir>/<name>" from a path parameter that may or may not end with "/".
std::string in_directory(const std::string& dir, const std::string& name) {
  if (dir.empty() || dir.back() == '/') return dir + name;
  return dir + "/" + name;
}

}  // namespace

bool Sim7000Responder::is_parameter(const std::string& name) {
  return parameter_specs().count(name) != 0;
}

void Sim7000Responder::on_parameter(const CommandLine& cmd) {
  const ParameterSpec& spec = parameter_specs().at(cmd.name);
  if (cmd.form == CommandForm::query && spec.readable) {
    std::string value = parameter(cmd.name);
    wire_.line(cmd.name + ": " + (spec.text ? "\"" + value + "\"" : value));
    return ok();
  }
  if (cmd.form != CommandForm::set || cmd.params.size() != 1 || !valid_value(spec, cmd.params[0]))
    return error();
  parameters_[cmd.name] = cmd.params[0].text;
  ok();
}

std::string Sim7000Responder::parameter(const std::string& name) const {
  auto it = parameters_.find(name);
  return it != parameters_.end() ? it->second : parameter_specs().at(name).initial;
}

std::string Sim7000Responder::get_file() const {
  return in_directory(parameter("+FTPGETPATH"), parameter("+FTPGETNAME"));
}

std::string Sim7000Responder::put_file() const {
  return in_directory(parameter("+FTPPUTPATH"), parameter("+FTPPUTNAME"));
}

void Sim7000Responder::on_ftpstate(const CommandLine& cmd) {
  if (cmd.form != CommandForm::exec) return error();
  wire_.line(std::string("+FTPSTATE: ") + (busy() ? "1" : "0"));
  ok();
}

// Ends the running action: "+FTPGET: 1,80" (manual quit, seed 5.16). Nothing running: ERROR.
void Sim7000Responder::on_ftpquit(const CommandLine& cmd) {
  if (cmd.form != CommandForm::exec || !busy()) return error();
  ok();
  if (pending_) {
    std::string urc = pending_->urc;
    pending_.reset();
    return send_result(urc, 80);
  }
  if (et_) return abandon_et_stream(80);
  end_transfer(80);
}

}  // namespace mfs::sim
