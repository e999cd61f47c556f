// The --faults grammar (issue 4): which faults the simulator injects and when. Parsed once at
// start; sim/fault_plan.hpp carries the rules out. The grammar is documented in modem-sim --help
// (fault_spec_help below) and in the README's simulator section.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mfs::sim {

enum class FaultKind { drop, bearer_lost, reboot, vanish, error, cme, stall };

// The spec's and the --stats JSON's name of a kind ("bearer-lost").
std::string_view fault_name(FaultKind kind);

// One fault as the responder or the serve loop carries it out.
struct Fault {
  FaultKind kind = FaultKind::error;
  // reboot: silence before the banner; vanish: absence of the device; bearer_lost: how long the
  // network refuses a new bearer.
  std::chrono::milliseconds duration{0};
  int cme_code = 2023;  // cme: the +CME ERROR code (default: socket error)
  // reboot-download@N: the module reboots inside a transfer, after bytes it already sent: those
  // still reach the host, the banner follows them.
  bool mid_transfer = false;
};

// A kind with its default parameters (as `random=P` uses them).
Fault default_fault(FaultKind kind);

// A command named by its position overall, or by name and occurrence.
struct CommandTrigger {
  std::uint64_t index = 0;      // the Nth AT command line since start (1-based); 0: by name
  std::string name;             // a --stats "commands" key: "FTPGET", "FTPRECV", "MIPCALL", "AT"
  std::uint64_t occurrence = 1;  // the Kth command of that name
};

struct FaultRule {
  // upload_vanish_byte: the device vanishes at that byte, the module still inside the upload.
  enum class When { command, download_byte, upload_byte, upload_vanish_byte, random };
  When when = When::command;
  Fault fault;                  // the fault, or for random rules the parameters of each kind
  CommandTrigger command;       // When::command
  std::uint64_t byte = 0;       // the *_byte triggers: 1-based byte of the transfer
  double probability = 0;       // random: per FTP exchange
  std::vector<FaultKind> kinds;  // random: the kind is drawn among these
};

// Parses a comma-separated spec; nullopt with `error` naming the rule that does not parse.
std::optional<std::vector<FaultRule>> parse_fault_spec(std::string_view spec, std::string& error);

// The grammar as modem-sim --help prints it.
extern const char* const fault_spec_help;

}  // namespace mfs::sim
