// The filesystem logic over the modem session: path model, directory cache, block cache and
// write spool. Thread-safe: FUSE worker threads call it concurrently. Returns result<T>; the
// FUSE edge turns errors into errno.
#pragma once

#include <chrono>
#include <cstdint>
#include <ctime>
#include <filesystem>
#include <memory>
#include <string>
#include <sys/types.h>
#include <vector>

#include "core/ftp/list_entry.hpp"
#include "core/util/result.hpp"
#include "core/vfs/cache_defaults.hpp"

namespace mfs::session { class Session; }

namespace mfs::vfs {

struct FsConfig {
  std::chrono::seconds dir_cache_ttl = default_dir_cache_ttl;
  std::filesystem::path cache_dir;  // spools and the on-disk block cache
  std::uint64_t memory_cache_bytes = default_memory_cache_bytes;  // block cache in memory
  std::uint64_t disk_cache_bytes = default_disk_cache_bytes;  // cache_size: block cache on disk
  std::size_t block_size = default_block_size;
};

struct Attr {
  ftp::EntryType type = ftp::EntryType::file;
  std::uint64_t size = 0;
  std::time_t mtime = 0;
  mode_t mode = 0;  // permission bits
  std::string link_target;  // a symlink's target as its listing line shows it ("" otherwise)
  long mtime_nsec = 0;      // set only by the metadata overlay (a time the user set)
  // A directory's link count: 2 + its subdirectories when its listing is known, else 1 (the
  // "not counted" value, as btrfs gives, so that find(1) makes no leaf assumption).
  unsigned nlink = 1;
};

struct DirEntry {
  std::string name;
  Attr attr;
};

using Handle = std::uint64_t;

// A spool waiting to be uploaded (close() came while uploads were paused, or its upload failed).
struct PendingUpload {
  std::string path;
  std::uint64_t size = 0;
  std::chrono::system_clock::time_point since{};  // its last change
  std::string last_error;                          // "" when no upload was tried
  std::chrono::system_clock::time_point error_at{};
};

struct FlushReport {
  std::size_t uploaded = 0;
  std::vector<std::string> failed;  // "path: reason"
};

class RemoteFs {
 public:
  RemoteFs(session::Session& session, FsConfig config);
  ~RemoteFs();

  result<Attr> getattr(const std::string& path);
  result<Attr> fgetattr(Handle h);  // the open file's, whatever became of its name
  result<std::vector<DirEntry>> readdir(const std::string& path);
  // A server symlink's target, from its listing line; EINVAL for anything else.
  result<std::string> readlink(const std::string& path);

  // Spools an earlier run left unsent (the daemon was killed while uploading): each becomes
  // the open file of its path at once, so readers see its data, and is uploaded by a
  // background thread. Returns how many were found.
  std::size_t recover_spools();

  result<Handle> open(const std::string& path, int flags);
  result<Handle> create(const std::string& path, mode_t mode, int flags);
  result<std::size_t> read(Handle h, char* buf, std::size_t size, std::uint64_t offset);
  result<std::size_t> write(Handle h, const char* buf, std::size_t size, std::uint64_t offset);
  result<void> flush(Handle h);     // uploads the spool if dirty
  result<void> fsync(Handle h);
  result<void> release(Handle h);   // uploads if dirty, then forgets the handle
  result<void> truncate(const std::string& path, std::uint64_t size);
  // What the wire cannot carry, kept in the metadata overlay (meta_overlay.hpp).
  result<void> set_mtime(const std::string& path, const timespec& mtime);
  result<void> set_mode(const std::string& path, mode_t mode);
  result<void> ftruncate(Handle h, std::uint64_t size);

  result<void> unlink(const std::string& path);
  result<void> mkdir(const std::string& path, mode_t mode);
  result<void> rmdir(const std::string& path);
  result<void> rename(const std::string& from, const std::string& to);
  // unlink(from) of a file still open, whose handles go on under `to`, a name that exists only
  // in this mount (libfuse's hidden name) until unlink(to) at the last close. The handles keep
  // the file: a writer's later data is never uploaded, a reader keeps reading what it opened
  // (from a local copy made before the server's file is deleted). Nothing open: rename.
  result<void> hide(const std::string& from, const std::string& to);

  // For `modemftpfs status`, `flush`, `pause-uploads`, `resume-uploads` and `forget`
  // (remote_fs_control.cpp). Paused, close() and fsync() return once the spool is durable
  // (handed over, as for a crash) and the upload waits for resume or flush.
  std::vector<PendingUpload> pending_uploads();
  FlushReport flush_all();  // uploads every pending spool now, paused or not
  void pause_uploads(bool paused);
  bool uploads_paused() const;
  // Drops cached listings and blocks at and below `path` ("/" for everything).
  void forget(const std::string& path);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mfs::vfs
