// The FTP server's tree: virtual paths ("/a/b", relative to a working directory) mapped onto a
// local root directory that nothing may escape, neither by ".." nor through a symlink.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace mfs::sim {

class DirStore {
 public:
  explicit DirStore(const std::filesystem::path& root);

  // The absolute virtual path of `path` as written by the client, taken relative to `cwd`;
  // ".." stops at "/" as in a chrooted server.
  static std::string join(std::string_view cwd, std::string_view path);

  // The local path of a virtual one with every symlink followed; nullopt when it leaves the root
  // (a symlink pointing outside is treated as missing).
  std::optional<std::filesystem::path> follow(std::string_view virt) const;
  // Same, but the last component is not followed: DELE, RMD and renames act on links themselves.
  std::optional<std::filesystem::path> entry(std::string_view virt) const;

 private:
  bool inside(const std::filesystem::path& canonical) const;

  std::filesystem::path root_;
};

}  // namespace mfs::sim
