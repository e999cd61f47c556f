// LIST output as vsftpd 3.0.3 sends it (see /work/shared/ftp-listings/vsftpd): numeric owner and
// group, zero-padded day, "HH:MM" within six months and a year otherwise, "name -> target" links,
// dotfiles only for "LIST -a".
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace mfs::sim {

// One LIST line (no line end) for the entry at `local` itself (lstat), shown as `name`;
// nullopt when it does not exist.
std::optional<std::string> list_line(const std::filesystem::path& local, std::string_view name,
                                     std::chrono::system_clock::time_point now);

// Whose reading of LIST's argument (/work/shared/ftp-listings/*/README.md).
enum class ListStyle {
  vsftpd,     // a first word starting with '-' holds options (only 'a' matters here), the rest
              // after one space is the path; dotfiles only with -a
  pyftpdlib,  // exactly "-a", "-l", "-al" or "-la" is the working directory, anything else a
              // path ("-a /x" is one it cannot find); dotfiles always, never "." and ".."
};

struct ListArgument {
  bool all = false;   // dotfiles shown
  bool dots = false;  // "." and ".." listed too
  std::optional<std::string_view> path;  // nullopt: the working directory
};
ListArgument parse_list_argument(std::optional<std::string_view> argument, ListStyle style);

// The LIST bytes of a directory: every entry not starting with '.' (every entry with
// `request.all`, and "." and ".." with `request.dots`), sorted by byte order, each line ended by
// CRLF; no "total" line.
std::string list_directory(const std::filesystem::path& dir,
                           std::chrono::system_clock::time_point now, const ListArgument& request);

}  // namespace mfs::sim
