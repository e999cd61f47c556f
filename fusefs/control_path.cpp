// Control socket paths (control_path.hpp).
#include "fusefs/control_path.hpp"

#include <unistd.h>

#include <cstdint>
#include <cstdlib>

#include <fmt/format.h>

namespace mfs::fusefs {

std::optional<std::filesystem::path> control_dir() {
  if (::geteuid() == 0) return std::filesystem::path("/run/modemftpfs");
  const char* runtime = std::getenv("XDG_RUNTIME_DIR");
  if (!runtime || *runtime != '/') return std::nullopt;
  return std::filesystem::path(runtime) / "modemftpfs";
}

// FNV-1a: stable across builds and short enough for sun_path (108 bytes).
std::filesystem::path control_socket_path(const std::filesystem::path& dir,
                                          const std::filesystem::path& mountpoint) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : mountpoint.string()) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return dir / fmt::format("{:016x}.sock", hash);
}

std::filesystem::path resolve_mountpoint(const std::string& given) {
  const auto absolute = std::filesystem::absolute(given).lexically_normal();
  auto name = absolute.filename();
  auto parent = absolute.parent_path();
  if (name.empty()) {  // "/mnt/x/" normalises to "/mnt/x/": its name is the last element
    name = parent.filename();
    parent = parent.parent_path();
  }
  if (name.empty()) return absolute;
  std::error_code ignored;
  const auto resolved = std::filesystem::canonical(parent, ignored);
  return (ignored ? parent : resolved) / name;
}

}  // namespace mfs::fusefs
