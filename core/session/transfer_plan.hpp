// Which path a transfer takes (DESIGN.md, "choose the transfer path by shape"): an escaped
// stream (L610 FTPRETR/FTPSTOR: no round trip per chunk) or chunks (FTPGET/FTPRECV, FTPPUT:
// a download can be left early with FTPCLOSE, which random access needs). Pure decisions.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <system_error>

#include "core/session/session.hpp"

namespace mfs::session {

// A download remainder at most this long is cheaper to drain than to abandon and reopen later
// (an FTPCLOSE + FTPOPEN costs several cellular round trips; 64 KiB is ~22 FTPRECV exchanges).
inline constexpr std::uint64_t drain_limit = 64 * 1024;

// What a chunked download has shown so far.
struct ChunkedRate {
  double bytes_per_second = 0;  // delivered / time spent reading them
  bool module_kept_up = true;   // every chunk came full: the module's buffer was never short
};

class TransferPlan {
 public:
  // `commit_limit`: how long a download stream may hold the modem. Until a stream has been read
  // to its end the modem takes no other command, so a request queued behind it waits that long.
  // `line_bytes_per_second`: the serial line's rate (baud / 10), what a stream reaches when the
  // module has the data ready.
  TransferPlan(TransferPath path, std::chrono::milliseconds commit_limit,
               double line_bytes_per_second)
      : path_(path), commit_limit_(commit_limit), line_rate_(line_bytes_per_second) {}

  // A request queued behind a stream waits for it, so a stream must end within a request's
  // deadline: four fifths of it, the last fifth is the queued request's own time.
  static std::chrono::milliseconds commit_limit_for(std::chrono::seconds request_timeout);

  // A download from `offset` starts as a stream: always (transfer=stream), or when what is left
  // of the file is within drain_limit, so a reader that stops early costs no more than a chunked
  // download would (transfer=auto):
  // one exchange instead of an opening and a read per chunk.
  bool stream_from(std::uint64_t offset, std::uint64_t file_size) const;

  // A chunked download that a reader continued at `position` after `delivered` bytes: switch
  // the rest of the file to one stream when the reader has shown it reads on (random reads of
  // neighbouring blocks must not start a stream they would then have to drain), the rest is
  // long enough to repay the switch (FTPCLOSE, FTPOPEN, FTPRETR) and it ends within the commit
  // limit at the stream's expected rate (stream_rate).
  bool promote(std::uint64_t delivered, std::uint64_t position, std::uint64_t file_size,
               const ChunkedRate& so_far) const;

  // A stream runs at least as fast as the chunks did, and at the line rate when the module
  // always had a full chunk ready (the serial line was the bottleneck, not the cellular side).
  // A USB module ignores the configured baud: there the measured rate is the higher one.
  double stream_rate(const ChunkedRate& so_far) const;

  // An upload of `size` bytes goes as one stream rather than chunks (one exchange each):
  // always, never, or above the family's `chunked_limit` (TransferLimits).
  bool stream_upload(std::uint64_t size, std::uint64_t chunked_limit) const;

  // Streams may be used at all (not transfer=chunked).
  bool allows_streams() const { return path_ != TransferPath::chunked; }

  // A stream failure worth repeating by chunks: the modem refused or failed it without a server
  // reply that would refuse the chunks too, and the line is fine.
  static bool worth_fallback(const std::error_code& error);

 private:
  TransferPath path_;
  std::chrono::milliseconds commit_limit_;
  double line_rate_;
};

}  // namespace mfs::session
