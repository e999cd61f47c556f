// When a request gives up (the -o timeout= promise): `idle` after it last moved a byte of its
// file, or after it started, and never past `bound`. Shared by the caller waiting for it and by
// the modem thread, which renews it whenever the request moves bytes: a slow transfer goes on,
// a stalled one ends `idle` after its last byte, whatever the modem's own command timeouts are.
#pragma once

#include <atomic>
#include <chrono>

namespace mfs::session {

class RequestDeadline {
 public:
  using Clock = std::chrono::steady_clock;

  // Until start() (a request waiting in the queue) only `bound` counts.
  RequestDeadline(Clock::duration idle, Clock::time_point bound);

  Clock::time_point current() const;
  bool passed() const { return Clock::now() >= current(); }

  // The modem thread begins the request, or moved bytes for it: `idle` from now on.
  void start() { renew(); }
  void renew();

 private:
  Clock::duration idle_;
  Clock::time_point bound_;
  std::atomic<Clock::rep> at_;  // time_since_epoch of current(), in Clock ticks
};

}  // namespace mfs::session
