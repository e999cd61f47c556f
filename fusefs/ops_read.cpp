// Open files and the read path. A handle's spool is uploaded on flush, fsync and release; the
// error of that upload is what close() returns (DESIGN.md, Writes).
#include "fusefs/ops.hpp"

namespace mfs::fusefs {

int op_open(const char* path, fuse_file_info* fi) noexcept {
  return guarded("open", path, [&] {
    auto handle = remote().open(path, fi->flags);
    if (!handle) return -to_errno(handle.error());
    fi->fh = handle.value();
    return 0;
  });
}

int op_read(const char* path, char* buf, size_t size, off_t offset, fuse_file_info* fi) noexcept {
  return guarded("read", path, [&] {
    auto count = remote().read(fi->fh, buf, size, static_cast<std::uint64_t>(offset));
    return count ? static_cast<int>(count.value()) : -to_errno(count.error());
  });
}

int op_flush(const char* path, fuse_file_info* fi) noexcept {
  return guarded("flush", path, [&] { return status(remote().flush(fi->fh)); });
}

int op_fsync(const char* path, int, fuse_file_info* fi) noexcept {
  return guarded("fsync", path, [&] { return status(remote().fsync(fi->fh)); });
}

// The kernel ignores release's answer, so an upload failure here can only be logged; the
// close() that matters already went through op_flush.
int op_release(const char* path, fuse_file_info* fi) noexcept {
  return guarded("release", path, [&] {
    const int result = status(remote().release(fi->fh));
    if (result != 0)
      log::get("fusefs")->error("release {}: upload failed, errno {}", path ? path : "(unlinked)",
                                -result);
    return result;
  });
}

}  // namespace mfs::fusefs
