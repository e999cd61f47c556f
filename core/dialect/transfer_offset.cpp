// Reaching data past the modules' offset range (see transfer_offset.hpp).
#include "core/dialect/transfer_offset.hpp"

#include <algorithm>
#include <string>

namespace mfs::dialect {
namespace {

// Bytes dropped per read while skipping: memory stays bounded whatever the distance.
constexpr std::uint64_t skip_chunk = 1 << 16;

}  // namespace

result<void> skip_download_to(Dialect& dialect, std::uint64_t offset) {
  std::string dropped;
  while (dialect.download_active() && dialect.download_position() < offset) {
    dropped.clear();
    const auto want = std::min(skip_chunk, offset - dialect.download_position());
    MFS_TRY(got, dialect.read_download(dropped, static_cast<std::size_t>(want)));
    if (got == 0) break;
  }
  return success();
}

}  // namespace mfs::dialect
