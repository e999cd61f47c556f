// RemoteFs under the operator's control (`modemftpfs flush`, `pause-uploads`, `forget`, and
// the pending uploads `status` lists): the spools waiting to go and the caches to drop.
#include "core/util/log.hpp"
#include "core/vfs/path_model.hpp"
#include "core/vfs/remote_fs_impl.hpp"

namespace mfs::vfs {
namespace {

bool waits_for_upload(const OpenFile& file) {
  return !file.unlinked && !file.failure && file.spool->dirty();
}

}  // namespace

// Paused, or with the data budget spent: the spool is handed over (a crash or an unmount
// leaves it for the next mount to send, as after a kill) and stays registered as dirty, so the
// next open of the path finds it and flush or resume-uploads sends it.
result<void> RemoteFs::Impl::upload_file(const std::shared_ptr<OpenFile>& file) {
  if (uploads_paused_ || session_.budget_spent()) {
    std::string path;
    {
      std::lock_guard lock(mu_);
      if (file->failure) return file->failure;
      if (!waits_for_upload(*file)) return success();
      path = file->path;
      file->held_back = true;
    }
    hand_over(path, *file->spool, owed_of(file).value_or(0));
    log::get("vfs")->info("{}: {}; its spool waits ({} bytes)", path,
                          uploads_paused_ ? "uploads are paused" : "the data budget is spent",
                          file->spool->size());
    return success();
  }
  auto uploaded = upload_now(file);
  record_outcome(*file, uploaded);
  return uploaded;
}

void RemoteFs::Impl::record_outcome(OpenFile& file, const result<void>& uploaded) {
  std::lock_guard lock(mu_);
  file.upload_error = uploaded ? std::string() : uploaded.error().message();
  file.upload_error_at = std::chrono::system_clock::now();
  if (uploaded) file.held_back = false;
}

std::vector<PendingUpload> RemoteFs::pending_uploads() {
  std::lock_guard lock(impl_->mu_);
  std::vector<PendingUpload> out;
  for (const auto& [path, file] : impl_->open_files_) {
    if (!waits_for_upload(*file)) continue;
    // An open file being written is not pending yet: only what close() or fsync() handed in
    // (the kernel's release of a closed file may come later).
    if (!file->held_back && file->upload_error.empty()) continue;
    out.push_back({path, file->spool->size(), file->spool->modified(), file->upload_error,
                   file->upload_error_at});
  }
  return out;
}

FlushReport RemoteFs::flush_all() {
  std::vector<std::shared_ptr<OpenFile>> pending;
  {
    std::lock_guard lock(impl_->mu_);
    for (const auto& [path, file] : impl_->open_files_) {
      if (!waits_for_upload(*file)) continue;
      ++file->handles;  // pinned while it goes: release_file below drops a clean one
      pending.push_back(file);
    }
  }
  FlushReport report;
  for (const auto& file : pending) {
    auto uploaded = impl_->upload_now(file);
    impl_->record_outcome(*file, uploaded);
    if (uploaded) {
      ++report.uploaded;
    } else {
      std::lock_guard lock(impl_->mu_);
      report.failed.push_back(file->path + ": " + uploaded.error().message());
    }
    impl_->release_file(file);
  }
  return report;
}

void RemoteFs::pause_uploads(bool paused) {
  impl_->uploads_paused_ = paused;
  log::get("vfs")->info(paused ? "uploads paused: close() keeps each file's spool until "
                                 "resume-uploads or flush"
                               : "uploads resumed");
}

bool RemoteFs::uploads_paused() const { return impl_->uploads_paused_; }

// A file's attributes live in its parent's listing: that goes too.
void RemoteFs::forget(const std::string& path) {
  if (path != "/") impl_->dirs_.invalidate(parent_of(path));
  impl_->dirs_.invalidate_tree(path);
  impl_->blocks_.invalidate_tree(path);
}

}  // namespace mfs::vfs
