// BlockGather: how long to let a length-announced binary block pile up in the OS before the
// next read. Read as bytes come, a 921600-baud line wakes the daemon every ~80 bytes (a 3000-byte
// FTPRECV block: ~40 wakeups); waiting as long as the rest takes at the measured arrival rate
// hands it over in one or two. Pure (time is passed in), so the policy is tested without a line.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>

namespace mfs::at {

class BlockGather {
 public:
  using Clock = std::chrono::steady_clock;

  // A new command: the first read after it spans the modem's latency, not line time.
  void restart() { last_.reset(); }

  // Before a read into a buffer of `capacity` while the block still needs `needed` bytes (0: no
  // block pending): how long to sleep first. Zero unless the previous read came back short (the
  // OS held nothing more) and the rate is known; at most max_pause, never past `deadline`.
  std::chrono::nanoseconds before_read(std::size_t needed, std::size_t capacity,
                                       Clock::time_point now, Clock::time_point deadline);
  // After that read: it brought `got` bytes.
  void after_read(std::size_t got, Clock::time_point now);

  // Bytes per second the line has delivered inside blocks lately; nothing before a first sample.
  std::optional<double> rate() const;

  // A pause only hides latency while the rate is right; if the rate is stale (a stalled
  // modem), a block waits at most this long for bytes that came earlier.
  static constexpr std::chrono::milliseconds max_pause{40};

 private:
  struct Read {
    Clock::time_point at;
    bool short_read;    // the OS held no more: the next bytes are new arrivals
    bool woken;         // no pause before it: it returned when bytes arrived
    bool in_block;
  };
  struct Pending {
    std::size_t needed;
    std::size_t capacity;
    bool paused;
  };

  bool measuring() const;
  void add_sample(std::size_t bytes, double seconds);

  std::optional<Read> last_;
  Pending pending_{0, 0, false};
  int blocks_since_sample_ = 0;
  double weighted_bytes_ = 0;
  double weighted_seconds_ = 0;
};

}  // namespace mfs::at
