// RequestDeadline: an atomic, so the waiting caller reads what the modem thread renews.
#include "core/session/request_deadline.hpp"

#include <algorithm>

namespace mfs::session {
namespace {

using Clock = RequestDeadline::Clock;

Clock::rep ticks(Clock::time_point t) { return t.time_since_epoch().count(); }
Clock::time_point point(Clock::rep t) { return Clock::time_point(Clock::duration(t)); }

}  // namespace

RequestDeadline::RequestDeadline(Clock::duration idle, Clock::time_point bound)
    : idle_(idle), bound_(bound), at_(ticks(bound)) {}

Clock::time_point RequestDeadline::current() const { return point(at_.load()); }

void RequestDeadline::renew() { at_ = ticks(std::min(Clock::now() + idle_, bound_)); }

}  // namespace mfs::session
