// What the crash suite does through a mount before it is killed (issue 12): a fixed list of
// steps (overwrite, create, append, truncate, touch, write-fsync-write, rename over, the
// write-then-rename an editor or rsync does, a second overwrite) with sizes drawn from a
// seed, run with plain system calls. Each version is entered in a VersionBook when its
// hand-over begins and again when it returned 0, so the judge knows what the server may hold.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "crash_model.hpp"

namespace mfs::faults {

class CrashWorkload {
 public:
  explicit CrashWorkload(std::uint64_t seed);

  // Writes the files the steps start from into the server's tree (before the first mount).
  void seed_server(const e2e::fs::path& server);
  // Runs the steps on `mnt` until all are done, a call fails or `stop` is set. Once `stop` is
  // set no path on `mnt` is looked up again (the next mount may soon be there).
  void run(const e2e::fs::path& mnt, const std::atomic<bool>& stop);

  // Makes the workload stop right after its `n`th write() returned, holding its file open,
  // until `stop` is set: a kill point inside a writer's life. 0 (the default): never.
  void pause_after_write(std::uint64_t n) { pause_at_ = n; }
  bool paused() const { return paused_; }

  const VersionBook& book() const { return book_; }
  // Where it stopped, for the report: "7 of 10 steps done; stopped in rename (errno 107)".
  std::string progress() const;
  // A call that failed other than by the kill (whose calls fail with ENOTCONN or
  // ECONNABORTED), e.g. EIO from a healthy mount: "close (errno 5)"; empty when none did.
  std::string live_failure() const { return live_failure_; }
  bool finished() const;

 private:
  bool step(std::size_t index);
  bool write_file(const std::string& name, int flags, const std::string& bytes);
  bool write_fsync_write(const std::string& name, const std::string& first,
                         const std::string& second);
  bool truncate_file(const std::string& name, std::size_t size);
  bool rename_file(const std::string& from, const std::string& to);

  // System calls on the mount; each records the first failure and says whether to go on.
  int open_path(const std::string& name, int flags);
  bool write_all(int fd, const std::string& bytes);
  void hold();
  bool close_fd(int fd);
  bool abandon(int fd);
  bool failed(const char* call);
  bool killed(const char* call);

  std::uint64_t seed_;
  VersionBook book_;
  e2e::fs::path mnt_;
  const std::atomic<bool>* stop_ = nullptr;
  std::uint64_t writes_ = 0;
  std::uint64_t pause_at_ = 0;
  std::atomic<bool> paused_{false};
  std::size_t steps_done_ = 0;
  std::string stopped_;  // the call that failed, or "killed"
  std::string live_failure_;
};

}  // namespace mfs::faults
