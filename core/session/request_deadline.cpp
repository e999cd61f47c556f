// RequestDeadline: atomics, so the waiting caller reads what the modem thread renews.
#include "core/session/request_deadline.hpp"

#include <algorithm>

namespace mfs::session {
namespace {

using Clock = RequestDeadline::Clock;

Clock::rep ticks(Clock::time_point t) { return t.time_since_epoch().count(); }
Clock::time_point point(Clock::rep t) { return Clock::time_point(Clock::duration(t)); }

}  // namespace

RequestDeadline::RequestDeadline(Clock::duration idle, Clock::duration budget,
                                 std::optional<Clock::time_point> cap)
    : idle_(idle),
      budget_(budget),
      cap_(cap.value_or(Clock::time_point::max())),
      bound_(cap_),
      at_(ticks(cap_)) {}

Clock::time_point RequestDeadline::current() const { return point(at_.load()); }

void RequestDeadline::start() {
  const auto now = Clock::now();
  bound_ = cap_ - now > budget_ ? now + budget_ : cap_;  // written so max() cannot overflow
  started_ = true;
  renew();
}

void RequestDeadline::pause() {
  budget_ = std::max(Clock::duration::zero(), bound_ - Clock::now());
  started_ = false;
  at_ = ticks(cap_);
}

void RequestDeadline::renew() { at_ = ticks(std::min(Clock::now() + idle_, bound_)); }

}  // namespace mfs::session
