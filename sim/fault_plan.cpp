// FaultPlan: one-shot rules fire once at their command or byte; random rules draw on every
// FTP exchange, in spec order, whether or not an earlier rule fired, so the draws depend only
// on the command sequence.
#include "sim/fault_plan.hpp"

#include <string>
#include <utility>

namespace mfs::sim {
namespace {

// Random faults draw from their own stream, apart from the noise URCs' one.
constexpr unsigned fault_stream = 0x5eed0f;

}  // namespace

FaultPlan::FaultPlan(std::vector<FaultRule> rules, unsigned seed, SimStats& stats)
    : rng_(seed ^ fault_stream), stats_(stats) {
  for (auto& rule : rules) rules_.push_back({std::move(rule)});
}

std::optional<Fault> FaultPlan::on_command(std::string_view name, bool exchange, bool session) {
  ++commands_seen_;
  auto seen = seen_by_name_.find(name);
  if (seen == seen_by_name_.end()) seen = seen_by_name_.emplace(std::string(name), 0).first;
  ++seen->second;
  std::optional<Fault> fault;
  for (auto& armed : rules_) {
    const FaultRule& rule = armed.rule;
    std::optional<Fault> candidate;
    if (rule.when == FaultRule::When::random && exchange) {
      candidate = draw(rule, session);
    } else if (rule.when == FaultRule::When::command && !armed.spent &&
               matches(rule.command, name)) {
      armed.spent = true;
      candidate = rule.fault;
    }
    if (!fault) fault = candidate;
  }
  if (!fault) return std::nullopt;
  count(fault->kind);
  if (fault->kind == FaultKind::reboot || fault->kind == FaultKind::vanish) device_fault_ = fault;
  return fault;
}

bool FaultPlan::matches(const CommandTrigger& trigger, std::string_view name) const {
  if (trigger.index != 0) return trigger.index == commands_seen_;
  auto seen = seen_by_name_.find(trigger.name);
  return trigger.name == name && seen != seen_by_name_.end() && seen->second == trigger.occurrence;
}

// Both draws always happen, so one rule's outcome never shifts another's.
std::optional<Fault> FaultPlan::draw(const FaultRule& rule, bool session) {
  bool hit = std::uniform_real_distribution<double>(0, 1)(rng_) < rule.probability;
  auto pick = std::uniform_int_distribution<std::size_t>(0, rule.kinds.size() - 1)(rng_);
  if (!hit) return std::nullopt;
  // KIND=P[:ARG] keeps its ARG; random=P mixes kinds, each with its defaults.
  FaultKind kind = rule.kinds[pick];
  Fault fault = rule.fault.kind == kind ? rule.fault : default_fault(kind);
  if (fault.kind == FaultKind::drop && !session) return std::nullopt;  // nothing to drop
  return fault;
}

std::optional<Fault> FaultPlan::take_device_fault() { return std::exchange(device_fault_, {}); }

std::uint64_t FaultPlan::download_room(std::uint64_t delivered) const {
  return room(FaultRule::When::download_byte, delivered);
}

std::uint64_t FaultPlan::upload_room(std::uint64_t received) const {
  return room(FaultRule::When::upload_byte, received);
}

// The first armed rule of that kind decides: later ones wait for later transfers.
std::uint64_t FaultPlan::room(FaultRule::When when, std::uint64_t done) const {
  for (const auto& armed : rules_)
    if (armed.rule.when == when && !armed.spent) return armed.rule.byte > done ? armed.rule.byte - done : 0;
  return no_limit;
}

void FaultPlan::upload_reached(std::uint64_t received) {
  if (room(FaultRule::When::upload_vanish_byte, received) == 0)
    spend_transfer_rule(FaultRule::When::upload_vanish_byte);
}

Fault FaultPlan::spend_transfer_rule(FaultRule::When when) {
  for (auto& armed : rules_) {
    if (armed.rule.when == when && !armed.spent) {
      armed.spent = true;
      count(armed.rule.fault.kind);
      const FaultKind kind = armed.rule.fault.kind;
      if (kind == FaultKind::reboot || kind == FaultKind::vanish) device_fault_ = armed.rule.fault;
      return armed.rule.fault;
    }
  }
  return default_fault(FaultKind::drop);
}

void FaultPlan::count(FaultKind kind) {
  ++stats_.faults[std::string(fault_name(kind))];
}

}  // namespace mfs::sim
