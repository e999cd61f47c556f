// What the transfer schedulers report back to the session that runs them: the request being
// served moved bytes (its deadline is renewed), bytes that count as progress for its retry
// budget, and stream bytes nobody asked for yet (the block cache takes them); and what they
// ask it: whether to yield to an interactive request now, whether a download may become a
// stream (Preemption).
#pragma once

#include <cstdint>
#include <functional>

#include "core/session/session.hpp"

namespace mfs::session {

struct TransferHooks {
  std::function<void()> renew;
  std::function<void(std::uint64_t bytes)> progressed;
  SpillHandler spill;
  std::function<bool()> yield_now;
  std::function<bool()> may_stream;
};

}  // namespace mfs::session
