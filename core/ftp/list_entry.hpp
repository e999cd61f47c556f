// One entry of a remote directory listing, as parsed from the server's LIST bytes.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <sys/types.h>

namespace mfs::ftp {

enum class EntryType { file, directory, symlink };

struct ListEntry {
  std::string name;            // exact bytes: spaces, leading spaces, UTF-8 kept
  EntryType type = EntryType::file;
  std::string link_target;     // symlinks only
  std::uint64_t size = 0;      // beyond 4 GiB
  std::chrono::system_clock::time_point mtime{};  // UTC; minute precision from LIST
  mode_t mode = 0;             // permission bits only (0777 mask plus suid/sgid/sticky)
  bool has_mode = false;       // DOS listings carry no permissions

  bool operator==(const ListEntry&) const = default;
};

}  // namespace mfs::ftp
