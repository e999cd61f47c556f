// make_responder: the modem family by name.
#include "sim/responder.hpp"

#include "sim/l610_responder.hpp"
#include "sim/sim7000_responder.hpp"

namespace mfs::sim {

bool simulates_dialect(std::string_view dialect) {
  return dialect == "l610" || dialect == "sim7000";
}

std::unique_ptr<Responder> make_responder(const SimConfig& config, WireWriter& wire,
                                          SimStats& stats, FaultPlan& faults) {
  if (config.dialect == "sim7000")
    return std::make_unique<Sim7000Responder>(config, wire, stats, faults);
  return std::make_unique<L610Responder>(config, wire, stats, faults);
}

}  // namespace mfs::sim
