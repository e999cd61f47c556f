// The metadata overlay at the RemoteFs level (meta_overlay.hpp): utimens and chmod record what
// the wire cannot carry, listings and uploads keep the records true, attributes show them.
// A file open for writing keeps a time set on it until its upload records it (cp -p sets the
// time before close); a later write sets the time to now again.
#include "core/vfs/remote_fs_impl.hpp"

namespace mfs::vfs {

Attr RemoteFs::Impl::listed_attr(const std::string& path, const ftp::ListEntry& entry) {
  Attr attr = to_attr(entry);
  if (!meta_) return attr;
  if (auto record = meta_->valid_for(path, entry)) return overlaid(std::move(attr), *record);
  return attr;
}

// The time shown for our upload from now on: the one set on the open file, or the time of
// its last write, which is what stat showed while it was open.
void RemoteFs::Impl::record_upload(const std::string& path, std::uint64_t size,
                                   std::optional<FileTime> user_mtime,
                                   std::chrono::system_clock::time_point written, mode_t mode) {
  if (!meta_) return;
  const FileTime shown =
      user_mtime.value_or(FileTime{std::chrono::system_clock::to_time_t(written), 0});
  meta_->uploaded(path, size, shown, mode);
}

result<void> RemoteFs::Impl::set_mtime(const std::string& path, const timespec& mtime) {
  const FileTime time{mtime.tv_sec, mtime.tv_nsec};
  return record_setting(
      path, [&](OpenFile& file) { file.user_mtime = time; },
      [&](std::uint64_t size) { meta_->set_mtime(path, size, time); });
}

result<void> RemoteFs::Impl::set_mode(const std::string& path, mode_t mode) {
  return record_setting(
      path, [&](OpenFile& file) { file.mode = mode & 07777; },
      [&](std::uint64_t size) { meta_->set_mode(path, size, mode); });
}

// A file open for writing takes the setting itself (its upload records it); a clean one, or a
// file not open, is recorded now with the size it shows. The root shows the mount's start.
result<void> RemoteFs::Impl::record_setting(const std::string& path,
                                            const std::function<void(OpenFile&)>& on_open_file,
                                            const std::function<void(std::uint64_t)>& record) {
  MFS_TRY(validate_path(path));
  if (path == "/") return success();
  if (auto file = pin_open_file(path)) {
    {
      std::lock_guard lock(mu_);
      on_open_file(*file);
    }
    const auto shown = writer_attr(path);
    if (meta_ && shown && !file->spool->dirty()) record(shown->size);
    release_file(file);
    return success();
  }
  MFS_TRY(entry, find_entry(path));
  if (meta_) record(entry.size);
  return success();
}

}  // namespace mfs::vfs
