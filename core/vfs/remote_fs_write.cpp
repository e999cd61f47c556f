// RemoteFs writes: every open-for-write file gets a local spool; flush, fsync and release
// hand it over (its durable mark) and upload it to a hidden name beside the target and rename
// it over, so nobody ever sees a half-written file under the real name (DESIGN.md, Writes).
// A spool that could not be written as asked (ENOSPC, EIO) is never uploaded.
#include <fcntl.h>

#include <cerrno>

#include "core/ftp/ftp_error.hpp"
#include "core/util/log.hpp"
#include "core/vfs/path_model.hpp"
#include "core/vfs/remote_fs_impl.hpp"

namespace mfs::vfs {
namespace {

// How old a listing may be when an open keeps the file's contents (append, touch, read-write):
// older, and the name is listed again, as another client may have written it meanwhile.
constexpr std::chrono::seconds update_check_age{2};

// A refusal by the server, as opposed to a lost link: worth trying remove-then-rename.
bool is_server_refusal(const std::error_code& ec) {
  if (ec.category() == ftp::ftp_reply_category()) return true;
  return ec.category() == ftp::ftp_category() && ec != ftp::ftp_errc::not_found;
}

}  // namespace

result<Handle> RemoteFs::Impl::open(const std::string& path, int flags) {
  MFS_TRY(validate_path(path));
  if ((flags & O_ACCMODE) == O_RDONLY) return open_for_read(path);
  return open_for_write(path, flags);
}

// A reader of a file that is open for writing reads the spool, as a local file would.
result<Handle> RemoteFs::Impl::open_for_read(const std::string& path) {
  auto state = std::make_shared<HandleState>();
  state->path = path;
  if (auto file = pin_open_file(path)) {
    state->file = std::move(file);
    std::lock_guard lock(mu_);
    return add_handle_locked(std::move(state));
  }
  MFS_TRY(entry, find_entry(path));
  if (entry.type == ftp::EntryType::directory) return errc(std::errc::is_a_directory);
  state->version = version_of(entry);
  std::lock_guard lock(mu_);
  return add_handle_locked(std::move(state));
}

// Without O_TRUNC the remote file's bytes are owed to the spool (fetched through the block
// cache when first needed, remote_fs_copy_in.cpp) so that partial writes keep the rest of it;
// and the listing that says what the file is must be recent: another client may have changed
// it since.
result<Handle> RemoteFs::Impl::open_for_write(const std::string& path, int flags) {
  if (auto attached = attach_writer(path, flags)) return std::move(*attached);
  auto existing = (flags & O_TRUNC) ? find_entry(path) : find_entry_to_update(path);
  if (!existing && is_not_found(existing.error()) && (flags & O_CREAT)) {
    return create_new(path, default_new_file_mode, flags);
  }
  MFS_TRY(entry, std::move(existing));
  return open_existing(path, entry, flags);
}

result<Handle> RemoteFs::Impl::open_existing(const std::string& path,
                                             const ftp::ListEntry& entry, int flags) {
  if (entry.type == ftp::EntryType::directory) return errc(std::errc::is_a_directory);
  MFS_TRY(spool, WriteSpool::create(spool_dir_, path));
  auto file = std::make_shared<OpenFile>();
  if (!(flags & O_TRUNC)) {
    spool->mark_uploaded(spool->generation());  // the server's file, once its bytes are in
    if (entry.size > 0) file->owed = version_of(entry);
  } else if (entry.size > 0) {
    spool->mark_dirty();
  }
  file->path = path;
  file->spool = spool;
  file->on_server = true;
  file->mode = to_attr(entry).mode;
  return register_writer(file, flags);
}

// The kernel asks to create a name its lookup did not find, which may only be our cached
// listing's word. Without O_TRUNC or O_EXCL (append, touch) a file another client made
// meanwhile must keep its contents: a recent listing decides. An exclusive create (cp and
// rsync make new files so) trusts the cached listing as O_TRUNC does: its content replaces
// whatever is there either way, FTP has no exclusive create to make O_EXCL hold between
// clients, and a listing per new file would double what cp -r costs.
result<Handle> RemoteFs::Impl::create(const std::string& path, mode_t mode, int flags) {
  MFS_TRY(validate_path(path));
  if (auto attached = attach_writer(path, flags)) return std::move(*attached);
  if (flags & O_EXCL) {
    auto existing = find_entry(path);
    if (existing) return errc(std::errc::file_exists);
    if (!is_not_found(existing.error())) return existing.error();
  } else if (!(flags & O_TRUNC)) {
    auto existing = find_entry_to_update(path);
    if (existing) return open_existing(path, existing.value(), flags);
    if (!is_not_found(existing.error())) return existing.error();
  }
  return create_new(path, mode, flags);
}

// What an open that keeps the file's contents relies on: a cached "missing" is never trusted
// (another client may have made the name), a cached entry only when recently listed.
result<ftp::ListEntry> RemoteFs::Impl::find_entry_to_update(const std::string& path) {
  const EntryLookup known = dirs_.entry(path, update_check_age);
  if (known.presence == Presence::present) return known.entry;
  return find_entry(path, std::chrono::steady_clock::duration::zero());
}

result<Handle> RemoteFs::Impl::create_new(const std::string& path, mode_t mode, int flags) {
  MFS_TRY(check_directory(parent_of(path)));
  MFS_TRY(spool, WriteSpool::create(spool_dir_, path));
  spool->mark_dirty();  // release uploads even an empty file: touch must create it
  auto file = std::make_shared<OpenFile>();
  file->path = path;
  file->spool = spool;
  file->on_server = dirs_.entry(path).presence == Presence::present;
  file->mode = (mode & 07777) ? (mode & 07777) : default_new_file_mode;
  dirs_.upsert(path, new_entry(ftp::EntryType::file, 0, file->mode));
  return register_writer(file, flags);
}

// Joins the spool already open on `path`, if any; nullopt when there is none.
std::optional<result<Handle>> RemoteFs::Impl::attach_writer(const std::string& path, int flags) {
  auto file = pin_open_file(path);
  if (!file) return std::nullopt;
  if (flags & O_TRUNC) {
    forget_owed(file);
    if (auto cut = spool_changed(file, file->spool->truncate(0)); !cut) {
      release_file(file);
      return result<Handle>(cut.error());
    }
  }
  auto state = std::make_shared<HandleState>();
  state->path = path;
  state->file = std::move(file);
  state->writable = true;
  state->append = (flags & O_APPEND) != 0;
  std::lock_guard lock(mu_);
  return result<Handle>(add_handle_locked(std::move(state)));
}

// Two threads may open the same path at once: the first spool registered wins.
Handle RemoteFs::Impl::register_writer(const std::shared_ptr<OpenFile>& file, int flags) {
  auto state = std::make_shared<HandleState>();
  state->path = file->path;
  state->writable = true;
  state->append = (flags & O_APPEND) != 0;
  std::shared_ptr<OpenFile> loser;
  Handle h = 0;
  {
    std::lock_guard lock(mu_);
    const auto [it, inserted] = open_files_.try_emplace(file->path, file);
    if (!inserted) loser = file;
    ++it->second->handles;
    state->file = it->second;
    h = add_handle_locked(std::move(state));
  }
  if (loser) loser->spool->discard();
  return h;
}

result<std::size_t> RemoteFs::Impl::write(Handle h, const char* buf, std::size_t size,
                                          std::uint64_t offset) {
  const auto state = find_handle(h);
  if (!state || !state->writable) return errc(std::errc::bad_file_descriptor);
  if (const auto failure = failure_of(state->file)) return failure;
  // The kernel's idea of the end may be older than the spool (copied in from a fresh listing).
  std::uint64_t owed_end = 0;  // the server's bytes the spool does not hold end here
  {
    std::lock_guard lock(mu_);
    state->file->user_mtime.reset();  // a write sets the time to now, as on a local disk
    if (state->file->owed) owed_end = state->file->owed->size;
  }
  // An append needs none of the old bytes (remote_fs_copy_in.cpp): only the bytes written are
  // uploaded, after the old end. A write that changes old bytes fetches them first.
  if (state->append) offset = std::max(state->file->spool->size(), owed_end);
  if (offset < owed_end) {
    MFS_TRY(fill_spool(state->file));
  }
  MFS_TRY(spool_changed(state->file, state->file->spool->write_at(offset, {buf, size})));
  return size;
}

// A failed change leaves the spool neither the old file nor what the writer wrote: the open
// file is poisoned. It is never uploaded, every later write, close and fsync reports the
// error, its reads fail with EIO, and new opens of the path see the server's file again.
result<void> RemoteFs::Impl::spool_changed(const std::shared_ptr<OpenFile>& file,
                                           result<void> changed) {
  if (changed) return changed;
  std::string path;
  {
    std::lock_guard lock(mu_);
    if (file->failure) return changed;
    file->failure = changed.error();
    path = file->path;
    const auto it = open_files_.find(path);
    if (it != open_files_.end() && it->second == file) open_files_.erase(it);
  }
  auto log = log::get("vfs");
  if (auto retired = file->spool->retire(); !retired)
    log->warn("spool {}: cannot drop its handover mark: {}", file->spool->id(),
              retired.error().message());
  dirs_.invalidate(parent_of(path));  // a new file's entry was only ever local
  log->warn("{}: writing its spool {} failed ({}): nothing of this open file is uploaded, the "
            "server's file stays as it was", path, (spool_dir_ / file->spool->id()).string(),
            changed.error().message());
  return changed;
}

std::error_code RemoteFs::Impl::failure_of(const std::shared_ptr<OpenFile>& file) {
  std::lock_guard lock(mu_);
  return file->failure;
}

result<void> RemoteFs::Impl::flush(Handle h) {
  const auto state = find_handle(h);
  if (!state) return errc(std::errc::bad_file_descriptor);
  if (!state->writable) return success();
  return upload_file(state->file);
}

result<void> RemoteFs::Impl::release(Handle h) {
  std::shared_ptr<HandleState> state;
  {
    std::lock_guard lock(mu_);
    const auto it = handles_.find(h);
    if (it == handles_.end()) return errc(std::errc::bad_file_descriptor);
    state = std::move(it->second);
    handles_.erase(it);
  }
  if (!state->file) return success();
  result<void> uploaded = success();  // a poisoned file's error, too
  if (state->writable) uploaded = upload_file(state->file);
  release_file(state->file);
  return uploaded;
}

// The last handle gone: a clean spool is deleted; a dirty one (failed upload) stays
// registered so the next open of the path finds the data and a later flush retries.
void RemoteFs::Impl::release_file(const std::shared_ptr<OpenFile>& file) {
  {
    std::lock_guard lock(mu_);
    if (--file->handles > 0) return;
    if (!file->unlinked && !file->failure && file->spool->dirty()) return;
    const auto it = open_files_.find(file->path);
    if (it != open_files_.end() && it->second == file) open_files_.erase(it);
  }
  file->spool->discard();
}

result<void> RemoteFs::Impl::truncate(const std::string& path, std::uint64_t size) {
  MFS_TRY(validate_path(path));
  if (auto file = pin_open_file(path)) {
    auto done = size == 0 ? (forget_owed(file), success()) : fill_spool(file);
    if (done) done = spool_changed(file, file->spool->truncate(size));
    if (done) done = upload_file(file);
    release_file(file);
    return done;
  }
  MFS_TRY(entry, find_entry(path));
  if (entry.type == ftp::EntryType::directory) return errc(std::errc::is_a_directory);
  if (entry.size == size) return success();
  MFS_TRY(spool, WriteSpool::create(spool_dir_, path));
  auto done = [&]() -> result<void> {
    MFS_TRY(copy_to_spool(path, version_of(entry), *spool, std::min(size, entry.size)));
    MFS_TRY(spool->truncate(size));
    const mode_t mode = listed_attr(path, entry).mode;
    MFS_TRY(upload_spool(path, spool, mode));
    record_upload(path, size, std::nullopt, spool->modified(), mode);
    return success();
  }();
  // Nothing is lost on failure: the remote file is untouched until the final rename.
  spool->discard();
  return done;
}

result<void> RemoteFs::Impl::ftruncate(Handle h, std::uint64_t size) {
  const auto state = find_handle(h);
  if (!state || !state->writable) return errc(std::errc::bad_file_descriptor);
  if (const auto failure = failure_of(state->file)) return failure;
  if (size == 0) {
    forget_owed(state->file);
  } else {
    MFS_TRY(fill_spool(state->file));
  }
  return spool_changed(state->file, state->file->spool->truncate(size));
}

result<void> RemoteFs::Impl::upload_now(const std::shared_ptr<OpenFile>& file) {
  std::string path;
  mode_t mode = 0;
  {
    std::lock_guard lock(mu_);
    if (file->failure) return file->failure;
    if (file->unlinked) return success();
    path = file->path;
    mode = file->mode;
  }
  if (!file->spool->dirty()) return success();
  // Writes that land during the upload bump the generation and keep the spool dirty.
  std::uint64_t generation = file->spool->generation();
  if (const auto base = owed_of(file)) {
    // Only appended bytes: sent after the server's end. Failing that, the whole file.
    hand_over(path, *file->spool, *base);
    if (append_spool(path, file, *base, mode)) {
      file->spool->mark_uploaded(generation);
      return success();
    }
    if (auto filled = fill_spool(file); !filled) {
      // A partial fetch took the mark back: the appended bytes stay handed over.
      hand_over(path, *file->spool, *base);
      if (filled.error() == std::error_code(ESTALE, std::generic_category()))
        return spool_changed(file, filled);  // the old bytes are gone: neither version can be made
      return filled.error();
    }
    generation = file->spool->generation();  // the fetched bytes are part of what goes
  }
  hand_over(path, *file->spool, 0);
  MFS_TRY(upload_spool(path, file->spool, mode));
  file->spool->mark_uploaded(generation);
  std::optional<FileTime> user_mtime;
  {
    std::lock_guard lock(mu_);
    file->on_server = true;
    user_mtime = file->user_mtime;
  }
  record_upload(path, file->spool->size(), user_mtime, file->spool->modified(), mode);
  return success();
}

// Handed over before it is sent: a crash from here on publishes it at the next mount. Without
// the mark the upload still goes (it is what makes the data safe); a crash would only set the
// spool aside.
void RemoteFs::Impl::hand_over(const std::string& path, WriteSpool& spool,
                               std::uint64_t server_prefix) {
  if (auto marked = spool.hand_over(server_prefix); !marked)
    log::get("vfs")->warn("{}: cannot mark spool {} as handed over: {}", path, spool.id(),
                          marked.error().message());
}

// An append in place: the server's file must still end where the spool's data begins. The
// file grows on the server while the bytes go (the man page says so); a cut leaves it longer,
// and the whole-file upload that follows puts it right.
result<void> RemoteFs::Impl::append_spool(const std::string& path,
                                          const std::shared_ptr<OpenFile>& file,
                                          std::uint64_t base, mode_t mode) {
  MFS_TRY(entry, find_entry_to_update(path));
  if (entry.type != ftp::EntryType::file || entry.size != base) {
    log::get("vfs")->info("{}: the server's file is no longer {} bytes; sending it whole", path, base);
    return errc(std::errc::operation_canceled);
  }
  const std::uint64_t size = file->spool->size();
  if (auto appended = session_.append(path, file->spool, base); !appended) {
    log::get("vfs")->info("{}: append failed ({}); sending it whole", path, appended.error().message());
    return appended;
  }
  dirs_.upsert(path, new_entry(ftp::EntryType::file, size, mode));
  blocks_.invalidate(path);
  std::optional<FileTime> user_mtime;
  {
    std::lock_guard lock(mu_);
    file->owed = FileVersion{size, 0};  // the server holds it all now; the spool from `base` on
    file->on_server = true;
    user_mtime = file->user_mtime;
  }
  record_upload(path, size, user_mtime, file->spool->modified(), mode);
  log::get("vfs")->debug("appended {} bytes to {}", size - base, path);
  return success();
}

// The staged name is fixed per spool, so a retry after a failed upload overwrites the
// leftover rather than piling up hidden files on the server.
result<void> RemoteFs::Impl::upload_spool(const std::string& path,
                                          const std::shared_ptr<WriteSpool>& spool, mode_t mode) {
  const std::uint64_t size = spool->size();
  const auto staged = upload_temp_path(path, spool->id());
  if (staged) {
    auto done = session_.upload(*staged, spool);
    const session::FollowUp within_upload;  // rename and clean-up: no time of their own
    if (done) done = rename_over(*staged, path, true);
    if (!done) {
      remove_staged(*staged);
      return done.error();
    }
  } else {
    log::get("vfs")->warn("no room for a staging name beside {}: uploading in place", path);
    MFS_TRY(session_.upload(path, spool));
  }
  log::get("vfs")->debug("uploaded {} ({} bytes)", path, size);
  dirs_.upsert(path, new_entry(ftp::EntryType::file, size, mode));
  blocks_.invalidate(path);
  return success();
}

// After a failed upload: no hidden name stays behind when the server can still be reached.
// (The name is fixed per spool, so a later retry would overwrite a leftover anyway.)
void RemoteFs::Impl::remove_staged(const std::string& staged) {
  auto removed = session_.remove_file(staged);
  if (!removed && !is_not_found(removed.error()))
    log::get("vfs")->info("{} stays on the server until the upload is retried: {}", staged,
                          removed.error().message());
}

// Some servers refuse RNTO onto an existing file: then remove the target and rename again.
// A lost link is not retried here (the session already did): the target stays intact.
result<void> RemoteFs::Impl::rename_over(const std::string& from, const std::string& to,
                                         bool target_may_exist) {
  auto renamed = session_.rename(from, to);
  if (renamed || !target_may_exist || !is_server_refusal(renamed.error())) return renamed;
  auto removed = session_.remove_file(to);
  if (!removed && !is_not_found(removed.error())) return renamed;
  return session_.rename(from, to);
}

}  // namespace mfs::vfs
