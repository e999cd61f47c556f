// Spools left by an earlier run. Data handed to close() or fsync() (the spool's handover mark)
// whose upload never finished because the daemon was killed is adopted as the open file of its
// remote path (so a reader or a new writer of that path sees it, as with any spool whose
// upload failed) and uploaded from a background thread: the mount comes up at once, however
// long the uploads take. A spool without the mark was still being written: it is never
// published, only set aside under cache_dir/orphans for inspection. A spool dropped here (set
// aside, or superseded by a newer one for its path) may have been part way into its staging
// name when the daemon died: that name is removed from the server in the background.
#include "core/util/log.hpp"
#include "core/vfs/path_model.hpp"
#include "core/vfs/remote_fs_impl.hpp"
#include "core/vfs/spool_orphans.hpp"

namespace mfs::vfs {

std::size_t RemoteFs::Impl::recover_spools() {
  const auto swept = sweep_orphans(orphan_dir_, orphan_keep_time);
  if (swept > 0) {
    log::get("vfs")->info("{} file(s) of unfinished writes older than {} days removed from {}",
                          swept, orphan_keep_time.count() / 24, orphan_dir_.string());
  }
  std::vector<std::shared_ptr<OpenFile>> adopted;
  std::vector<std::string> stale_staging;
  for (const std::string& id : WriteSpool::ids_in(spool_dir_)) {
    if (auto file = adopt_spool(id, stale_staging)) adopted.push_back(std::move(file));
  }
  if (adopted.empty() && stale_staging.empty()) return 0;
  if (!adopted.empty()) {
    log::get("vfs")->info("{} file(s) left unsent by an earlier run found in {}: uploading",
                          adopted.size(), spool_dir_.string());
  }
  recovery_ = std::thread([this, adopted, stale_staging] {
    for (const auto& staged : stale_staging) remove_staged(staged);
    upload_recovered(adopted);
  });
  return adopted.size();
}

namespace {

void add_staging_name(std::vector<std::string>& names, std::string_view remote_path,
                      std::string_view id) {
  if (auto staged = upload_temp_path(remote_path, id)) names.push_back(std::move(*staged));
}

}  // namespace

// Registers the spool as the open file of its path, pinned (one handle) until its upload
// ends. Of two spools for one path, the one written last wins (ids_in is oldest first).
std::shared_ptr<OpenFile> RemoteFs::Impl::adopt_spool(const std::string& id,
                                                      std::vector<std::string>& stale_staging) {
  auto log = log::get("vfs");
  auto spool = reopen_handed_over(id, stale_staging);
  if (!spool) return nullptr;
  auto file = std::make_shared<OpenFile>();
  file->path = spool->remote_path();
  file->spool = std::move(spool);
  file->handles = 1;
  file->on_server = true;  // unknown: unlink and rename then ask the server, which is safe
  file->mode = default_new_file_mode;
  // A handed-over append: the server's file holds the bytes before the spool's data.
  if (const auto prefix = file->spool->server_prefix(); prefix > 0) file->owed = FileVersion{prefix, 0};
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
    add_staging_name(stale_staging, file->path, replaced->spool->id());
  }
  return file;
}

// The spool `id` if its writer handed it over. Otherwise it is set aside, unless a running
// mount holds it.
std::shared_ptr<WriteSpool> RemoteFs::Impl::reopen_handed_over(
    const std::string& id, std::vector<std::string>& stale_staging) {
  std::string remote_path = "(path unknown)";
  {
    auto spool = WriteSpool::reopen(spool_dir_, id);
    if (!spool && spool.error() == std::errc::device_or_resource_busy) {
      log::get("vfs")->debug("spool {} left as it is: a running mount holds it", id);
      return nullptr;
    }
    if (spool && spool.value()->handed_over()) return std::move(spool).value();
    if (spool) {
      remote_path = spool.value()->remote_path();
      add_staging_name(stale_staging, remote_path, id);
    }
  }  // closed here: set_aside takes its lock
  set_aside(id, remote_path);
  return nullptr;
}

// A spool nobody handed over: neither the old nor the new version of its file, kept aside.
void RemoteFs::Impl::set_aside(const std::string& id, const std::string& remote_path) {
  auto log = log::get("vfs");
  const auto moved = set_aside_spool(spool_dir_, orphan_dir_, id);
  if (!moved) {
    log->warn("spool {} for {} was never closed by its writer; not published, left in {}: {}",
              id, remote_path, spool_dir_.string(), moved.error().message());
    return;
  }
  log->warn("{}: a write the daemon did not see closed or synced is not published; its data "
            "is kept as {} for {} days", remote_path, moved.value().string(),
            orphan_keep_time.count() / 24);
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
