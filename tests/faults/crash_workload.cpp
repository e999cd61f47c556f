// The crash suite's workload (see crash_workload.hpp).
#include "crash_workload.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <random>
#include <thread>

namespace mfs::faults {
namespace {

constexpr std::size_t write_chunk = 4096;  // as cp writes: many writes per version
constexpr std::size_t step_count = 10;

// The names and what the server holds before the workload: a file no step touches, and the
// first version of every file a step changes (new.bin, empty.txt and doc.tmp start absent).
struct Start {
  const char* name;
  std::size_t size;
};
constexpr Start start_files[] = {{"keep.txt", 3000}, {"over.bin", 6000},  {"app.log", 8000},
                                 {"cut.bin", 20000}, {"sync.bin", 4000},  {"src.txt", 5000},
                                 {"dst.txt", 6000},  {"doc.txt", 3000}};
constexpr const char* absent_files[] = {"new.bin", "empty.txt", "doc.tmp"};

}  // namespace

CrashWorkload::CrashWorkload(std::uint64_t seed) : seed_(seed) {}

void CrashWorkload::seed_server(const e2e::fs::path& server) {
  unsigned salt = 0;
  for (const auto& file : start_files) {
    const auto bytes = e2e::random_bytes(file.size, static_cast<unsigned>(seed_) * 64 + ++salt);
    e2e::write_file(server / file.name, bytes);
    book_.seed(file.name, bytes);
  }
  for (const char* name : absent_files) book_.seed(name, std::nullopt);
}

void CrashWorkload::run(const e2e::fs::path& mnt, const std::atomic<bool>& stop) {
  mnt_ = mnt;
  stop_ = &stop;
  while (steps_done_ < step_count && step(steps_done_)) ++steps_done_;
}

// Sizes vary with the seed (so kills land at other bytes), contents with seed and step.
bool CrashWorkload::step(std::size_t index) {
  std::mt19937_64 rng(seed_ * 1000 + index);
  const auto size = [&](std::size_t low, std::size_t high) {
    return std::uniform_int_distribution<std::size_t>(low, high)(rng);
  };
  const auto bytes = [&](std::size_t n) {
    return e2e::random_bytes(n, static_cast<unsigned>(seed_ * 1000 + index + 500));
  };
  switch (index) {
    case 0: return write_file("over.bin", O_TRUNC, bytes(size(16'000, 32'000)));
    case 1: return write_file("new.bin", O_CREAT | O_EXCL, bytes(size(30'000, 50'000)));
    case 2: return write_file("app.log", O_APPEND, bytes(size(500, 3000)));
    case 3: return truncate_file("cut.bin", size(1000, 15'000));
    case 4: return write_file("empty.txt", O_CREAT | O_EXCL, "");
    case 5: return write_fsync_write("sync.bin", bytes(size(8000, 16'000)), bytes(size(2000, 8000)));
    case 6: return rename_file("src.txt", "dst.txt");
    case 7: return write_file("doc.tmp", O_CREAT | O_EXCL, bytes(size(5000, 12'000)));
    case 8: return rename_file("doc.tmp", "doc.txt");
    case 9: return write_file("over.bin", O_TRUNC, bytes(size(8000, 20'000)));
  }
  return false;
}

// open, write in chunks, close: the version is handed over by close(). With O_APPEND the
// version is the one before plus `bytes`.
bool CrashWorkload::write_file(const std::string& name, int flags, const std::string& bytes) {
  const Version before = book_.settled(name);
  const std::string version = (flags & O_APPEND) && before ? *before + bytes : bytes;
  book_.writing(name, version);
  const int fd = open_path(name, O_WRONLY | flags);
  if (fd < 0) return false;
  if (!write_all(fd, bytes)) return abandon(fd);
  book_.handing_over(name, version);
  if (!close_fd(fd)) return false;
  book_.handed_over(name, version);
  return true;
}

// fsync hands over what was written so far; what follows is handed over by close() alone.
bool CrashWorkload::write_fsync_write(const std::string& name, const std::string& first,
                                      const std::string& second) {
  book_.writing(name, first + second);
  const int fd = open_path(name, O_WRONLY | O_TRUNC);
  if (fd < 0) return false;
  if (!write_all(fd, first)) return abandon(fd);
  book_.handing_over(name, first);
  if (::fsync(fd) != 0) {
    failed("fsync");
    return abandon(fd);
  }
  book_.handed_over(name, first);
  if (!write_all(fd, second)) return abandon(fd);
  book_.handing_over(name, first + second);
  if (!close_fd(fd)) return false;
  book_.handed_over(name, first + second);
  return true;
}

bool CrashWorkload::truncate_file(const std::string& name, std::size_t size) {
  if (stop_->load()) return killed("truncate");
  const Version version = book_.settled(name)->substr(0, size);
  book_.handing_over(name, version);
  if (::truncate((mnt_ / name).c_str(), static_cast<off_t>(size)) != 0) return failed("truncate");
  book_.handed_over(name, version);
  return true;
}

bool CrashWorkload::rename_file(const std::string& from, const std::string& to) {
  if (stop_->load()) return killed("rename");
  book_.renaming(from, to);
  if (::rename((mnt_ / from).c_str(), (mnt_ / to).c_str()) != 0) return failed("rename");
  book_.renamed(from, to);
  return true;
}

int CrashWorkload::open_path(const std::string& name, int flags) {
  if (stop_->load()) {
    killed("open");
    return -1;
  }
  const int fd = ::open((mnt_ / name).c_str(), flags | O_CLOEXEC, 0644);
  if (fd < 0) failed("open");
  return fd;
}

bool CrashWorkload::write_all(int fd, const std::string& bytes) {
  for (std::size_t done = 0; done < bytes.size();) {
    const std::size_t n = std::min(write_chunk, bytes.size() - done);
    const ssize_t wrote = ::write(fd, bytes.data() + done, n);
    if (wrote <= 0) return failed("write");
    done += static_cast<std::size_t>(wrote);
    if (++writes_ == pause_at_) hold();
  }
  return true;
}

// The test sets `stop` once it saw paused() (and killed the daemon), or at its trigger limit.
void CrashWorkload::hold() {
  paused_ = true;
  while (!stop_->load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

bool CrashWorkload::close_fd(int fd) { return ::close(fd) == 0 || failed("close"); }

// After a failed write or fsync: the descriptor is closed, its close() hands nothing over
// (the book has no version in flight for it), and the workload ends.
bool CrashWorkload::abandon(int fd) {
  ::close(fd);
  return false;
}

// Record the first reason the workload ended (the kill, as a rule: errno ENOTCONN); false.
bool CrashWorkload::failed(const char* call) {
  if (!stopped_.empty()) return false;
  stopped_ = std::string(call) + " (errno " + std::to_string(errno) + ")";
  if (errno != ENOTCONN && errno != ECONNABORTED) live_failure_ = stopped_;
  return false;
}

bool CrashWorkload::killed(const char* call) {
  if (stopped_.empty()) stopped_ = std::string("killed before ") + call;
  return false;
}

bool CrashWorkload::finished() const { return steps_done_ == step_count; }

std::string CrashWorkload::progress() const {
  std::string text = std::to_string(steps_done_) + " of " + std::to_string(step_count) + " steps done";
  return stopped_.empty() ? text : text + "; stopped in " + stopped_;
}

}  // namespace mfs::faults
