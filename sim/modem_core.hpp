// What every simulated module does alike (PROTOCOL.md section 1): reading command lines out of
// the host's bytes, echo (on until ATE0), the final results OK / ERROR / +CME ERROR, and the
// commands both families answer the same way: AT, ATE0/ATE1, AT+CMEE and AT+CPIN?.
#pragma once

#include <optional>
#include <string>

#include "sim/command_line.hpp"
#include "sim/fault_spec.hpp"
#include "sim/sim_stats.hpp"
#include "sim/simulator.hpp"
#include "sim/wire_writer.hpp"

namespace mfs::sim {

// A command line as the module received it.
struct ReceivedCommand {
  std::optional<CommandLine> cmd;  // nullopt: malformed or overlong, answered ERROR
  std::string key;                 // its --stats key ("invalid" for those)
};

class ModemCore {
 public:
  ModemCore(const SimConfig& config, WireWriter& wire, SimStats& stats)
      : config_(config), wire_(wire), stats_(stats) {}

  // The command line `c` completes, if any: CR ends a line, the LF of a host that ends lines
  // with CRLF is dropped, and an overlong line is cut short so that it parses as invalid.
  std::optional<std::string> take(char c);
  // Echoes the line (before ATE0 or under the echo quirk), holds the command latency, counts
  // it in the stats and parses it.
  ReceivedCommand receive(const std::string& line);
  // Answers AT, ATE0/ATE1, AT+CMEE and AT+CPIN?; false for any other command.
  bool answer(const CommandLine& cmd);

  void ok() { wire_.line("OK"); }
  void error() { wire_.line("ERROR"); }
  // "+CME ERROR: <code>" after AT+CMEE=1, else plain ERROR.
  void cme_error(int code);

  // The faults every family shows alike, before the command they strike: reboot and vanish
  // take it with the module or the device (the serve loop plays them), error and cme answer
  // it. Returns false (the command does not run) for those; nullopt for the kinds each family
  // shows its own way (drop, bearer_lost, stall).
  std::optional<bool> inject_common(const Fault& fault);

 private:
  const SimConfig& config_;
  WireWriter& wire_;
  SimStats& stats_;
  std::string line_;
  bool echo_ = true;
  bool numeric_errors_ = false;
};

}  // namespace mfs::sim
