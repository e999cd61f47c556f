// ModemCore: line input, echo, the common final results and the commands every module shares.
#include "sim/modem_core.hpp"

#include "sim/number.hpp"

namespace mfs::sim {
namespace {

// A command line longer than this is answered with ERROR, like a module's AT buffer overflow.
constexpr std::size_t max_line_length = 4096;

}  // namespace

std::optional<std::string> ModemCore::take(char c) {
  if (c == '\n' && line_.empty()) return std::nullopt;
  if (c != '\r') {
    if (line_.size() <= max_line_length) line_ += c;
    return std::nullopt;
  }
  std::string line = std::move(line_);
  line_.clear();
  if (line.empty()) return std::nullopt;
  return line;
}

ReceivedCommand ModemCore::receive(const std::string& line) {
  if (echo_ || wire_.has(Quirk::echo)) wire_.line(line);
  wire_.hold_for(config_.link.command_latency);
  ++stats_.at_commands;
  ReceivedCommand received;
  if (line.size() <= max_line_length) received.cmd = parse_command_line(line);
  received.key = received.cmd ? received.cmd->stats_key() : "invalid";
  ++stats_.commands[received.key];
  return received;
}

bool ModemCore::answer(const CommandLine& cmd) {
  if (cmd.name.empty() || cmd.name == "E0" || cmd.name == "E1") {
    if (!cmd.name.empty()) echo_ = cmd.name == "E1";
    ok();
  } else if (cmd.name == "+CPIN") {
    if (cmd.form != CommandForm::query) return error(), true;
    wire_.line("+CPIN: READY");
    ok();
  } else if (cmd.name == "+CMEE" && cmd.form == CommandForm::query) {
    wire_.line(std::string("+CMEE: ") + (numeric_errors_ ? "1" : "0"));
    ok();
  } else if (cmd.name == "+CMEE") {
    auto mode = cmd.params.size() == 1 ? parse_number(cmd.params[0], 2) : std::nullopt;
    if (cmd.form != CommandForm::set || !mode) return error(), true;
    numeric_errors_ = *mode != 0;
    ok();
  } else {
    return false;
  }
  return true;
}

void ModemCore::cme_error(int code) {
  if (numeric_errors_)
    wire_.line("+CME ERROR: " + std::to_string(code));
  else
    error();
}

std::optional<bool> ModemCore::inject_common(const Fault& fault) {
  switch (fault.kind) {
    case FaultKind::reboot:
    case FaultKind::vanish:
      return false;
    case FaultKind::error:
      error();
      return false;
    case FaultKind::cme:
      cme_error(fault.cme_code);
      return false;
    case FaultKind::drop:
    case FaultKind::bearer_lost:
    case FaultKind::stall:
      break;
  }
  return std::nullopt;
}

}  // namespace mfs::sim
