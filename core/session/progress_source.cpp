// ProgressSource: a read of the spool is reported (or refused for a yield), then served by the
// spool.
#include "core/session/progress_source.hpp"

#include "core/session/session_error.hpp"

namespace mfs::session {

result<std::size_t> ProgressSource::read_at(std::uint64_t offset, std::span<char> out) {
  if (!first_offset_) first_offset_ = offset;
  if (yield_now_ && offset != *first_offset_ && yield_now_()) return session_errc::preempted;
  auto read = source_.read_at(offset, out);
  on_read_(offset, read ? read.value() : 0);
  return read;
}

}  // namespace mfs::session
