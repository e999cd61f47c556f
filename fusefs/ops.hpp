// The libfuse high-level operations: thin adapters from fuse_operations onto vfs::RemoteFs.
// Each is noexcept; an escaping exception is logged and answered with EIO, never thrown into C.
#pragma once

#include <fuse.h>

#include <cerrno>
#include <cstddef>
#include <exception>
#include <type_traits>

#include "core/util/log.hpp"
#include "core/util/result.hpp"
#include "core/vfs/remote_fs.hpp"
#include "fusefs/errno_map.hpp"

namespace mfs::fusefs {

// What every operation reaches through fuse_get_context()->private_data.
struct FsContext {
  vfs::RemoteFs* fs = nullptr;
  std::size_t block_size = 256 * 1024;  // st_blksize and statfs f_bsize
};

inline FsContext& context() { return *static_cast<FsContext*>(fuse_get_context()->private_data); }
inline vfs::RemoteFs& remote() { return *context().fs; }

// 0 for success, -errno for an error.
inline int status(const result<void>& r) { return r ? 0 : -to_errno(r.error()); }

// Runs one adapter body; the catch-all keeps exceptions out of libfuse's C frames.
template <class Body>
int guarded(const char* op, const char* path, Body&& body) noexcept {
  try {
    return body();
  } catch (const std::exception& e) {
    log::get("fusefs")->error("{} {}: {}", op, path ? path : "", e.what());
  } catch (...) {
    log::get("fusefs")->error("{} {}: unknown exception", op, path ? path : "");
  }
  return -EIO;
}

// ops_meta.cpp
int op_getattr(const char* path, struct stat* st, fuse_file_info* fi) noexcept;
int op_statfs(const char* path, struct statvfs* st) noexcept;
int op_utimens(const char* path, const struct timespec tv[2], fuse_file_info* fi) noexcept;
int op_chmod(const char* path, mode_t mode, fuse_file_info* fi) noexcept;
int op_chown(const char* path, uid_t uid, gid_t gid, fuse_file_info* fi) noexcept;
int op_readlink(const char* path, char* buf, size_t size) noexcept;
int op_symlink(const char* target, const char* path) noexcept;
int op_link(const char* from, const char* to) noexcept;
void fill_stat(const vfs::Attr& attr, struct stat& st);

// ops_dir.cpp
int op_readdir(const char* path, void* buf, fuse_fill_dir_t filler, off_t offset,
               fuse_file_info* fi, fuse_readdir_flags flags) noexcept;
int op_mkdir(const char* path, mode_t mode) noexcept;
int op_rmdir(const char* path) noexcept;
int op_unlink(const char* path) noexcept;
int op_rename(const char* from, const char* to, unsigned int flags) noexcept;

// ops_read.cpp
int op_open(const char* path, fuse_file_info* fi) noexcept;
int op_read(const char* path, char* buf, size_t size, off_t offset, fuse_file_info* fi) noexcept;
int op_flush(const char* path, fuse_file_info* fi) noexcept;
int op_release(const char* path, fuse_file_info* fi) noexcept;
int op_fsync(const char* path, int datasync, fuse_file_info* fi) noexcept;

// ops_write.cpp
int op_create(const char* path, mode_t mode, fuse_file_info* fi) noexcept;
int op_write(const char* path, const char* buf, size_t size, off_t offset,
             fuse_file_info* fi) noexcept;
int op_truncate(const char* path, off_t size, fuse_file_info* fi) noexcept;

// ops_table.cpp
void* op_init(fuse_conn_info* conn, fuse_config* cfg) noexcept;
void op_destroy(void* private_data) noexcept;
fuse_operations make_operations();

}  // namespace mfs::fusefs
