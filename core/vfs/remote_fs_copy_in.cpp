// Lazy copy-in: an open for writing without O_TRUNC does not fetch the file. Its spool starts
// empty with the server's version owed (OpenFile::owed), and the first operation that needs the
// old bytes fetches them: a read or a write through the open file, a truncate to a non-zero
// size, or the server's file going away while it is open (unlink, replaced by a rename). An
// open that changes nothing (touch, an editor opening and closing) costs no transfer and no
// upload; a truncate to zero makes the old bytes moot.
#include <cerrno>

#include "core/util/log.hpp"
#include "core/vfs/remote_fs_impl.hpp"

namespace mfs::vfs {

// The bytes are fetched as the server has them now, listed within update_check_age: nothing
// read or written through the open file depended on them yet, so this is as if the file had
// been opened now. After appends (bytes written past the old end, spool.size() > 0) only the
// old bytes are fetched, and the server must still hold them (it may hold more: part of our
// own append). A spool with nothing appended that fails to fill stays empty and clean.
result<void> RemoteFs::Impl::fill_spool(const std::shared_ptr<OpenFile>& file) {
  std::lock_guard filling(file->fill_mu);
  std::string path;
  std::uint64_t old_end = 0;
  {
    std::lock_guard lock(mu_);
    if (!file->owed) return success();
    path = file->path;
    old_end = file->owed->size;
  }
  auto& spool = *file->spool;
  const bool appended = spool.size() > 0;
  auto fetched = [&]() -> result<void> {
    MFS_TRY(entry, find_entry_to_update(path));
    if (entry.type == ftp::EntryType::directory) return errc(std::errc::is_a_directory);
    const FileVersion now = version_of(entry);
    if (!appended) return copy_to_spool(path, now, spool, now.size);
    if (now.size < old_end) return errc(std::errc::no_such_file_or_directory);  // cut meanwhile
    return copy_to_spool(path, now, spool, old_end);
  }();
  // Removed on the server since the open: its old bytes are gone, and changing only some of
  // them would publish a file that is neither version.
  if (!fetched && is_not_found(fetched.error())) fetched = std::error_code(ESTALE, std::generic_category());
  if (!fetched) {
    log::get("vfs")->warn("{}: cannot fetch the file to change it: {}", path,
                          fetched.error().message());
    if (appended) return fetched;  // still owed; the appended bytes stay
    if (auto emptied = spool.truncate(0); !emptied) return spool_changed(file, emptied);
    spool.mark_uploaded(spool.generation());
    return fetched;
  }
  if (!appended) spool.mark_uploaded(spool.generation());
  std::lock_guard lock(mu_);
  file->owed.reset();
  return success();
}

std::optional<std::uint64_t> RemoteFs::Impl::owed_of(const std::shared_ptr<OpenFile>& file) {
  std::lock_guard lock(mu_);
  if (!file->owed) return std::nullopt;
  return file->owed->size;
}

void RemoteFs::Impl::forget_owed(const std::shared_ptr<OpenFile>& file) {
  std::lock_guard filling(file->fill_mu);
  std::lock_guard lock(mu_);
  file->owed.reset();
}

// A file open for writing whose old bytes are still owed keeps them for its descriptors.
result<void> RemoteFs::Impl::keep_owed_bytes(const std::string& path) {
  std::shared_ptr<OpenFile> file;
  {
    std::lock_guard lock(mu_);
    const auto it = open_files_.find(path);
    if (it == open_files_.end() || !it->second->owed || it->second->handles == 0) return success();
    file = it->second;
  }
  return fill_spool(file);
}

}  // namespace mfs::vfs
