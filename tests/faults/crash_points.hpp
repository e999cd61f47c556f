// Where the crash suite kills the daemon (issue 12): at a fraction of the workload's running
// time; a delay after the simulator counted the Nth command of a kind (an upload stream or
// chunk, a rename, a download), so that kills land inside transfers; or right after the
// workload's Nth write() returned, while a writer holds its file open. Some points kill the
// next mount too, while it uploads what the first one left. Drawn from a seed: the same seed
// gives the same points, whatever the machine's speed.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace mfs::faults {

struct KillPoint {
  enum class Kind { after_workload, time, command, write };
  Kind kind = Kind::after_workload;
  double fraction = 0;                 // time: this fraction of the whole workload's time
  std::string command;                 // command: a --stats command name
  std::uint64_t occurrence = 0;        // command: its count; write: the write() call's number
  std::chrono::milliseconds delay{0};  // command: after it was counted
  // Kill the next mount as well, `delay` after it sent this upload command (its recovery).
  std::string recovery_command;

  std::string describe() const;
};

// `count` points for the modem family `dialect` ("l610" or "sim7000"); the first kills after
// the workload (it also measures the workload's time for the fractions of the others).
std::vector<KillPoint> kill_points(std::uint64_t seed, std::size_t count, const std::string& dialect);

}  // namespace mfs::faults
