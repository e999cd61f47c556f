// PtyMaster: posix_openpt + raw termios + symlink publication (see pty.hpp).
#include "sim/pty.hpp"

#include <cerrno>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <system_error>

namespace mfs::sim {
namespace {

std::error_code last_error() { return {errno, std::generic_category()}; }

result<void> make_raw(int fd) {
  termios tio{};
  if (tcgetattr(fd, &tio) != 0) return last_error();
  cfmakeraw(&tio);
  if (tcsetattr(fd, TCSANOW, &tio) != 0) return last_error();
  return success();
}

result<void> publish(const std::string& slave, const std::filesystem::path& link_path) {
  std::error_code ec;
  if (std::filesystem::is_symlink(std::filesystem::symlink_status(link_path, ec)))
    std::filesystem::remove(link_path, ec);
  std::filesystem::create_symlink(slave, link_path, ec);
  if (ec) return ec;
  return success();
}

}  // namespace

result<PtyMaster> PtyMaster::open(const std::filesystem::path& link_path) {
  int fd = posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return last_error();
  std::array<char, 128> name{};
  if (grantpt(fd) != 0 || unlockpt(fd) != 0 || ptsname_r(fd, name.data(), name.size()) != 0) {
    auto ec = last_error();
    ::close(fd);
    return ec;
  }
  PtyMaster master(fd, name.data(), link_path);
  MFS_TRY(make_raw(fd));
  MFS_TRY(publish(master.slave_name_, link_path));
  return master;
}

PtyMaster::PtyMaster(int fd, std::string slave_name, std::filesystem::path link_path)
    : fd_(fd), slave_name_(std::move(slave_name)), link_path_(std::move(link_path)) {}

PtyMaster::PtyMaster(PtyMaster&& other) noexcept
    : fd_(other.fd_),
      slave_name_(std::move(other.slave_name_)),
      link_path_(std::move(other.link_path_)) {
  other.fd_ = -1;
  other.link_path_.clear();
}

PtyMaster::~PtyMaster() {
  if (fd_ < 0) return;
  ::close(fd_);
  std::error_code ec;
  if (std::filesystem::read_symlink(link_path_, ec) == slave_name_)
    std::filesystem::remove(link_path_, ec);
}

bool PtyMaster::read_available(std::string& into, std::size_t limit) {
  std::array<char, 16384> buf{};
  while (into.size() < limit) {
    ssize_t n = ::read(fd_, buf.data(), std::min(buf.size(), limit - into.size()));
    if (n > 0) {
      into.append(buf.data(), static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    return n < 0 && errno == EAGAIN;  // EIO: the slave is closed
  }
  return true;
}

std::size_t PtyMaster::write_some(std::string_view bytes) {
  ssize_t n = ::write(fd_, bytes.data(), bytes.size());
  return n > 0 ? static_cast<std::size_t>(n) : 0;
}


}  // namespace mfs::sim
