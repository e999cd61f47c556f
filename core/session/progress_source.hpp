// An upload's source as the dialect reads it. The dialect reads the next chunk only once the
// module took the one before, so every read is a sign the upload moves: it renews the
// request's deadline (RequestDeadline), while a stalled upload reads nothing. A read is also
// where a stream upload yields to an interactive request (Preemption): the read fails with
// session_errc::preempted, the dialect ends the stream there (the server holds a prefix, which
// the next turn resumes from).
#pragma once

#include <functional>
#include <optional>

#include "core/dialect/dialect.hpp"

namespace mfs::session {

class ProgressSource final : public dialect::UploadSource {
 public:
  // `on_read` gets the offset and size of each read: the bytes before it are with the module.
  // `yield_now`, if set, is asked before every read but the first.
  ProgressSource(dialect::UploadSource& source,
                 std::function<void(std::uint64_t offset, std::size_t bytes)> on_read,
                 std::function<bool()> yield_now = {})
      : source_(source), on_read_(std::move(on_read)), yield_now_(std::move(yield_now)) {}

  std::uint64_t size() const override { return source_.size(); }
  result<std::size_t> read_at(std::uint64_t offset, std::span<char> out) override;

  // For a path that cannot end at any byte (chunks): reads never yield from now on.
  void stop_yielding() { yield_now_ = nullptr; }

 private:
  dialect::UploadSource& source_;
  std::function<void(std::uint64_t, std::size_t)> on_read_;
  std::function<bool()> yield_now_;
  std::optional<std::uint64_t> first_offset_;  // of this try's first read: never yields there
};

}  // namespace mfs::session
