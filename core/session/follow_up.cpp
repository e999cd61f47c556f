// FollowUp: two thread-local deadlines, so concurrent FUSE threads never cap each other.
#include <algorithm>

#include "core/session/session.hpp"

namespace mfs::session {
namespace {

thread_local std::optional<FollowUp::Clock::time_point> last_deadline;
thread_local std::optional<FollowUp::Clock::time_point> active_cap;

}  // namespace

FollowUp::FollowUp() : outer_(active_cap) {
  if (last_deadline) active_cap = outer_ ? std::min(*outer_, *last_deadline) : *last_deadline;
}

FollowUp::~FollowUp() { active_cap = outer_; }

std::optional<FollowUp::Clock::time_point> FollowUp::cap() { return active_cap; }

void FollowUp::record(Clock::time_point deadline) { last_deadline = deadline; }

}  // namespace mfs::session
