// Directory operations: listing (one FTPLIST fills every entry's attributes, handed to the
// kernel with readdirplus so no per-entry getattr follows), and the namespace mutations.
#include <cstdio>
#include <string_view>

#include "fusefs/ops.hpp"

namespace mfs::fusefs {
namespace {

// libfuse's name for a file unlinked while open (fuse.c, hidden_name).
bool is_hidden_name(std::string_view path) {
  return path.substr(path.rfind('/') + 1).starts_with(".fuse_hidden");
}

}  // namespace

int op_readdir(const char* path, void* buf, fuse_fill_dir_t filler, off_t, fuse_file_info*,
               fuse_readdir_flags) noexcept {
  return guarded("readdir", path, [&] {
    auto entries = remote().readdir(path);
    if (!entries) return -to_errno(entries.error());
    filler(buf, ".", nullptr, 0, fuse_fill_dir_flags{});
    filler(buf, "..", nullptr, 0, fuse_fill_dir_flags{});
    struct stat st {};
    for (const vfs::DirEntry& entry : entries.value()) {
      fill_stat(entry.attr, st);
      if (filler(buf, entry.name.c_str(), &st, 0, FUSE_FILL_DIR_PLUS) != 0) break;
    }
    return 0;
  });
}

int op_mkdir(const char* path, mode_t mode) noexcept {
  return guarded("mkdir", path, [&] { return status(remote().mkdir(path, mode)); });
}

int op_rmdir(const char* path) noexcept {
  return guarded("rmdir", path, [&] { return status(remote().rmdir(path)); });
}

int op_unlink(const char* path) noexcept {
  return guarded("unlink", path, [&] { return status(remote().unlink(path)); });
}

// FTP's RNFR/RNTO replaces the target silently and cannot swap two names: NOREPLACE is
// checked against the (cached) listing first; EXCHANGE is refused. libfuse's rename of an open
// file to its hidden name is an unlink that keeps the file for its descriptors.
int op_rename(const char* from, const char* to, unsigned int flags) noexcept {
  return guarded("rename", from, [&] {
    if (flags == 0 && is_hidden_name(to)) return status(remote().hide(from, to));
    if ((flags & ~static_cast<unsigned>(RENAME_NOREPLACE)) != 0) return -EINVAL;
    if (flags & RENAME_NOREPLACE) {
      auto existing = remote().getattr(to);
      if (existing) return -EEXIST;
      if (const int err = to_errno(existing.error()); err != ENOENT) return -err;
    }
    return status(remote().rename(from, to));
  });
}

}  // namespace mfs::fusefs
