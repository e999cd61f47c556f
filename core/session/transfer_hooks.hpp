// What the transfer schedulers report back to the session that runs them: the request being
// served moved bytes (its deadline is renewed), bytes that count as progress for its retry
// budget, bytes of a file that crossed the link (status and data accounting), and stream bytes
// nobody asked for yet (the block cache takes them); and what they
// ask it: whether to yield to an interactive request now, whether a download may become a
// stream (Preemption).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/session/session.hpp"

namespace mfs::session {

struct TransferHooks {
  std::function<void()> renew;
  std::function<void(std::uint64_t bytes)> progressed;
  // `bytes` of `path` crossed the link (`upload`: towards the server); the transfer stands at
  // `position` of `total` (0: unknown).
  std::function<void(const std::string& path, bool upload, std::uint64_t position,
                     std::uint64_t total, std::size_t bytes)>
      moved;
  SpillHandler spill;
  std::function<bool()> yield_now;
  std::function<bool()> may_stream;
};

}  // namespace mfs::session
