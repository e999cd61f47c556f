// Private state of RemoteFs, shared by remote_fs.cpp (metadata), remote_fs_read.cpp,
// remote_fs_write.cpp and remote_fs_dir.cpp: the caches, the open files and the handles.
//
// Lock order: RemoteFs::Impl::mu_ before DirCache::mu_ before BlockCache::mu_ before
// WriteSpool::mu_. No lock is ever held across a Session call (each is a modem future wait).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/session/session.hpp"
#include "core/vfs/block_cache.hpp"
#include "core/vfs/dir_cache.hpp"
#include "core/vfs/listing_filter.hpp"
#include "core/vfs/meta_overlay.hpp"
#include "core/vfs/remote_fs.hpp"
#include "core/vfs/write_spool.hpp"

namespace mfs::vfs {

// A remote file open for writing: one spool shared by every handle on the path. It outlives
// its handles while an upload has failed (dirty), so the data stays reachable for a retry.
struct OpenFile {
  std::string path;  // Impl::mu_ guards path, handles, on_server, unlinked, failure
  std::shared_ptr<WriteSpool> spool;
  int handles = 0;
  bool on_server = false;  // the server holds some version under `path`
  bool unlinked = false;   // removed or replaced while open: never uploaded again
  // A change to the spool failed (ENOSPC, EIO...): never uploaded; close reports this.
  std::error_code failure;
  mode_t mode = 0644;
  // The server's version whose bytes the spool does not hold yet (remote_fs_copy_in.cpp);
  // guarded by Impl::mu_. fill_mu lets one thread fetch them while the others wait.
  std::optional<FileVersion> owed;
  std::mutex fill_mu;
  std::optional<FileTime> user_mtime;  // utimens since the last write; guarded by Impl::mu_
  // For `modemftpfs status`, guarded by Impl::mu_: flush, fsync or close came while uploads
  // were held back (paused, budget spent), and the last failed upload.
  bool held_back = false;
  std::string upload_error;
  std::chrono::system_clock::time_point upload_error_at{};
};

// Sequential-access detection for readahead.
struct ReadCursor {
  std::uint64_t next_offset = 0;  // a read here continues the previous one
  std::uint64_t readahead_blocks = 0;
};

struct HandleState {
  std::string path;  // guarded by Impl::mu_, as is cursor
  FileVersion version;
  ReadCursor cursor;
  std::shared_ptr<OpenFile> file;  // set: reads and writes go to the spool
  bool writable = false;
  bool append = false;  // O_APPEND: every write goes to the spool's end, whatever the offset
  bool reached_end = false;  // a read met the end of `version`: growth is looked for (follow)
};

// What a listing says an entry is; unknown when it does not say (stale or no listing). A
// symlink counts as a file: rename(2) acts on the link, not on what it points to.
enum class EntryKind { unknown, file, directory };

struct RemoteFs::Impl {
  Impl(session::Session& session, FsConfig config);
  ~Impl();

  // remote_fs.cpp: attributes and listings
  result<Attr> getattr(const std::string& path);
  result<Attr> fgetattr(Handle h);
  result<std::vector<DirEntry>> readdir(const std::string& path);
  // From a cached listing no older than `max_age` (and fresh by the TTL), else a new one.
  result<ftp::ListEntry> find_entry(const std::string& path,
                                    std::chrono::steady_clock::duration max_age =
                                        std::chrono::steady_clock::duration::max());
  result<std::vector<ftp::ListEntry>> list_dir(const std::string& dir);
  result<void> check_directory(const std::string& dir);  // from cached listings only
  std::optional<Attr> writer_attr(const std::string& path);
  Attr open_file_attr(const OpenFile& file);
  Attr with_link_count(const std::string& path, Attr attr);
  void overlay_writers(const std::string& dir, std::vector<DirEntry>& entries);

