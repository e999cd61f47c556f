// The mount table: /proc/self/mountinfo, one mount per line, "ID PARENT MAJ:MIN ROOT POINT
// OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPEROPTIONS", with spaces in paths written as \040.
#include "fusefs/mount_table.hpp"

#include <filesystem>
#include <fstream>
#include <string>
#include <sstream>
#include <system_error>

namespace mfs::fusefs {
namespace {

// Undoes the kernel's octal escapes (\040 space, \011 tab, \012 newline, \134 backslash).
std::string unescape(const std::string& field) {
  std::string out;
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field[i] == '\\' && i + 3 < field.size()) {
      const std::string octal = field.substr(i + 1, 3);
      if (octal.find_first_not_of("01234567") == std::string::npos) {
        out += static_cast<char>(std::stoi(octal, nullptr, 8));
        i += 3;
        continue;
      }
    }
    out += field[i];
  }
  return out;
}

// The mountpoint itself is never stat()ed: a hung FUSE daemon would hang us too. Its parent
// directory is resolved (symlinks too), as the kernel's table shows resolved paths.
std::string absolute_form(const std::filesystem::path& path) {
  std::error_code ec;
  const auto absolute = std::filesystem::absolute(path, ec).lexically_normal();
  if (ec) return path.string();
  const auto name = absolute.has_filename() ? absolute.filename() : absolute.parent_path().filename();
  const auto parent = absolute.has_filename() ? absolute.parent_path() : absolute.parent_path().parent_path();
  const auto resolved = std::filesystem::canonical(parent, ec);
  return ec ? absolute.string() : (resolved / name).string();
}

}  // namespace

bool is_modemftpfs_mount(const std::filesystem::path& path) {
  const std::string wanted = absolute_form(path);
  std::ifstream table("/proc/self/mountinfo");
  for (std::string line; std::getline(table, line);) {
    std::istringstream fields(line);
    std::string id, parent, device, root, point, field;
    if (!(fields >> id >> parent >> device >> root >> point)) continue;
    while (fields >> field && field != "-") {
    }
    std::string type;
    if (!(fields >> type)) continue;
    if (type == "fuse.modemftpfs" && unescape(point) == wanted) return true;
  }
  return false;
}

}  // namespace mfs::fusefs
