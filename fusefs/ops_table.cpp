// The operations table and the connection set-up: what the kernel may cache and for how long
// (little: the directory cache's TTL in core/vfs is the one authority on freshness).
#include "fusefs/ops.hpp"

namespace mfs::fusefs {

void* op_init(fuse_conn_info* conn, fuse_config* cfg) noexcept {
  // Paths, not inode numbers, identify files here (FTP is path based). Reads, writes, flush,
  // fsync, ftruncate and release use the handle (fi->fh), never the path.
  cfg->use_ino = 0;
  cfg->nullpath_ok = 0;
  // kernel_cache stays off and attr/entry timeouts stay at libfuse's 1 s (negative 0 s): that
  // only spares repeated lookups within one command. Users may still set them with -o.
  // A file unlinked while open is renamed by libfuse to a hidden name (.fuse_hidden*) that it
  // unlinks at the last close: so fstat of an open descriptor still finds it (the kernel asks
  // for it by path; with hard_remove it would get ESTALE). op_rename hands that rename to
  // RemoteFs::hide, which deletes the file on the server at once: the hidden name exists only
  // in this mount, and a crash leaves nothing behind.
  cfg->hard_remove = 0;
  // open(O_TRUNC) arrives as one open with the flag: no download of a file about to be replaced.
  if (conn->capable & FUSE_CAP_ATOMIC_O_TRUNC) conn->want |= FUSE_CAP_ATOMIC_O_TRUNC;
  // Reads of one file arrive one at a time and in order: parallel readahead requests, handed to
  // different worker threads, would reach the session out of order and make it abandon and
  // restart the modem's download stream (one FTPGET per sequential read is the design).
  conn->want &= ~static_cast<unsigned>(FUSE_CAP_ASYNC_READ);
  return fuse_get_context()->private_data;
}

void op_destroy(void*) noexcept {
  try {
    log::get("fusefs")->info("file system unmounted");
  } catch (...) {
  }
}

// Field by field: designated initializers would have to name all 40-odd members to keep
// -Wmissing-field-initializers quiet. Unset operations are ENOSYS to the kernel.
fuse_operations make_operations() {
  fuse_operations ops{};
  ops.getattr = op_getattr;
  ops.readlink = op_readlink;
  ops.symlink = op_symlink;
  ops.link = op_link;
  ops.mkdir = op_mkdir;
  ops.unlink = op_unlink;
  ops.rmdir = op_rmdir;
  ops.rename = op_rename;
  ops.chmod = op_chmod;
  ops.chown = op_chown;
  ops.truncate = op_truncate;
  ops.open = op_open;
  ops.read = op_read;
  ops.write = op_write;
  ops.statfs = op_statfs;
  ops.flush = op_flush;
  ops.release = op_release;
  ops.fsync = op_fsync;
  ops.readdir = op_readdir;
  ops.init = op_init;
  ops.destroy = op_destroy;
  ops.create = op_create;
  ops.utimens = op_utimens;
  return ops;
}

}  // namespace mfs::fusefs
