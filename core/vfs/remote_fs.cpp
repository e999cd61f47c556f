// RemoteFs: the public face (forwarding to Impl), attribute and listing logic, and the small
// conversions shared by the other remote_fs_*.cpp files. getattr costs a round trip only when
// the parent's listing is missing or stale, and one FTPLIST answers every entry in it.
#include "core/vfs/remote_fs.hpp"

#include <algorithm>

#include "core/ftp/ftp_error.hpp"
#include "core/ftp/path_rules.hpp"
#include "core/vfs/path_model.hpp"
#include "core/vfs/remote_fs_impl.hpp"

namespace mfs::vfs {
namespace {

std::filesystem::path cache_root(const FsConfig& config) {
  if (!config.cache_dir.empty()) return config.cache_dir;
  return std::filesystem::temp_directory_path() / "modemftpfs";
}

BlockCacheConfig block_config(const FsConfig& config) {
  return {config.block_size, config.memory_cache_bytes, cache_root(config) / "blocks",
          config.disk_cache_bytes};
}


}  // namespace

result<void> validate_path(const std::string& path) {
  if (path.empty() || path.front() != '/') return errc(std::errc::invalid_argument);
  return ftp::check_path(path);
}

Attr to_attr(const ftp::ListEntry& entry) {
  Attr attr{entry.type, entry.size, std::chrono::system_clock::to_time_t(entry.mtime),
            entry.mode, entry.type == ftp::EntryType::symlink ? entry.link_target : std::string(), 0,
            1};
  if (!entry.has_mode) {
    switch (entry.type) {
      case ftp::EntryType::file: attr.mode = default_new_file_mode; break;
      case ftp::EntryType::directory: attr.mode = default_new_dir_mode; break;
      case ftp::EntryType::symlink: attr.mode = default_link_mode; break;
    }
  }
  return attr;
}

FileVersion version_of(const ftp::ListEntry& entry) {
  const std::time_t mtime = std::chrono::system_clock::to_time_t(entry.mtime);
  return {entry.size, static_cast<std::int64_t>(mtime)};
}

ftp::ListEntry new_entry(ftp::EntryType type, std::uint64_t size, mode_t mode) {
  ftp::ListEntry entry;
  entry.type = type;
  entry.size = size;
  entry.mtime = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  entry.mode = mode;
  entry.has_mode = true;
  return entry;
}

Attr spool_attr(const WriteSpool& spool, mode_t mode, const std::optional<FileVersion>& owed,
                const std::optional<FileTime>& user_mtime) {
  // Owed bytes and nothing appended: the server's file as listed. Otherwise the spool's end.
  const bool listed = owed && spool.size() == 0;
  Attr attr = listed ? Attr{ftp::EntryType::file, owed->size, static_cast<std::time_t>(owed->mtime),
                            mode, {}, 0, 1}
                     : Attr{ftp::EntryType::file, std::max(spool.size(), owed ? owed->size : 0),
                            std::chrono::system_clock::to_time_t(spool.modified()), mode, {}, 0, 1};
  if (user_mtime) {
    attr.mtime = static_cast<std::time_t>(user_mtime->seconds);
    attr.mtime_nsec = static_cast<long>(user_mtime->nanoseconds);
  }
  return attr;
}

Attr overlaid(Attr attr, const MetaRecord& record) {
  if (record.mtime) {
    attr.mtime = static_cast<std::time_t>(record.mtime->seconds);
    attr.mtime_nsec = static_cast<long>(record.mtime->nanoseconds);
  }
  if (record.mode) attr.mode = *record.mode;
  return attr;
}

bool is_not_found(const std::error_code& ec) {
  return ec == ftp::ftp_errc::not_found || ec == std::errc::no_such_file_or_directory;
}

RemoteFs::Impl::Impl(session::Session& session, FsConfig config)
    : session_(session),
      config_(std::move(config)),
      dirs_(config_.dir_cache_ttl),
      blocks_(block_config(config_)),
      spool_dir_(cache_root(config_) / "spool"),
      orphan_dir_(cache_root(config_) / "orphans") {
  if (auto meta = MetaOverlay::open(cache_root(config_) / "meta.db")) meta_ = std::move(meta).value();
  session_.set_spill_handler(
      [this](const std::string& path, std::uint64_t offset, const std::string& bytes) {
        on_spill(path, offset, bytes);
      });
}

// Clean spools go; dirty ones stay on disk with their sidecar for a later recovery.
RemoteFs::Impl::~Impl() {
  if (recovery_.joinable()) recovery_.join();
  session_.set_spill_handler({});
  for (const auto& item : open_files_) {
    if (!item.second->spool->dirty() || item.second->unlinked) item.second->spool->discard();
  }
}

// FTP lists no entry for the root itself: it shows the time the mount started, which never
// changes under a tool that compares times.
result<Attr> RemoteFs::Impl::getattr(const std::string& path) {
  if (path == "/") {
    return with_link_count(path, Attr{ftp::EntryType::directory, 0, mounted_at_,
                                      default_new_dir_mode, {}, 0, 1});
  }
  MFS_TRY(validate_path(path));
  if (auto attr = writer_attr(path)) return *attr;
  if (auto attr = hidden_attr(path)) return *attr;
  // tail -f polls stat (the kernel sends no file handle for fstat) to see the file grow.
  MFS_TRY(entry, find_entry(path, followed(path) ? follow_listing_age
                                                 : std::chrono::steady_clock::duration::max()));
  return with_link_count(path, listed_attr(path, entry));
}

// A directory whose own listing is cached counts its subdirectories; costs no round trip.
Attr RemoteFs::Impl::with_link_count(const std::string& path, Attr attr) {
  if (attr.type != ftp::EntryType::directory) return attr;
  if (const auto listing = dirs_.lookup(path)) {
    attr.nlink = 2 + static_cast<unsigned>(std::count_if(
                         listing->begin(), listing->end(),
                         [](const ftp::ListEntry& e) { return e.type == ftp::EntryType::directory; }));
  }
  return attr;
}

result<ftp::ListEntry> RemoteFs::Impl::find_entry(const std::string& path,
                                                  std::chrono::steady_clock::duration max_age) {
  if (path == "/") return new_entry(ftp::EntryType::directory, 0, default_new_dir_mode);
  const EntryLookup known = dirs_.entry(path, max_age);
  if (known.presence == Presence::present) return known.entry;
  if (known.presence == Presence::absent) return errc(std::errc::no_such_file_or_directory);
  const std::string dir = parent_of(path);
  MFS_TRY(check_directory(dir));
  // Search the fresh listing itself: with dir_cache_ttl=0 the cache forgets it at once.
  MFS_TRY(entries, list_dir(dir));
  const std::string name = name_of(path);
  const auto it = std::find_if(entries.begin(), entries.end(),
                               [&](const ftp::ListEntry& e) { return e.name == name; });
  if (it == entries.end()) return errc(std::errc::no_such_file_or_directory);
  return *it;
}

result<std::vector<ftp::ListEntry>> RemoteFs::Impl::list_dir(const std::string& dir) {
  MFS_TRY(listed, session_.list(dir));
  auto entries = listing_filter_.apply(dir, std::move(listed));
  if (meta_) meta_->listed(dir, entries);
  dirs_.store(dir, entries);
  return entries;
}

// Saves a round trip for "/missing/x" or "/file/x" when the grandparent's listing is fresh.
// A symlink may point at a directory, so it passes.
result<void> RemoteFs::Impl::check_directory(const std::string& dir) {
  if (dir == "/") return success();
  const EntryLookup known = dirs_.entry(dir);
  if (known.presence == Presence::absent) return errc(std::errc::no_such_file_or_directory);
  if (known.presence == Presence::present && known.entry.type == ftp::EntryType::file) {
    return errc(std::errc::not_a_directory);
  }
  return success();
}

std::optional<Attr> RemoteFs::Impl::writer_attr(const std::string& path) {
  std::shared_ptr<OpenFile> file;
  {
    std::lock_guard lock(mu_);
    const auto it = open_files_.find(path);
    if (it == open_files_.end() || it->second->unlinked) return std::nullopt;
    file = it->second;
  }
  return open_file_attr(*file);
}

// An open file's attributes: its spool's, with what mu_ guards read under it.
Attr RemoteFs::Impl::open_file_attr(const OpenFile& file) {
  mode_t mode = 0;
  std::optional<FileVersion> owed;
  std::optional<FileTime> user_mtime;
  {
    std::lock_guard lock(mu_);
    mode = file.mode;
    owed = file.owed;
    user_mtime = file.user_mtime;
  }
  return spool_attr(*file.spool, mode, owed, user_mtime);
}

// fstat: the open file itself, even after its name was removed or replaced.
result<Attr> RemoteFs::Impl::fgetattr(Handle h) {
  std::string path;
  std::shared_ptr<OpenFile> file;
  {
    std::lock_guard lock(mu_);
    const auto it = handles_.find(h);
    if (it == handles_.end()) return errc(std::errc::bad_file_descriptor);
    path = it->second->path;
    file = it->second->file;
  }
  if (!file) return getattr(path);
  return open_file_attr(*file);
}

result<std::vector<DirEntry>> RemoteFs::Impl::readdir(const std::string& path) {
  if (path != "/") {
    MFS_TRY(validate_path(path));
  }
  std::vector<ftp::ListEntry> listing;
  if (auto cached = dirs_.lookup(path)) {
    listing = std::move(*cached);
  } else {
    MFS_TRY(check_directory(path));
    MFS_TRY(fetched, list_dir(path));
    listing = std::move(fetched);
  }
  std::vector<DirEntry> out;
  out.reserve(listing.size());
  const auto recorded = meta_ ? meta_->valid_in(path, listing) : std::map<std::string, MetaRecord>();
  for (const auto& entry : listing) {
    const auto it = recorded.find(entry.name);
    out.push_back({entry.name, it == recorded.end() ? to_attr(entry) : overlaid(to_attr(entry), it->second)});
  }
  overlay_writers(path, out);
  return out;
}

// Files open for writing show their spool's size, and new ones appear even after the
// listing was refreshed before their first upload.
void RemoteFs::Impl::overlay_writers(const std::string& dir, std::vector<DirEntry>& entries) {
  std::vector<std::string> paths;
  {
    std::lock_guard lock(mu_);
    for (const auto& item : open_files_) {
      if (!item.second->unlinked && parent_of(item.first) == dir) paths.push_back(item.first);
    }
  }
  for (const auto& path : paths) {
    const auto attr = writer_attr(path);
    if (!attr) continue;
    const std::string name = name_of(path);
    const auto it = std::find_if(entries.begin(), entries.end(),
                                 [&](const DirEntry& e) { return e.name == name; });
    if (it != entries.end()) {
      it->attr = *attr;
    } else {
      entries.push_back({name, *attr});
    }
  }
}

std::shared_ptr<HandleState> RemoteFs::Impl::find_handle(Handle h) {
  std::lock_guard lock(mu_);
  const auto it = handles_.find(h);
  return it == handles_.end() ? nullptr : it->second;
}

Handle RemoteFs::Impl::add_handle_locked(std::shared_ptr<HandleState> state) {
  const Handle h = next_handle_++;
  handles_.emplace(h, std::move(state));
  return h;
}

std::shared_ptr<OpenFile> RemoteFs::Impl::pin_open_file(const std::string& path) {
  std::lock_guard lock(mu_);
  const auto it = open_files_.find(path);
  if (it == open_files_.end()) return nullptr;
  ++it->second->handles;
  return it->second;
}

RemoteFs::RemoteFs(session::Session& session, FsConfig config)
    : impl_(std::make_unique<Impl>(session, std::move(config))) {}
RemoteFs::~RemoteFs() = default;

result<Attr> RemoteFs::getattr(const std::string& p) { return impl_->getattr(p); }
result<std::string> RemoteFs::readlink(const std::string& p) {
  MFS_TRY(attr, impl_->getattr(p));
  if (attr.type != ftp::EntryType::symlink || attr.link_target.empty())
    return errc(std::errc::invalid_argument);
  return std::move(attr.link_target);
}
result<Attr> RemoteFs::fgetattr(Handle h) { return impl_->fgetattr(h); }
result<std::vector<DirEntry>> RemoteFs::readdir(const std::string& p) { return impl_->readdir(p); }
std::size_t RemoteFs::recover_spools() { return impl_->recover_spools(); }
result<Handle> RemoteFs::open(const std::string& p, int flags) { return impl_->open(p, flags); }
result<Handle> RemoteFs::create(const std::string& p, mode_t mode, int flags) {
  return impl_->create(p, mode, flags);
}
result<std::size_t> RemoteFs::read(Handle h, char* buf, std::size_t size, std::uint64_t off) {
  return impl_->read(h, buf, size, off);
}
result<std::size_t> RemoteFs::write(Handle h, const char* buf, std::size_t size,
                                    std::uint64_t off) {
  return impl_->write(h, buf, size, off);
}
result<void> RemoteFs::flush(Handle h) { return impl_->flush(h); }
result<void> RemoteFs::fsync(Handle h) { return impl_->flush(h); }
result<void> RemoteFs::release(Handle h) { return impl_->release(h); }
result<void> RemoteFs::set_mtime(const std::string& p, const timespec& mtime) {
  return impl_->set_mtime(p, mtime);
}
result<void> RemoteFs::set_mode(const std::string& p, mode_t mode) { return impl_->set_mode(p, mode); }
result<void> RemoteFs::truncate(const std::string& p, std::uint64_t size) {
  return impl_->truncate(p, size);
}
result<void> RemoteFs::ftruncate(Handle h, std::uint64_t size) { return impl_->ftruncate(h, size); }
result<void> RemoteFs::unlink(const std::string& p) { return impl_->unlink(p); }
result<void> RemoteFs::mkdir(const std::string& p, mode_t mode) { return impl_->mkdir(p, mode); }
result<void> RemoteFs::rmdir(const std::string& p) { return impl_->rmdir(p); }
result<void> RemoteFs::rename(const std::string& from, const std::string& to) {
  return impl_->rename(from, to);
}
result<void> RemoteFs::hide(const std::string& from, const std::string& to) {
  return impl_->hide(from, to);
}

}  // namespace mfs::vfs
