// The download side of the session: which read continues the open download, when it becomes
// a stream (TransferPlan), and how it is settled before any other request (drained into the
// block cache, or abandoned). Modem thread only.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "core/dialect/dialect.hpp"
#include "core/session/transfer_hooks.hpp"
#include "core/session/transfer_plan.hpp"
#include "core/util/result.hpp"

namespace mfs::session {

class DownloadScheduler {
 public:
  DownloadScheduler(dialect::Dialect& dialect, const TransferPlan& plan, TransferHooks hooks)
      : dialect_(dialect), plan_(plan), hooks_(std::move(hooks)) {}

  // Appends up to `length` bytes from `offset` to `out`; progress survives a failure.
  result<void> read(const std::string& path, std::uint64_t offset, std::size_t length,
                    std::uint64_t file_size, std::string& out);
  // Makes the dialect idle for a non-read request: drains a short remainder (or any stream)
  // into the block cache, abandons a long one.
  void settle();

 private:
  using Clock = std::chrono::steady_clock;

  result<void> begin(const std::string& path, std::uint64_t offset, std::uint64_t file_size);
  result<void> continue_at(const std::string& path, std::uint64_t offset,
                           std::uint64_t file_size);
  result<void> skip_to(const std::string& path, std::uint64_t offset);
  std::size_t chunk() const;
  void drain_stream();

  dialect::Dialect& dialect_;
  const TransferPlan& plan_;
  TransferHooks hooks_;
  std::uint64_t file_size_ = 0;     // size of the file the open download reads
  Clock::duration busy_{};          // time spent reading the open download, for its rate,
  std::uint64_t begun_offset_ = 0;  // and the offset it started at
  int short_chunks_ = 0;            // chunks the module had fewer bytes ready for
};

}  // namespace mfs::session
