// Attribute operations. Attributes come from the directory listing (never a round trip of
// their own when the parent's listing is fresh). The modem's FTP client cannot set times or
// modes: utimens and chmod go to the metadata overlay in cache_dir (core/vfs/meta_overlay.hpp),
// which only this mount sees; chown is accepted and ignored (see modemftpfs(1)).
// Server symlinks show as symlinks with the target their listing line gives; links cannot be
// made over this wire, and both kinds answer EPERM, as ln expects of a filesystem without them.
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "fusefs/ops.hpp"

namespace mfs::fusefs {
namespace {

// statfs: FTP has no portable "free space" query, so report plenty rather than a full disk.
constexpr std::uint64_t reported_capacity = 1ull << 40;
constexpr unsigned long max_name_octets = 255;  // L610 limit for names (PROTOCOL.md 1)
constexpr fsfilcnt_t reported_inodes = 1u << 20;

}  // namespace

void fill_stat(const vfs::Attr& attr, struct stat& st) {
  st = {};
  const bool dir = attr.type == ftp::EntryType::directory;
  // A symlink whose listing line gave no target shows as what the server serves through it.
  const bool link = attr.type == ftp::EntryType::symlink && !attr.link_target.empty();
  // A DOS-style listing carries no permissions: show the usual ones.
  const mode_t perms = attr.mode != 0 ? (attr.mode & 07777) : (dir ? 0755 : 0644);
  st.st_mode = link ? (S_IFLNK | 0777) : ((dir ? S_IFDIR : S_IFREG) | perms);
  st.st_nlink = dir ? attr.nlink : 1;
  st.st_uid = ::getuid();
  st.st_gid = ::getgid();
  st.st_size = static_cast<off_t>(link ? attr.link_target.size() : attr.size);
  // The preferred I/O size is a page, what a FUSE read is asked for: stdio sizes its buffer
  // from it, and a block-sized one made every small random read a whole block's download.
  // Sequential tools read 128 KiB or more anyway, and the block cache's readahead serves them.
  st.st_blksize = static_cast<blksize_t>(::sysconf(_SC_PAGESIZE));
  st.st_blocks = static_cast<blkcnt_t>((attr.size + 511) / 512);
  st.st_atime = st.st_mtime = st.st_ctime = attr.mtime;
  st.st_mtim.tv_nsec = attr.mtime_nsec;
}

// With a file handle (fstat) the open file answers: its name may be gone (path is then null).
int op_getattr(const char* path, struct stat* st, fuse_file_info* fi) noexcept {
  return guarded("getattr", path, [&] {
    auto attr = fi ? remote().fgetattr(fi->fh) : remote().getattr(path);
    if (!attr) return -to_errno(attr.error());
    fill_stat(attr.value(), *st);
    return 0;
  });
}

int op_statfs(const char* path, struct statvfs* st) noexcept {
  return guarded("statfs", path, [&] {
    *st = {};
    st->f_bsize = st->f_frsize = context().block_size;
    st->f_blocks = st->f_bfree = st->f_bavail = reported_capacity / context().block_size;
    st->f_files = st->f_ffree = st->f_favail = reported_inodes;
    st->f_namemax = max_name_octets;
    return 0;
  });
}

// The target, cut to fit `size` and NUL-terminated, as readlink(2) through FUSE expects.
int op_readlink(const char* path, char* buf, size_t size) noexcept {
  return guarded("readlink", path, [&] {
    auto target = remote().readlink(path);
    if (!target) return -to_errno(target.error());
    if (size == 0) return -EINVAL;
    const std::size_t n = std::min(target.value().size(), size - 1);
    std::memcpy(buf, target.value().data(), n);
    buf[n] = '\0';
    return 0;
  });
}

int op_symlink(const char*, const char*) noexcept { return -EPERM; }

int op_link(const char*, const char*) noexcept { return -EPERM; }

// Only the modification time is kept (tv[1]); a file unlinked while open (no path) keeps none.
int op_utimens(const char* path, const struct timespec tv[2], fuse_file_info*) noexcept {
  return guarded("utimens", path, [&] {
    if (!path || tv[1].tv_nsec == UTIME_OMIT) return 0;
    timespec mtime = tv[1];
    if (mtime.tv_nsec == UTIME_NOW) ::clock_gettime(CLOCK_REALTIME, &mtime);
    auto set = remote().set_mtime(path, mtime);
    return set ? 0 : -to_errno(set.error());
  });
}

int op_chmod(const char* path, mode_t mode, fuse_file_info*) noexcept {
  return guarded("chmod", path, [&] {
    if (!path) return 0;
    auto set = remote().set_mode(path, mode);
    return set ? 0 : -to_errno(set.error());
  });
}

int op_chown(const char*, uid_t, gid_t, fuse_file_info*) noexcept { return 0; }

}  // namespace mfs::fusefs
