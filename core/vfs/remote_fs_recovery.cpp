// Spools left by an earlier run: data handed to close() whose upload never finished because
// the daemon was killed. Each is adopted as the open file of its remote path (so a reader or
// a new writer of that path sees it, as with any spool whose upload failed) and uploaded
// from a background thread: the mount comes up at once, however long the uploads take.
#include "core/util/log.hpp"
#include "core/vfs/remote_fs_impl.hpp"

namespace mfs::vfs {

std::size_t RemoteFs::Impl::recover_spools() {
  std::vector<std::shared_ptr<OpenFile>> adopted;
  for (const std::string& id : WriteSpool::ids_in(spool_dir_)) {
    if (auto file = adopt_spool(id)) adopted.push_back(std::move(file));
  }
  if (adopted.empty()) return 0;
  log::get("vfs")->info("{} file(s) left unsent by an earlier run found in {}: uploading",
                        adopted.size(), spool_dir_.string());
  recovery_ = std::thread([this, adopted] { upload_recovered(adopted); });
  return adopted.size();
}

// Registers the spool as the open file of its path, pinned (one handle) until its upload
// ends. Of two spools for one path, the one written last wins (ids_in is oldest first).
std::shared_ptr<OpenFile> RemoteFs::Impl::adopt_spool(const std::string& id) {
  auto log = log::get("vfs");
  auto spool = WriteSpool::reopen(spool_dir_, id);
  if (!spool) {
    log->debug("spool {} left as it is: {}", id, spool.error().message());
    return nullptr;
  }
  auto file = std::make_shared<OpenFile>();
  file->path = spool.value()->remote_path();
  file->spool = std::move(spool).value();
  file->handles = 1;
  file->on_server = true;  // unknown: unlink and rename then ask the server, which is safe
  file->mode = default_new_file_mode;
  if (auto valid = validate_path(file->path); !valid) {
    log->warn("spool {} names an impossible remote path; left in {}", id, spool_dir_.string());
    return nullptr;
  }
  std::shared_ptr<OpenFile> replaced;
  {
    std::lock_guard lock(mu_);
    auto [it, inserted] = open_files_.try_emplace(file->path, file);
    if (!inserted) {
      replaced = std::exchange(it->second, file);
      replaced->unlinked = true;
    }
  }
  if (replaced) {
    log->info("{}: an older unsent version (spool {}) is superseded", file->path,
              replaced->spool->id());
  }
  return file;
}

void RemoteFs::Impl::upload_recovered(const std::vector<std::shared_ptr<OpenFile>>& files) {
  auto log = log::get("vfs");
  for (const auto& file : files) {
    const std::uint64_t size = file->spool->size();
    bool superseded = false;
    {
      std::lock_guard lock(mu_);
      superseded = file->unlinked;
    }
    if (superseded) {
      // nothing to send: release_file below deletes it
    } else if (auto uploaded = upload_file(file); uploaded) {
      log->info("recovered {} ({} bytes), left unsent by an earlier run", file->path, size);
    } else {
      log->warn("{} (left unsent by an earlier run) still not uploaded: {}; its spool {} is "
                "kept for the next flush or mount", file->path, uploaded.error().message(),
                file->spool->id());
    }
    release_file(file);
  }
}

}  // namespace mfs::vfs