  // remote_fs_read.cpp: the block cache path
  result<std::size_t> read(Handle h, char* buf, std::size_t size, std::uint64_t offset);
  result<std::size_t> read_remote(const std::string& path, const FileVersion& version,
                                  ReadCursor& cursor, char* buf, std::size_t size,
                                  std::uint64_t offset);
  struct FetchedRange {
    std::uint64_t offset = 0;
    std::size_t length = 0;  // asked for; fewer bytes came if the file shrank on the server
    std::string bytes;
  };
  result<FetchedRange> fetch(const std::string& path, const FileVersion& version,
                             std::uint64_t pos, std::uint64_t want_end, ReadCursor& cursor,
                             bool sequential);
  result<void> copy_to_spool(const std::string& path, const FileVersion& version,
                             WriteSpool& spool, std::uint64_t length);
  void on_spill(const std::string& path, std::uint64_t offset, const std::string& bytes);
  void keep_for_readers(const std::string& path);  // before the server's file is deleted
  result<FileVersion> follow(Handle h, const std::string& path);
  bool followed(const std::string& path);  // a reader of `path` has read to its end
  std::shared_ptr<OpenFile> local_copy(const std::string& path, const FileVersion& version);

  // remote_fs_write.cpp: spools and uploads
  result<Handle> open(const std::string& path, int flags);
  result<Handle> open_for_read(const std::string& path);
  result<Handle> open_for_write(const std::string& path, int flags);
  result<Handle> create(const std::string& path, mode_t mode, int flags);
  result<ftp::ListEntry> find_entry_to_update(const std::string& path);
  result<Handle> create_new(const std::string& path, mode_t mode, int flags);
  result<Handle> open_existing(const std::string& path, const ftp::ListEntry& entry, int flags);
  std::optional<result<Handle>> attach_writer(const std::string& path, int flags);
  Handle register_writer(const std::shared_ptr<OpenFile>& file, int flags);
  result<std::size_t> write(Handle h, const char* buf, std::size_t size, std::uint64_t offset);
  result<void> flush(Handle h);
  result<void> release(Handle h);
  result<void> truncate(const std::string& path, std::uint64_t size);
  result<void> ftruncate(Handle h, std::uint64_t size);
  // remote_fs_control.cpp: uploads now, or (paused) keeps the handed-over spool for later.
  result<void> upload_file(const std::shared_ptr<OpenFile>& file);
  result<void> upload_now(const std::shared_ptr<OpenFile>& file);  // remote_fs_write.cpp
  void record_outcome(OpenFile& file, const result<void>& uploaded);
  void hand_over(const std::string& path, WriteSpool& spool, std::uint64_t server_prefix);
  result<void> append_spool(const std::string& path, const std::shared_ptr<OpenFile>& file,
                            std::uint64_t base, mode_t mode);
  result<void> upload_spool(const std::string& path, const std::shared_ptr<WriteSpool>& spool,
                            mode_t mode);
  void remove_staged(const std::string& staged);
  result<void> rename_over(const std::string& from, const std::string& to,
                           bool target_may_exist);
  void release_file(const std::shared_ptr<OpenFile>& file);
  result<void> spool_changed(const std::shared_ptr<OpenFile>& file, result<void> changed);
  std::error_code failure_of(const std::shared_ptr<OpenFile>& file);

  // remote_fs_copy_in.cpp: an open for writing fetches the old bytes only when needed
  result<void> fill_spool(const std::shared_ptr<OpenFile>& file);
  void forget_owed(const std::shared_ptr<OpenFile>& file);  // the old bytes no longer matter
  result<void> keep_owed_bytes(const std::string& path);   // before the server's file goes
  std::optional<std::uint64_t> owed_of(const std::shared_ptr<OpenFile>& file);  // its size

  // remote_fs_meta.cpp: the metadata overlay (times and modes the wire cannot carry)
  result<void> set_mtime(const std::string& path, const timespec& mtime);
  result<void> set_mode(const std::string& path, mode_t mode);
  result<void> record_setting(const std::string& path,
                              const std::function<void(OpenFile&)>& on_open_file,
                              const std::function<void(std::uint64_t)>& record);
  Attr listed_attr(const std::string& path, const ftp::ListEntry& entry);
  void record_upload(const std::string& path, std::uint64_t size, std::optional<FileTime> user_mtime,
                     std::chrono::system_clock::time_point written, mode_t mode);

  // remote_fs_hidden.cpp: files unlinked while open, under libfuse's hidden names
  result<void> hide(const std::string& from, const std::string& to);
  bool has_handles(const std::string& path);
  std::optional<Attr> hidden_attr(const std::string& path);
  bool forget_hidden(const std::string& path);  // true if `path` was one of them

