// LIST output as vsftpd 3.0.3 sends it (see /work/shared/ftp-listings/vsftpd): numeric owner and
// group, zero-padded day, "HH:MM" within six months and a year otherwise, "name -> target" links.
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

// The LIST bytes of a directory: every entry not starting with '.', sorted by byte order,
// each line ended by CRLF; no "total" line.
std::string list_directory(const std::filesystem::path& dir,
                           std::chrono::system_clock::time_point now);

}  // namespace mfs::sim
