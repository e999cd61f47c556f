// TransferPlan: the stream-or-chunks decisions (see transfer_plan.hpp).
#include "core/session/transfer_plan.hpp"

#include <algorithm>

#include "core/ftp/ftp_error.hpp"

namespace mfs::session {
namespace {

// Sequential evidence: a whole-file read gets here on its third request (the block cache's
// readahead brings 2, 3, then 5 blocks of 256 KiB). A random read brings a block, or two when
// the kernel's readahead crosses into the next: a chain of random reads over neighbouring
// blocks rarely reaches four in a row.
constexpr std::uint64_t min_delivered_before_stream = 1 << 20;
// Below this a stream saves less than the switch costs: at 92 KB/s, 1 MiB by FTPRECV spends
// ~0.7 s on per-exchange overhead, about what FTPCLOSE + FTPOPEN + FTPRETR take at 60 ms RTT.
constexpr std::uint64_t min_stream_remainder = 1 << 20;
// A stream escapes 0x03 and 0x10 (seed 1.2.16): 2/256 more bytes on random data, and a margin.
constexpr double stream_escape_factor = 1.01;

}  // namespace

std::chrono::milliseconds TransferPlan::commit_limit_for(std::chrono::seconds request_timeout) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(request_timeout) * 4 / 5;
}

bool TransferPlan::stream_from(std::uint64_t offset, std::uint64_t file_size) const {
  if (path_ == TransferPath::stream) return true;
  return path_ == TransferPath::automatic && file_size > offset &&
         file_size - offset <= drain_limit;
}

bool TransferPlan::promote(std::uint64_t delivered, std::uint64_t position,
                           std::uint64_t file_size, const ChunkedRate& so_far) const {
  if (path_ != TransferPath::automatic || file_size <= position) return false;
  if (delivered < min_delivered_before_stream) return false;
  const std::uint64_t rest = file_size - position;
  const double rate = stream_rate(so_far);
  if (rest < min_stream_remainder || so_far.bytes_per_second <= 0 || rate <= 0) return false;
  const double seconds = static_cast<double>(rest) * stream_escape_factor / rate;
  return seconds <= std::chrono::duration<double>(commit_limit_).count();
}

double TransferPlan::stream_rate(const ChunkedRate& so_far) const {
  if (!so_far.module_kept_up) return so_far.bytes_per_second;
  return std::max(so_far.bytes_per_second, line_rate_);
}

bool TransferPlan::stream_upload(std::uint64_t size, std::uint64_t chunked_limit) const {
  if (path_ == TransferPath::automatic) return size > chunked_limit;
  return path_ == TransferPath::stream;
}

bool TransferPlan::worth_fallback(const std::error_code& error) {
  return error == ftp::ftp_errc::operation_failed ||
         error == std::errc::operation_not_supported;
}

}  // namespace mfs::session
