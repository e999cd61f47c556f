// Counters the simulator keeps for tests and benchmarks, written as JSON to --stats FILE
// (tmp + rename, so a reader never sees half a file).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

namespace mfs::sim {

struct SimStats {
  std::map<std::string, std::uint64_t> commands;  // by CommandLine::stats_key()
  std::uint64_t at_commands = 0;
  std::uint64_t serial_bytes_from_host = 0;
  std::uint64_t serial_bytes_to_host = 0;
  std::uint64_t ftp_sessions = 0;
  std::uint64_t ftp_sessions_secure = 0;  // L610 FTPOPEN with <sftpmode> 1
  std::uint64_t files_downloaded_bytes = 0;
  std::uint64_t files_uploaded_bytes = 0;
  std::map<std::string, std::uint64_t> faults;  // injected, by fault_name() (sim/fault_spec.hpp)

  std::string to_json() const;
  // Commands, logins and faults so far: what a test counts right after an exchange ends.
  std::uint64_t events() const;
};

// Replaces `path` with the current counters; false when the file could not be written.
bool write_stats_file(const SimStats& stats, const std::filesystem::path& path);

}  // namespace mfs::sim
