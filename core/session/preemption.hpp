// When a bulk request gives the modem to interactive ones (issue 14): a bulk job that has had
// its turn yields, between two chunks, to an interactive request waiting in the queue, and
// resumes after it where it stopped. A download stream cannot be left, so one is started only
// while no bulk job had to yield for a while. Modem thread only; `now` is passed in.
#pragma once

#include <chrono>
#include <optional>

#include "core/session/job_queue.hpp"

namespace mfs::session {

class Preemption {
 public:
  using Clock = std::chrono::steady_clock;

  // The least a bulk job runs before it yields: it always moves some bytes (a pre-emption costs
  // its transfer a few round trips: ending the stream, the size listing, a new FTPSTOR), and an
  // interactive request waits for at most this plus that cost.
  static constexpr Clock::duration min_turn = std::chrono::seconds(1);
  // How long after the last pre-emption a download may again become a stream (a stream holds
  // the modem until its end: an interactive request would wait for all of it).
  static constexpr Clock::duration quiet_before_stream = std::chrono::seconds(30);

  void begin(Priority priority, Clock::time_point now);
  void end() { serving_.reset(); }

  // Whether the bulk job being served yields now; true also records the pre-emption.
  bool should_yield(bool interactive_waiting, Clock::time_point now);
  bool may_stream(Clock::time_point now) const;

 private:
  std::optional<Priority> serving_;
  Clock::time_point turn_started_{};
  std::optional<Clock::time_point> last_yield_;
};

}  // namespace mfs::session
