// The write path: new files, writes into the handle's local spool, and truncation (by path,
// or through an open handle as ftruncate).
#include "fusefs/ops.hpp"

namespace mfs::fusefs {

int op_create(const char* path, mode_t mode, fuse_file_info* fi) noexcept {
  return guarded("create", path, [&] {
    auto handle = remote().create(path, mode, fi->flags);
    if (!handle) return -to_errno(handle.error());
    fi->fh = handle.value();
    return 0;
  });
}

int op_write(const char* path, const char* buf, size_t size, off_t offset,
             fuse_file_info* fi) noexcept {
  return guarded("write", path, [&] {
    auto count = remote().write(fi->fh, buf, size, static_cast<std::uint64_t>(offset));
    return count ? static_cast<int>(count.value()) : -to_errno(count.error());
  });
}

int op_truncate(const char* path, off_t size, fuse_file_info* fi) noexcept {
  return guarded("truncate", path, [&] {
    if (size < 0) return -EINVAL;
    const auto length = static_cast<std::uint64_t>(size);
    return status(fi ? remote().ftruncate(fi->fh, length) : remote().truncate(path, length));
  });
}

}  // namespace mfs::fusefs
