// Everything the modem sends goes through WireWriter: it applies the quirk switches
// (PROTOCOL.md section 1) to lines and keeps binary data untouched.
#pragma once

#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <string_view>

#include "sim/output_queue.hpp"
#include "sim/sim_stats.hpp"
#include "sim/simulator.hpp"

namespace mfs::sim {

class WireWriter {
 public:
  WireWriter(const std::set<Quirk>& quirks, unsigned seed, SimStats& stats);

  // A line that may be preceded by quirk extras (an empty line, a noise URC).
  void line(std::string_view text);
  // A line right after protected data (a listing, a binary block, a stream): no extras before it.
  void bare_line(std::string_view text);
  // Bytes exactly as given (binary blocks, listings, escaped streams).
  void raw(std::string_view bytes);

  std::string_view eol() const;
  bool has(Quirk quirk) const { return quirks_.count(quirk) != 0; }

  // Bytes written from now on leave no earlier than `delay` after the latest moment already
  // asked for (or after now): a command's latency, then a round trip, add up.
  void hold_for(std::chrono::nanoseconds delay);
  // Bytes written from now on leave no earlier than `at`.
  void hold_until(OutputQueue::clock::time_point at) { out_.hold_until(at); }
  // Bytes the module relays as they arrive over the cellular side (a listing has no announced
  // length, so nothing makes it wait for the whole): each TCP segment leaves once it is in.
  void relay(std::string_view bytes, const LinkParams& link);

  // Bytes waiting for the pty; the simulator loop drains it from the front.
  OutputQueue& output() { return out_; }

 private:
  void extras();
  std::string styled(std::string_view text) const;

  std::set<Quirk> quirks_;
  std::mt19937 rng_;
  SimStats& stats_;
  OutputQueue out_;
};

}  // namespace mfs::sim
