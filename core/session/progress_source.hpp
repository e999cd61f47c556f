// An upload's source as the dialect reads it. The dialect reads the next chunk only once the
// module took the one before, so every read is a sign the upload moves: it renews the
// request's deadline (RequestDeadline), while a stalled upload reads nothing.
#pragma once

#include <functional>

#include "core/dialect/dialect.hpp"

namespace mfs::session {

class ProgressSource final : public dialect::UploadSource {
 public:
  // `on_read` gets the offset and size of each read: the bytes before it are with the module.
  ProgressSource(dialect::UploadSource& source,
                 std::function<void(std::uint64_t offset, std::size_t bytes)> on_read)
      : source_(source), on_read_(std::move(on_read)) {}

  std::uint64_t size() const override { return source_.size(); }
  result<std::size_t> read_at(std::uint64_t offset, std::span<char> out) override;

 private:
  dialect::UploadSource& source_;
  std::function<void(std::uint64_t, std::size_t)> on_read_;
};

}  // namespace mfs::session
