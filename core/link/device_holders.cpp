// /proc scan for other processes holding the serial device (see device_holders.hpp).
#include "core/link/device_holders.hpp"

#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <system_error>
#include <unistd.h>

namespace mfs::link {
namespace fs = std::filesystem;

namespace {

// Daemons known to open every serial port they find and talk AT (or their own protocol) on it.
constexpr std::array<std::string_view, 4> port_probers = {"ModemManager", "ofonod", "gpsd",
                                                          "brltty"};

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

std::string comm_of(const fs::path& proc_dir) {
  std::ifstream comm(proc_dir / "comm");
  std::string name;
  std::getline(comm, name);
  return name;
}

}  // namespace

std::string resolve_device_path(const std::string& path) {
  std::error_code ec;
  const fs::path resolved = fs::canonical(path, ec);
  return ec ? path : resolved.string();
}

HolderKind holder_kind(const std::string& name) {
  if (name == "modemftpfs") return HolderKind::modemftpfs;
  for (const auto prober : port_probers)
    if (name == prober) return HolderKind::port_prober;
  return HolderKind::other;
}

std::vector<Holder> other_holders(const std::string& resolved_path) {
  std::vector<Holder> holders;
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
      std::string comm = comm_of(it->path());
      const HolderKind kind = holder_kind(comm);
      holders.push_back({static_cast<pid_t>(pid), std::move(comm), kind});
    }
  }
  return holders;
}

std::optional<Holder> blocking_holder(const std::vector<Holder>& holders) {
  for (const auto& holder : holders)
    if (holder.kind != HolderKind::other) return holder;
  return std::nullopt;
}

std::string describe(const Holder& holder) {
  const std::string pid = "(pid " + std::to_string(holder.pid) + ")";
  if (holder.kind == HolderKind::modemftpfs) return "an earlier modemftpfs " + pid;
  return (holder.name.empty() ? std::string("a process") : holder.name) + " " + pid;
}

}  // namespace mfs::link
