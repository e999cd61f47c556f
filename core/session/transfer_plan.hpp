// Which path a transfer takes (DESIGN.md, "choose the transfer path by shape"): an escaped
// stream (L610 FTPRETR/FTPSTOR: no round trip per chunk) or chunks (FTPGET/FTPRECV, FTPPUT:
// a download can be left early with FTPCLOSE, which random access needs). Pure decisions.
#pragma once

#include <chrono>
#include <cstdint>
#include <system_error>

#include "core/session/session.hpp"

namespace mfs::session {

class TransferPlan {
 public:
  // `commit_limit`: how long a download stream may hold the modem. Until a stream has been read
  // to its end the modem takes no other command, so a request queued behind it waits that long.
  TransferPlan(TransferPath path, std::chrono::milliseconds commit_limit)
      : path_(path), commit_limit_(commit_limit) {}

  // Every download starts as a stream (transfer=stream).
  bool stream_downloads() const { return path_ == TransferPath::stream; }

  // A chunked download that a reader continued at `position` after `delivered` bytes: switch
  // the rest of the file to one stream when the reader has shown it reads on (random reads of
  // neighbouring blocks must not start a stream they would then have to drain), the rest is
  // long enough to repay the switch (FTPCLOSE, FTPOPEN, FTPRETR) and, at the rate measured so
  // far (the stream is faster), it ends within the commit limit.
  bool promote(std::uint64_t delivered, std::uint64_t position, std::uint64_t file_size,
               double measured_bytes_per_second) const;

  // An upload of `size` bytes goes as one stream rather than FTPPUT chunks (one round trip each).
  bool stream_upload(std::uint64_t size) const;

  // A stream failure worth repeating by chunks: the modem refused or failed it without a server
  // reply that would refuse the chunks too, and the line is fine.
  static bool worth_fallback(const std::error_code& error);

 private:
  TransferPath path_;
  std::chrono::milliseconds commit_limit_;
};

}  // namespace mfs::session
