// The simulated family table (simulated_families.hpp) and its look-ups.
#include "sim/simulated_families.hpp"

#include "sim/l610_responder.hpp"
#include "sim/sim7000_responder.hpp"

namespace mfs::sim {
namespace {

template <class R>
std::unique_ptr<Responder> make(const SimConfig& config, WireWriter& wire, SimStats& stats,
                                FaultPlan& faults) {
  return std::make_unique<R>(config, wire, stats, faults);
}

constexpr SimulatedFamily table[] = {
    {"l610", "Fibocom L610 (PROTOCOL.md section 2).\n", make<L610Responder>},
    {"sim7000",
     "SIMCom SIM7000 (section 3: CNACT bearer, FTPPUT chunks <= 1360, reads <= 1460,\n"
     "FTPEXTGET RAM 307200 bytes, FTPREST kept until changed; unread data is announced\n"
     "again every quarter of --unread-timeout-ms and times out with code 64 after it).\n"
     "Faults on a SIM7000 end the running action with its result code instead of +FTPCLOSE:\n"
     "drop: +FTPGET: 1,79 (+FTPPUT: 1,78; 65 while it logs in); drop-download@N: the block\n"
     "holding byte N ends there, then +FTPGET: 1,79; drop-upload@N: that chunk answers ERROR,\n"
     "then +FTPPUT: 1,78; bearer-lost: +APP PDP: DEACTIVE, the action ends with 61, CNACT=1\n"
     "is refused (+CME ERROR: 30); stall: the action gets OK and stays busy until FTPQUIT (80).\n"
     "--quirks strict plays the SIM7000 note read to the letter: \"+FTPGET: 1,0\" follows the\n"
     "read that took the last byte at once, a read after it answers +CME ERROR: 3, and a LIST\n"
     "whose FTPGETPATH names a file fails with 77.\n",
     make<Sim7000Responder>},
};

}  // namespace

std::span<const SimulatedFamily> simulated_families() { return table; }

const SimulatedFamily* find_simulated_family(std::string_view name) {
  if (name.empty()) return &table[0];
  for (const SimulatedFamily& family : table)
    if (family.name == name) return &family;
  return nullptr;
}

std::string simulated_family_names() {
  std::string names;
  for (const SimulatedFamily& family : table)
    names += (names.empty() ? "" : "|") + std::string(family.name);
  return names;
}

std::string simulated_family_help() {
  std::string help;
  for (const SimulatedFamily& family : table)
    help += "--dialect " + std::string(family.name) + ": " + std::string(family.help);
  return help;
}

std::unique_ptr<Responder> make_responder(const SimConfig& config, WireWriter& wire,
                                          SimStats& stats, FaultPlan& faults) {
  return find_simulated_family(config.dialect)->make(config, wire, stats, faults);
}

}  // namespace mfs::sim
