// The faults of one simulator run, carried out as the modem meets them: the serve loop owns
// the plan and hands it to the responder, which asks it about each AT command and each byte of
// a transfer; reboot and vanish come back to the loop, which owns the device. Every random
// draw comes from --seed, so a run is reproducible from its command sequence.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "sim/fault_spec.hpp"
#include "sim/sim_stats.hpp"

namespace mfs::sim {

class FaultPlan {
 public:
  static constexpr std::uint64_t no_limit = std::numeric_limits<std::uint64_t>::max();

  FaultPlan(std::vector<FaultRule> rules, unsigned seed, SimStats& stats);

  // One AT command line has arrived: `name` is its --stats key ("invalid" for a malformed
  // line); `exchange` marks an FTP exchange (see fault_spec_help); `session` an open session.
  // Returns the fault to inject before it runs, already counted in the stats.
  std::optional<Fault> on_command(std::string_view name, bool exchange, bool session);
  // A reboot or vanish on_command returned, for the serve loop; cleared by taking it.
  bool device_fault_pending() const { return device_fault_.has_value(); }
  std::optional<Fault> take_device_fault();

  // How many more bytes of the current download (`delivered` so far) may reach the host
  // before the session drops; no_limit when no drop-download rule is armed.
  std::uint64_t download_room(std::uint64_t delivered) const;
  std::uint64_t upload_room(std::uint64_t received) const;
  // The armed byte was reached: that rule is spent and counted, and its fault returned (a
  // drop, or a reboot now pending for the serve loop).
  Fault download_dropped() { return spend_transfer_rule(FaultRule::When::download_byte); }
  Fault upload_dropped() { return spend_transfer_rule(FaultRule::When::upload_byte); }
  // An upload received its byte number `received`: at vanish-upload@N's byte the rule is spent
  // and the vanish pending for the serve loop (the module keeps its upload state).
  void upload_reached(std::uint64_t received);

 private:
  struct Armed {
    FaultRule rule;
    bool spent = false;
  };

  bool matches(const CommandTrigger& trigger, std::string_view name) const;
  std::optional<Fault> draw(const FaultRule& rule, bool session);
  std::uint64_t room(FaultRule::When when, std::uint64_t done) const;
  Fault spend_transfer_rule(FaultRule::When when);
  void count(FaultKind kind);

  std::vector<Armed> rules_;
  std::mt19937 rng_;
  SimStats& stats_;
  std::uint64_t commands_seen_ = 0;
  std::map<std::string, std::uint64_t, std::less<>> seen_by_name_;
  std::optional<Fault> device_fault_;
};

}  // namespace mfs::sim
