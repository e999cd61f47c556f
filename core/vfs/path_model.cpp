// Remote path helpers. Paths arrive normalised from FUSE (absolute, no "//", no trailing '/'),
// so these stay plain string operations.
#include "core/vfs/path_model.hpp"

#include "core/ftp/path_rules.hpp"

namespace mfs::vfs {

std::string parent_of(std::string_view path) {
  const auto slash = path.rfind('/');
  if (slash == std::string_view::npos || slash == 0) return "/";
  return std::string(path.substr(0, slash));
}

std::string name_of(std::string_view path) {
  const auto slash = path.rfind('/');
  if (slash == std::string_view::npos) return std::string(path);
  return std::string(path.substr(slash + 1));
}

std::string join(std::string_view dir, std::string_view name) {
  std::string out(dir);
  if (out.empty() || out.back() != '/') out += '/';
  out += name;
  return out;
}

bool is_within(std::string_view path, std::string_view dir) {
  if (dir == "/") return !path.empty() && path.front() == '/';
  if (path.substr(0, dir.size()) != dir) return false;
  return path.size() == dir.size() || path[dir.size()] == '/';
}

std::string rebase(std::string_view path, std::string_view from, std::string_view to) {
  if (from == "/") return join(to, path.substr(1));
  std::string out(to);
  out += path.substr(from.size());
  return out;
}

std::optional<std::string> upload_temp_path(std::string_view path, std::string_view spool_id) {
  const std::string dir = parent_of(path);
  const std::string name = name_of(path);
  // Six id characters keep the usual name short; the fallback drops the target's name so
  // that a 250-octet name still gets a staging name.
  const std::string candidates[] = {
      "." + name + ".mfs-" + std::string(spool_id.substr(0, 6)),
      ".mfs-" + std::string(spool_id),
  };
  for (const auto& candidate : candidates) {
    std::string staged = join(dir, candidate);
    if (ftp::check_name(candidate) && ftp::check_path(staged)) return staged;
  }
  return std::nullopt;
}

}  // namespace mfs::vfs
