// The link between host and server as the simulator models it (issue 4): the serial line's rate,
// the module's per-command latency, and the cellular side's round trip and bandwidth.
// All zero by default: an unthrottled link, so functional tests stay fast.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace mfs::sim {

struct LinkParams {
  unsigned baud = 0;                             // serial bits/s, 10 bits a byte; 0: unpaced
  std::chrono::milliseconds command_latency{0};  // before each AT command's response starts
  std::chrono::milliseconds rtt{0};              // cellular round trip of one FTP control exchange
  std::uint64_t bandwidth = 0;                   // cellular bytes/s of FTP data; 0: unlimited

  // How long `bytes` of FTP data take over the cellular side.
  std::chrono::nanoseconds transfer_time(std::uint64_t bytes) const;
};

// One direction of the serial line: hands bytes over only once the line could have carried
// them (baud/10 bytes per second), so N bytes take at least N*10/baud seconds end to end.
class LinePacer {
 public:
  using clock = std::chrono::steady_clock;

  explicit LinePacer(unsigned baud) : baud_(baud) {}

  // How many of the `waiting` bytes may be handed over at `now` (all of them when unpaced).
  std::size_t allowance(clock::time_point now, std::size_t waiting);
  // `n` bytes of the allowance were handed over.
  void consume(std::size_t n) { carried_ += n; }
  // When the next waiting byte will have been carried; time_point::max() when unpaced.
  clock::time_point next_byte_at() const;

 private:
  unsigned baud_;
  bool idle_ = true;          // nothing waited at the last call: the next byte starts afresh
  clock::time_point epoch_{};
  std::uint64_t carried_ = 0;  // bytes handed over since epoch_
};

}  // namespace mfs::sim