  // remote_fs_recovery.cpp: spools left by an earlier run
  std::size_t recover_spools();
  // Both add the staging names of the spools they drop to `stale_staging`.
  std::shared_ptr<OpenFile> adopt_spool(const std::string& id,
                                        std::vector<std::string>& stale_staging);
  std::shared_ptr<WriteSpool> reopen_handed_over(const std::string& id,
                                                 std::vector<std::string>& stale_staging);
  void set_aside(const std::string& id, const std::string& remote_path);
  void upload_recovered(const std::vector<std::shared_ptr<OpenFile>>& files);

  // remote_fs_dir.cpp: namespace operations
  result<void> unlink(const std::string& path);
  result<void> mkdir(const std::string& path, mode_t mode);
  result<void> rmdir(const std::string& path);
  result<void> rename(const std::string& from, const std::string& to);
  void forget_open_file(const std::string& path);
  std::optional<bool> open_file_on_server(const std::string& path);  // nullopt: no spool
  result<void> check_rename_kinds(EntryKind from, const std::string& to, EntryKind target);
  result<void> settle_refused_rename(const std::string& from, const std::string& to,
                                     std::error_code refused, bool may_replace);
  result<std::vector<ftp::ListEntry>> directory_listing(const std::string& dir);
  result<EntryLookup> listed_entry(const std::string& path);
  std::vector<std::pair<std::shared_ptr<WriteSpool>, std::string>> repath_open_files(
      const std::string& from, const std::string& to);

  // Handles and open files (each takes mu_ itself unless named *_locked).
  std::shared_ptr<HandleState> find_handle(Handle h);
  Handle add_handle_locked(std::shared_ptr<HandleState> state);
  std::shared_ptr<OpenFile> pin_open_file(const std::string& path);  // ++handles if found

  session::Session& session_;
  const FsConfig config_;
  DirCache dirs_;
  ListingFilter listing_filter_;  // what a listing may show (names the kernel takes)
  BlockCache blocks_;
  const std::filesystem::path spool_dir_;
  const std::filesystem::path orphan_dir_;  // spools never handed over (spool_orphans.hpp)
  const std::time_t mounted_at_ = std::time(nullptr);  // the root's mtime

  std::mutex mu_;
  std::unordered_map<Handle, std::shared_ptr<HandleState>> handles_;
  std::unordered_map<std::string, std::shared_ptr<OpenFile>> open_files_;
  std::unordered_map<std::string, std::shared_ptr<OpenFile>> hidden_;  // exist only here
  Handle next_handle_ = 1;

  std::unique_ptr<MetaOverlay> meta_;  // null when cache_dir/meta.db cannot be opened
  std::thread recovery_;  // uploads recovered spools; joined first on destruction
  std::atomic<bool> uploads_paused_{false};  // close() keeps the spool, durable, for later
};

// How old a listing may be when a reader at the end asks whether the file grew.
inline constexpr std::chrono::seconds follow_listing_age{1};

// DOS/IIS listings carry no permission bits: show what a fresh entry would get.
inline constexpr mode_t default_new_file_mode = 0644;
inline constexpr mode_t default_new_dir_mode = 0755;
inline constexpr mode_t default_link_mode = 0777;

// Checks a FUSE path before anything is sent: absolute, and carried by the AT wire.
result<void> validate_path(const std::string& path);

Attr to_attr(const ftp::ListEntry& entry);
// An open file's attributes: its spool's, or the server version it still owes.
Attr spool_attr(const WriteSpool& spool, mode_t mode, const std::optional<FileVersion>& owed,
                const std::optional<FileTime>& user_mtime);
// Attributes with what the overlay recorded for the entry (its time and mode).
Attr overlaid(Attr attr, const MetaRecord& record);
FileVersion version_of(const ftp::ListEntry& entry);
ftp::ListEntry new_entry(ftp::EntryType type, std::uint64_t size, mode_t mode);

bool is_not_found(const std::error_code& ec);
inline std::error_code errc(std::errc e) { return std::make_error_code(e); }

}  // namespace mfs::vfs
