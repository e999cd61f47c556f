// Kill points of the crash suite (see crash_points.hpp).
#include "crash_points.hpp"

#include <random>

namespace mfs::faults {
namespace {

struct Trigger {
  const char* command;
  std::uint64_t most;  // how often the workload sends it on a healthy mount
};

// The commands of each family that move or publish a file (their --stats names), and how
// often the workload sends them (point 0 prints the counts), so a drawn occurrence comes.
std::vector<Trigger> triggers(const std::string& dialect) {
  if (dialect == "sim7000") return {{"FTPPUT", 110}, {"FTPRENAME", 11}, {"FTPGET", 24}};
  return {{"FTPSTOR", 9}, {"FTPREN", 11}, {"FTPRETR", 2}};
}

// The workload makes at least this many write() calls, whatever the seed.
constexpr std::uint64_t writes_at_least = 20;

}  // namespace

std::string KillPoint::describe() const {
  std::string text;
  switch (kind) {
    case Kind::after_workload: text = "after the workload"; break;
    case Kind::time: text = "at " + std::to_string(static_cast<int>(fraction * 100)) + "% of the workload"; break;
    case Kind::command:
      text = std::to_string(delay.count()) + " ms after " + command + " #" + std::to_string(occurrence);
      break;
    case Kind::write: text = "after write() #" + std::to_string(occurrence); break;
  }
  if (!recovery_command.empty())
    text += ", again " + std::to_string(delay.count()) + " ms into the next mount's " + recovery_command;
  return text;
}

std::vector<KillPoint> kill_points(std::uint64_t seed, std::size_t count, const std::string& dialect) {
  std::mt19937_64 rng(seed);
  const auto pick = [&](std::uint64_t low, std::uint64_t high) {
    return std::uniform_int_distribution<std::uint64_t>(low, high)(rng);
  };
  const auto commands = triggers(dialect);
  std::vector<KillPoint> points(count);
  for (std::size_t i = 1; i < count; ++i) {
    auto& point = points[i];
    point.delay = std::chrono::milliseconds(pick(0, 150));
    if (i % 3 == 1) {
      point.kind = KillPoint::Kind::time;
      point.fraction = std::uniform_real_distribution<double>(0.0, 1.0)(rng);
      // A close() cut short leaves a spool that the next mount uploads: cut that too.
      if (i % 2 == 0) point.recovery_command = commands.front().command;
    } else if (i % 3 == 2) {
      const auto& trigger = commands[pick(0, commands.size() - 1)];
      point.kind = KillPoint::Kind::command;
      point.command = trigger.command;
      point.occurrence = pick(1, trigger.most);
    } else {
      point.kind = KillPoint::Kind::write;
      point.occurrence = pick(1, writes_at_least);
    }
  }
  return points;
}

}  // namespace mfs::faults
