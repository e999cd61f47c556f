// The modem families the simulator plays, one row each: --dialect, its help and the responder
// the serve loop drives all come from here, so a new family is its responder's files plus one
// row. The simulator's own table: it never reads the driver's (DESIGN.md).
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "sim/responder.hpp"

namespace mfs::sim {

struct SimulatedFamily {
  std::string_view name;     // "l610", as --dialect and SimConfig::dialect take it
  // For --help: the module, where PROTOCOL.md describes it, and how this simulator plays it.
  std::string_view help;
  std::unique_ptr<Responder> (*make)(const SimConfig& config, WireWriter& wire, SimStats& stats,
                                     FaultPlan& faults);
};

// Every row; the first is played when SimConfig::dialect is empty.
std::span<const SimulatedFamily> simulated_families();

// The row for `name` ("" for the first); nullptr for a family the simulator does not play.
const SimulatedFamily* find_simulated_family(std::string_view name);

// "l610|sim7000", for usage lines; every row's help after "--dialect NAME: ", for --help.
std::string simulated_family_names();
std::string simulated_family_help();

// The responder for config.dialect; call only when find_simulated_family(config.dialect).
// `faults` is the run's fault plan (sim/fault_plan.hpp), consulted on each command and each
// transfer byte.
std::unique_ptr<Responder> make_responder(const SimConfig& config, WireWriter& wire,
                                          SimStats& stats, FaultPlan& faults);

}  // namespace mfs::sim
