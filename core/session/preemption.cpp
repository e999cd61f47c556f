// Preemption: the turn of the job being served and the time of the last pre-emption.
#include "core/session/preemption.hpp"

namespace mfs::session {

void Preemption::begin(Priority priority, Clock::time_point now) {
  serving_ = priority;
  turn_started_ = now;
}

bool Preemption::should_yield(bool interactive_waiting, Clock::time_point now) {
  if (serving_ != Priority::bulk || now - turn_started_ < min_turn || !interactive_waiting)
    return false;
  last_yield_ = now;
  return true;
}

bool Preemption::may_stream(Clock::time_point now) const {
  return !last_yield_ || now - *last_yield_ >= quiet_before_stream;
}

}  // namespace mfs::session
