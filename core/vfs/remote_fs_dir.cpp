// RemoteFs namespace operations: unlink, mkdir, rmdir, rename. Answers that a fresh listing
// already gives (ENOENT, EEXIST, ENOTEMPTY, rename's ENOTDIR/EISDIR) cost no round trip;
// successes update the directory cache in place and keep open spools at the right path.
#include "core/ftp/ftp_error.hpp"
#include "core/util/log.hpp"
#include "core/vfs/path_model.hpp"
#include "core/vfs/remote_fs_impl.hpp"

namespace mfs::vfs {
namespace {

// The server answered (as opposed to a lost link or a timeout).
bool is_server_answer(const std::error_code& ec) {
  return ec.category() == ftp::ftp_category() || ec.category() == ftp::ftp_reply_category();
}

EntryKind kind_of(const EntryLookup& known) {
  if (known.presence != Presence::present) return EntryKind::unknown;
  return known.entry.type == ftp::EntryType::directory ? EntryKind::directory : EntryKind::file;
}

}  // namespace

result<void> RemoteFs::Impl::unlink(const std::string& path) {
  MFS_TRY(validate_path(path));
  if (forget_hidden(path)) return success();  // remote_fs_hidden.cpp: never on the server
  const EntryLookup known = dirs_.entry(path);
  const std::optional<bool> spooled_on_server = open_file_on_server(path);
  if (!spooled_on_server && known.presence == Presence::absent) {
    return errc(std::errc::no_such_file_or_directory);
  }
  if (known.presence == Presence::present && known.entry.type == ftp::EntryType::directory) {
    return errc(std::errc::is_a_directory);
  }
  if (spooled_on_server.value_or(true)) {
    MFS_TRY(keep_owed_bytes(path));
    keep_for_readers(path);
    // A spool whose file never reached the server may find nothing there: that is fine.
    auto removed = session_.remove_file(path);
    if (!removed && !(spooled_on_server && is_not_found(removed.error()))) return removed;
  }
  forget_open_file(path);
  dirs_.erase(path);
  blocks_.invalidate(path);
  if (meta_) meta_->erase(path);
  return success();
}

// Marks the spool open on `path` as never to be uploaded and unregisters it.
void RemoteFs::Impl::forget_open_file(const std::string& path) {
  std::shared_ptr<OpenFile> orphan;
  std::shared_ptr<WriteSpool> retired;
  {
    std::lock_guard lock(mu_);
    const auto it = open_files_.find(path);
    if (it == open_files_.end()) return;
    it->second->unlinked = true;
    if (it->second->handles == 0) orphan = it->second;
    retired = it->second->spool;
    open_files_.erase(it);
  }
  (void)retired->retire();  // a crash must not bring it back under the name
  if (orphan) orphan->spool->discard();
}

result<void> RemoteFs::Impl::mkdir(const std::string& path, mode_t mode) {
  if (path == "/") return errc(std::errc::file_exists);
  MFS_TRY(validate_path(path));
  MFS_TRY(check_directory(parent_of(path)));
  if (dirs_.entry(path).presence == Presence::present) return errc(std::errc::file_exists);
  MFS_TRY(session_.make_directory(path));
  const mode_t bits = (mode & 07777) ? (mode & 07777) : default_new_dir_mode;
  dirs_.upsert(path, new_entry(ftp::EntryType::directory, 0, bits));
  dirs_.store(path, {});  // we just made it: it is empty, and listing it costs nothing
  return success();
}

result<void> RemoteFs::Impl::rmdir(const std::string& path) {
  if (path == "/") return errc(std::errc::device_or_resource_busy);
  MFS_TRY(validate_path(path));
  const EntryLookup known = dirs_.entry(path);
  if (known.presence == Presence::absent) return errc(std::errc::no_such_file_or_directory);
  if (known.presence == Presence::present && known.entry.type == ftp::EntryType::file) {
    return errc(std::errc::not_a_directory);
  }
  if (const auto listing = dirs_.lookup(path); listing && !listing->empty()) {
    return errc(std::errc::directory_not_empty);
  }
  MFS_TRY(session_.remove_directory(path));
  if (meta_) meta_->erase(path);
  dirs_.erase(path);
  dirs_.invalidate_tree(path);
  blocks_.invalidate_tree(path);
  return success();
}

result<void> RemoteFs::Impl::rename(const std::string& from, const std::string& to) {
  if (from == "/" || to == "/") return errc(std::errc::device_or_resource_busy);
  MFS_TRY(validate_path(from));
  MFS_TRY(validate_path(to));
  if (from == to) return success();
  if (is_within(to, from)) return errc(std::errc::invalid_argument);  // into itself
  const EntryLookup source = dirs_.entry(from);
  const std::optional<bool> spooled_on_server = open_file_on_server(from);
  if (!spooled_on_server && source.presence == Presence::absent) {
    return errc(std::errc::no_such_file_or_directory);
  }
  const EntryLookup target = dirs_.entry(to);
  const EntryKind from_kind = spooled_on_server ? EntryKind::file : kind_of(source);
  MFS_TRY(check_rename_kinds(from_kind, to, kind_of(target)));
  // A file created here and not yet uploaded exists only in its spool: rename it locally.
  if (spooled_on_server.value_or(true)) {
    // Only a file known as such may replace a file by remove-then-rename (never a directory).
    const bool replace = from_kind == EntryKind::file && kind_of(target) != EntryKind::directory &&
                         target.presence != Presence::absent;
    if (replace) {
      MFS_TRY(keep_owed_bytes(to));
    }
    if (auto moved = rename_over(from, to, replace); !moved) {
      if (!is_server_answer(moved.error())) return moved.error();
      MFS_TRY(settle_refused_rename(from, to, moved.error(), !replace));
    }
  }
  for (const auto& [spool, path] : repath_open_files(from, to)) {
    if (auto written = spool->set_remote_path(path); !written) {
      log::get("vfs")->warn("spool {}: cannot rewrite its sidecar: {}", spool->id(),
                            written.error().message());
    }
  }
  dirs_.rename(from, to);
  if (meta_) meta_->rename(from, to);
  blocks_.invalidate(from);
  blocks_.invalidate(to);
  if (source.presence != Presence::present || source.entry.type == ftp::EntryType::directory) {
    blocks_.invalidate_tree(from);
  }
  return success();
}

// rename(2)'s rules that listings decide before anything is sent: a directory replaces only an
// empty directory, a file only a non-directory. An unknown kind passes (the server decides).
result<void> RemoteFs::Impl::check_rename_kinds(EntryKind from, const std::string& to,
                                                EntryKind target) {
  if (from == EntryKind::unknown || target == EntryKind::unknown) return success();
  const bool from_dir = from == EntryKind::directory;
  const bool to_dir = target == EntryKind::directory;
  if (from_dir && !to_dir) return errc(std::errc::not_a_directory);
  if (!from_dir && to_dir) return errc(std::errc::is_a_directory);
  if (!from_dir) return success();
  MFS_TRY(entries, directory_listing(to));
  if (!entries.empty()) return errc(std::errc::directory_not_empty);
  return success();
}

// A refused rename is explained by fresh listings of both ends, since the answer often says
// nothing useful (vsftpd's bare "550 Rename failed.", read as "missing"; the SIM7000's bare
// code 77): POSIX's errno when the kinds decide it; two files are retried as remove-then-rename
// unless that was tried; EEXIST for an empty directory the server would not replace.
result<void> RemoteFs::Impl::settle_refused_rename(const std::string& from, const std::string& to,
                                                   std::error_code refused, bool may_replace) {
  MFS_TRY(source, listed_entry(from));
  MFS_TRY(target, listed_entry(to));
  if (source.presence != Presence::present || target.presence != Presence::present)
    return refused;
  dirs_.invalidate(to);  // its emptiness is asked again, not taken from the cache
  MFS_TRY(check_rename_kinds(kind_of(source), to, kind_of(target)));
  if (kind_of(source) == EntryKind::file) {
    if (may_replace) return rename_over(from, to, true);
    return refused;
  }
  const bool vague =
      refused == ftp::ftp_errc::not_found || refused == ftp::ftp_errc::operation_failed;
  return vague ? errc(std::errc::file_exists) : refused;
}

// The listing of `dir`: the cached one when fresh, else a new one.
result<std::vector<ftp::ListEntry>> RemoteFs::Impl::directory_listing(const std::string& dir) {
  if (auto cached = dirs_.lookup(dir)) return std::move(*cached);
  return list_dir(dir);
}

// `path` as a new listing of its parent shows it (whatever the cache holds).
result<EntryLookup> RemoteFs::Impl::listed_entry(const std::string& path) {
  MFS_TRY(entries, list_dir(parent_of(path)));
  const std::string name = name_of(path);
  for (auto& entry : entries) {
    if (entry.name == name) return EntryLookup{Presence::present, std::move(entry)};
  }
  return EntryLookup{Presence::absent, {}};
}

std::optional<bool> RemoteFs::Impl::open_file_on_server(const std::string& path) {
  std::lock_guard lock(mu_);
  const auto it = open_files_.find(path);
  if (it == open_files_.end()) return std::nullopt;
  return it->second->on_server;
}

// Moves open spools and handles from `from` (or below it) to `to`. A spool open on `to` is
// replaced: it must never upload over the renamed file. Returns each moved spool with its
// new path, for its sidecar.
std::vector<std::pair<std::shared_ptr<WriteSpool>, std::string>>
RemoteFs::Impl::repath_open_files(const std::string& from, const std::string& to) {
  forget_open_file(to);
  std::vector<std::pair<std::shared_ptr<WriteSpool>, std::string>> moved;
  std::lock_guard lock(mu_);
  std::vector<std::shared_ptr<OpenFile>> files;
  for (auto it = open_files_.begin(); it != open_files_.end();) {
    if (!is_within(it->first, from)) {
      ++it;
      continue;
    }
    files.push_back(it->second);
    it = open_files_.erase(it);
  }
  for (const auto& file : files) {
    file->path = rebase(file->path, from, to);
    open_files_.insert_or_assign(file->path, file);
    moved.emplace_back(file->spool, file->path);
  }
  for (auto& item : handles_) {
    if (is_within(item.second->path, from)) {
      item.second->path = rebase(item.second->path, from, to);
    }
  }
  return moved;
}

}  // namespace mfs::vfs
