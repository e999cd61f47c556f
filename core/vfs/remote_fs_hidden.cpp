// Files unlinked while open. libfuse keeps such a file reachable for its open descriptors by
// renaming it to a hidden name (".fuse_hidden...") instead of unlinking it, and unlinks that
// name at the last close. Here the hidden name never reaches the server: the file is deleted
// there at once (the unlink the user asked for), its handles keep their data locally (a
// reader's from a copy fetched first, a writer's in its spool, never uploaded again), and the
// hidden name lives only in this mount, where fstat, read and write find it.
#include <algorithm>

#include "core/vfs/remote_fs_impl.hpp"

namespace mfs::vfs {

result<void> RemoteFs::Impl::hide(const std::string& from, const std::string& to) {
  if (!has_handles(from)) return rename(from, to);
  MFS_TRY(unlink(from));
  std::lock_guard lock(mu_);
  for (auto& item : handles_) {
    HandleState& state = *item.second;
    if (state.path != from) continue;
    state.path = to;
    if (state.file) hidden_.insert_or_assign(to, state.file);
  }
  return success();
}

bool RemoteFs::Impl::has_handles(const std::string& path) {
  std::lock_guard lock(mu_);
  return std::any_of(handles_.begin(), handles_.end(),
                     [&](const auto& item) { return item.second->path == path; });
}

std::optional<Attr> RemoteFs::Impl::hidden_attr(const std::string& path) {
  std::shared_ptr<OpenFile> file;
  {
    std::lock_guard lock(mu_);
    const auto it = hidden_.find(path);
    if (it == hidden_.end()) return std::nullopt;
    file = it->second;
  }
  return open_file_attr(*file);
}

bool RemoteFs::Impl::forget_hidden(const std::string& path) {
  std::lock_guard lock(mu_);
  return hidden_.erase(path) > 0;
}

}  // namespace mfs::vfs
