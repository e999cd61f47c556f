// Write spool: the local file that holds an open-for-write remote file until it is uploaded
// (DESIGN.md, Writes). It is the upload's source. Files are named by a random id, with a
// sidecar holding the remote path, so spools left by a crash can be found and recovered; only
// a spool its writer handed over (close, fsync: the mark of spool_handover.hpp) is published
// after a crash. A live spool holds an flock on its data file: a mount never adopts another
// one's spool.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <span>
#include <string>
#include <vector>

#include "core/dialect/dialect.hpp"
#include "core/util/result.hpp"

namespace mfs::vfs {

// Lock order: WriteSpool::change_mu_ before WriteSpool::mu_, which is a leaf. The bytes go
// through pread/pwrite outside mu_; the modem thread reads them (read_at) while FUSE threads
// may still write. Changes hold change_mu_ shared, the handover mark exclusively, so a mark
// never describes data a write in flight is changing.
class WriteSpool final : public dialect::UploadSource {
 public:
  // Creates "<dir>/<id>.data" (empty) and "<dir>/<id>.path" (the remote path, one line).
  static result<std::shared_ptr<WriteSpool>> create(const std::filesystem::path& dir,
                                                    const std::string& remote_path);
  // The spool "<dir>/<id>.data" an earlier run left behind, with the remote path from its
  // sidecar, marked dirty. Fails if its sidecar is missing, or with EBUSY if another mount
  // holds it.
  static result<std::shared_ptr<WriteSpool>> reopen(const std::filesystem::path& dir,
                                                    const std::string& id);
  // The ids of the spools on disk in `dir` (each "<id>.data"), oldest first.
  static std::vector<std::string> ids_in(const std::filesystem::path& dir);

  ~WriteSpool() override;  // closes the file; the files stay until discard()
  WriteSpool(const WriteSpool&) = delete;
  WriteSpool& operator=(const WriteSpool&) = delete;

  std::uint64_t size() const override;
  result<std::size_t> read_at(std::uint64_t offset, std::span<char> out) override;
  // Changes. A change after a handover first removes the mark (durably).
  result<void> write_at(std::uint64_t offset, std::span<const char> data);  // holes read as 0
  result<void> truncate(std::uint64_t size);

  // The writer hands the data over (close, fsync): a crash from now on publishes it. A retired
  // spool is never marked again. `server_prefix`: an append's data, whose first bytes are the
  // server's file (holes here).
  result<void> hand_over(std::uint64_t server_prefix = 0);
  // This data is never to be published (unlinked, or a write to it failed): drops the mark.
  result<void> retire();
  // Reopened with a mark that names the data's size: publishable after a crash.
  bool handed_over() const;
  // Reopened: the handed-over append's server prefix (0 for a whole file).
  std::uint64_t server_prefix() const;

  // Every change bumps the generation; the spool is dirty while the generation differs from
  // the last one marked uploaded, so a write during an upload keeps it dirty.
  std::uint64_t generation() const;
  bool dirty() const;
  void mark_dirty();
  void mark_uploaded(std::uint64_t generation);
  std::chrono::system_clock::time_point modified() const;

  const std::string& id() const { return id_; }
  std::string remote_path() const;
  result<void> set_remote_path(const std::string& remote_path);  // rewrites the sidecar

  // Deletes its files. The spool must not be used afterwards.
  void discard();

 private:
  WriteSpool(std::filesystem::path dir, std::string id, int fd);
  void touch();  // caller holds mu_
  // Removes the mark before a change; `change` (shared) is held again on return.
  result<void> unmark_for_change(std::shared_lock<std::shared_mutex>& change);

  const std::filesystem::path dir_;
  const std::string id_;
  const int fd_;
  mutable std::shared_mutex change_mu_;  // guards marked_ and retired_
  bool marked_ = false;   // the mark on disk describes the data
  bool retired_ = false;
  std::uint64_t server_prefix_ = 0;  // from the mark found at reopen
  mutable std::mutex mu_;  // guards every member below
  std::uint64_t size_ = 0;
  std::uint64_t generation_ = 0;
  std::uint64_t uploaded_generation_ = 0;
  std::chrono::system_clock::time_point modified_;
  std::string remote_path_;
};

}  // namespace mfs::vfs
