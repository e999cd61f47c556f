// /proc scan for other processes holding the serial device (see device_holders.hpp).
#include "core/link/device_holders.hpp"

#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <unistd.h>

namespace mfs::link {
namespace fs = std::filesystem;

namespace {

bool fd_table_points_at(const fs::path& fd_dir, const std::string& target) {
  std::error_code ec;
  fs::directory_iterator it(fd_dir, ec);
  if (ec) return false;  // gone or not ours to read
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) return false;
    std::error_code link_ec;
    const fs::path points_at = fs::read_symlink(it->path(), link_ec);
    if (!link_ec && points_at == target) return true;
  }
  return false;
}

}  // namespace

std::string resolve_device_path(const std::string& path) {
  std::error_code ec;
  const fs::path resolved = fs::canonical(path, ec);
  return ec ? path : resolved.string();
}

std::vector<pid_t> other_holders(const std::string& resolved_path) {
  std::vector<pid_t> holders;
  const pid_t self = ::getpid();
  std::error_code ec;
  fs::directory_iterator it("/proc", ec);
  if (ec) return holders;
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const std::string name = it->path().filename().string();
    char* end = nullptr;
    const long pid = std::strtol(name.c_str(), &end, 10);
    if (name.empty() || *end != '\0' || pid == self) continue;
    if (fd_table_points_at(it->path() / "fd", resolved_path)) {
      holders.push_back(static_cast<pid_t>(pid));
    }
  }
  return holders;
}

}  // namespace mfs::link
