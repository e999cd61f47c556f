// ProgressSource: a read of the spool is reported, then served by the spool.
#include "core/session/progress_source.hpp"

namespace mfs::session {

result<std::size_t> ProgressSource::read_at(std::uint64_t offset, std::span<char> out) {
  auto read = source_.read_at(offset, out);
  on_read_(offset, read ? read.value() : 0);
  return read;
}

}  // namespace mfs::session
