// The handover mark on disk: one line "SIZE GENERATION", replaced atomically by rename.
#include "core/vfs/spool_handover.hpp"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <string_view>

namespace mfs::vfs::handover {
namespace {

std::error_code last_errno() { return {errno, std::generic_category()}; }

std::filesystem::path mark_path(const std::filesystem::path& dir, const std::string& id) {
  return dir / (id + ".handed");
}

result<void> sync_fd(int fd) {
  while (::fsync(fd) != 0) {
    if (errno != EINTR) return last_errno();
  }
  return success();
}

result<void> write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return last_errno();
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return success();
}

result<void> write_synced(const std::filesystem::path& file, std::string_view text) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return last_errno();
  auto done = write_all(fd, text);
  if (done) done = sync_fd(fd);
  ::close(fd);
  return done;
}

}  // namespace

result<void> write_mark(const std::filesystem::path& dir, const std::string& id, int data_fd,
                        const Mark& mark) {
  MFS_TRY(sync_fd(data_fd));
  const auto staged = dir / (id + ".handed.tmp");
  const std::string line = std::to_string(mark.size) + ' ' + std::to_string(mark.generation) +
                           ' ' + std::to_string(mark.server_prefix) + '\n';
  if (auto written = write_synced(staged, line); !written) {
    ::unlink(staged.c_str());
    return written.error();
  }
  if (::rename(staged.c_str(), mark_path(dir, id).c_str()) != 0) {
    const auto error = last_errno();
    ::unlink(staged.c_str());
    return error;
  }
  return sync_dir(dir);
}

result<void> remove_mark(const std::filesystem::path& dir, const std::string& id) {
  if (::unlink(mark_path(dir, id).c_str()) != 0) {
    return errno == ENOENT ? success() : result<void>(last_errno());
  }
  return sync_dir(dir);
}

std::optional<Mark> read_mark(const std::filesystem::path& dir, const std::string& id) {
  std::ifstream in(mark_path(dir, id));
  Mark mark;
  if (!(in >> mark.size >> mark.generation)) return std::nullopt;
  if (!(in >> mark.server_prefix) || mark.server_prefix > mark.size) mark.server_prefix = 0;
  return mark;
}

result<void> sync_dir(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return last_errno();
  auto done = sync_fd(fd);
  ::close(fd);
  return done;
}

}  // namespace mfs::vfs::handover
