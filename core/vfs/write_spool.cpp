// Write spool on a plain local file (pread/pwrite, so concurrent readers and writers need no
// lock around the bytes). The sidecar is written to a temporary name and renamed into place,
// so a crash leaves either the old remote path or the new one, never half a line.
#include "core/vfs/write_spool.hpp"

#include "core/vfs/spool_handover.hpp"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <fstream>
#include <random>
#include <unistd.h>

namespace mfs::vfs {
namespace {

std::error_code last_errno() { return {errno, std::generic_category()}; }

std::string random_id() {
  static constexpr char digits[] = "0123456789abcdef";
  std::random_device device;
  std::string id(16, '0');
  for (char& c : id) c = digits[device() % 16];
  return id;
}

result<void> write_sidecar(const std::filesystem::path& dir, const std::string& id,
                           const std::string& remote_path) {
  const auto staged = dir / (id + ".path.tmp");
  {
    std::ofstream out(staged, std::ios::trunc);
    out << remote_path << '\n';
    if (!out.flush()) return std::make_error_code(std::errc::io_error);
  }
  std::error_code ec;
  std::filesystem::rename(staged, dir / (id + ".path"), ec);
  if (ec) return ec;
  return success();
}

// Takes the spool's lock without waiting: false when a running mount holds it.
bool lock_spool(int fd) { return ::flock(fd, LOCK_EX | LOCK_NB) == 0; }

}  // namespace

result<std::shared_ptr<WriteSpool>> WriteSpool::create(const std::filesystem::path& dir,
                                                       const std::string& remote_path) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return ec;
  // A 64-bit random id practically never collides; O_EXCL makes sure, and we retry.
  for (int attempt = 0; attempt < 8; ++attempt) {
    std::string id = random_id();
    const auto data = dir / (id + ".data");
    const int fd = ::open(data.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno == EEXIST) continue;
    if (fd < 0) return last_errno();
    if (!lock_spool(fd)) {  // nobody else can know a name we just created: a real failure
      const auto error = last_errno();
      ::close(fd);
      return error;
    }
    std::shared_ptr<WriteSpool> spool(new WriteSpool(dir, std::move(id), fd));
    MFS_TRY(spool->set_remote_path(remote_path));
    return spool;
  }
  return std::make_error_code(std::errc::file_exists);
}

result<std::shared_ptr<WriteSpool>> WriteSpool::reopen(const std::filesystem::path& dir,
                                                       const std::string& id) {
  std::string remote_path;
  {
    std::ifstream sidecar(dir / (id + ".path"));
    if (!std::getline(sidecar, remote_path) || remote_path.empty())
      return std::make_error_code(std::errc::no_such_file_or_directory);
  }
  const int fd = ::open((dir / (id + ".data")).c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) return last_errno();
  struct stat st {};
  if (!lock_spool(fd) || ::fstat(fd, &st) != 0) {
    const auto error = errno == EWOULDBLOCK ? std::make_error_code(std::errc::device_or_resource_busy)
                                            : last_errno();
    ::close(fd);
    return error;
  }
  std::shared_ptr<WriteSpool> spool(new WriteSpool(dir, id, fd));
  const auto mark = handover::read_mark(dir, id);
  spool->marked_ = mark && mark->size == static_cast<std::uint64_t>(st.st_size);
  if (spool->marked_) spool->server_prefix_ = mark->server_prefix;
  std::lock_guard lock(spool->mu_);
  spool->size_ = static_cast<std::uint64_t>(st.st_size);
  spool->remote_path_ = std::move(remote_path);
  spool->touch();  // dirty: nothing says it reached the server
  return spool;
}

std::vector<std::string> WriteSpool::ids_in(const std::filesystem::path& dir) {
  std::vector<std::pair<std::filesystem::file_time_type, std::string>> found;
  std::error_code ec;
  for (const auto& item : std::filesystem::directory_iterator(dir, ec)) {
    if (item.path().extension() != ".data") continue;
    found.emplace_back(item.last_write_time(ec), item.path().stem().string());
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> ids;
  for (auto& item : found) ids.push_back(std::move(item.second));
  return ids;
}

WriteSpool::WriteSpool(std::filesystem::path dir, std::string id, int fd)
    : dir_(std::move(dir)), id_(std::move(id)), fd_(fd),
      modified_(std::chrono::system_clock::now()) {}

WriteSpool::~WriteSpool() { ::close(fd_); }

std::uint64_t WriteSpool::size() const {
  std::lock_guard lock(mu_);
  return size_;
}

result<std::size_t> WriteSpool::read_at(std::uint64_t offset, std::span<char> out) {
  const std::uint64_t end = size();
  if (offset >= end) return std::size_t{0};
  const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(out.size(), end - offset));
  std::size_t done = 0;
  while (done < want) {
    const ssize_t n = ::pread(fd_, out.data() + done, want - done,
                              static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return last_errno();
    if (n == 0) break;  // the file is shorter than size_ only while a truncate races
    done += static_cast<std::size_t>(n);
  }
  return done;
}

result<void> WriteSpool::write_at(std::uint64_t offset, std::span<const char> data) {
  if (data.empty()) return success();
  std::shared_lock change(change_mu_);
  MFS_TRY(unmark_for_change(change));
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::pwrite(fd_, data.data() + done, data.size() - done,
                               static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return last_errno();
    done += static_cast<std::size_t>(n);
  }
  std::lock_guard lock(mu_);
  size_ = std::max<std::uint64_t>(size_, offset + data.size());
  touch();
  return success();
}

result<void> WriteSpool::truncate(std::uint64_t size) {
  std::shared_lock change(change_mu_);
  MFS_TRY(unmark_for_change(change));
  std::lock_guard lock(mu_);
  if (::ftruncate(fd_, static_cast<off_t>(size)) != 0) return last_errno();
  size_ = size;
  touch();
  return success();
}

result<void> WriteSpool::unmark_for_change(std::shared_lock<std::shared_mutex>& change) {
  while (marked_) {
    change.unlock();
    {
      std::unique_lock exclusive(change_mu_);
      if (marked_) {
        MFS_TRY(handover::remove_mark(dir_, id_));
        marked_ = false;
      }
    }
    change.lock();  // a handover may have come in between: look again
  }
  return success();
}

result<void> WriteSpool::hand_over(std::uint64_t server_prefix) {
  std::unique_lock exclusive(change_mu_);
  if (retired_) return success();
  handover::Mark mark;
  {
    std::lock_guard lock(mu_);
    mark = {size_, generation_, server_prefix};
  }
  MFS_TRY(handover::write_mark(dir_, id_, fd_, mark));
  marked_ = true;
  return success();
}

result<void> WriteSpool::retire() {
  std::unique_lock exclusive(change_mu_);
  retired_ = true;
  if (!marked_) return success();
  MFS_TRY(handover::remove_mark(dir_, id_));
  marked_ = false;
  return success();
}

bool WriteSpool::handed_over() const {
  std::shared_lock change(change_mu_);
  return marked_;
}

std::uint64_t WriteSpool::server_prefix() const {
  std::shared_lock change(change_mu_);
  return server_prefix_;
}

void WriteSpool::touch() {
  ++generation_;
  modified_ = std::chrono::system_clock::now();
}

std::uint64_t WriteSpool::generation() const {
  std::lock_guard lock(mu_);
  return generation_;
}

bool WriteSpool::dirty() const {
  std::lock_guard lock(mu_);
  return generation_ != uploaded_generation_;
}

void WriteSpool::mark_dirty() {
  std::lock_guard lock(mu_);
  touch();
}

void WriteSpool::mark_uploaded(std::uint64_t generation) {
  std::lock_guard lock(mu_);
  uploaded_generation_ = std::max(uploaded_generation_, generation);
}

std::chrono::system_clock::time_point WriteSpool::modified() const {
  std::lock_guard lock(mu_);
  return modified_;
}

std::string WriteSpool::remote_path() const {
  std::lock_guard lock(mu_);
  return remote_path_;
}

result<void> WriteSpool::set_remote_path(const std::string& remote_path) {
  MFS_TRY(write_sidecar(dir_, id_, remote_path));
  std::lock_guard lock(mu_);
  remote_path_ = remote_path;
  return success();
}

void WriteSpool::discard() {
  std::error_code ec;
  std::filesystem::remove(dir_ / (id_ + ".data"), ec);
  std::filesystem::remove(dir_ / (id_ + ".path"), ec);
  std::filesystem::remove(dir_ / (id_ + ".handed"), ec);
}

}  // namespace mfs::vfs
