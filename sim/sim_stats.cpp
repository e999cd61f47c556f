// SimStats as JSON: one object, command counters nested under "commands".
#include "sim/sim_stats.hpp"

#include <fstream>

#include <nlohmann/json.hpp>

namespace mfs::sim {

// Two-space indentation puts every counter as `"name": N`, which shell tools can grep too.
std::string SimStats::to_json() const {
  std::uint64_t faults_injected = 0;
  for (const auto& [kind, count] : faults) faults_injected += count;
  const nlohmann::ordered_json out = {{"commands", commands},
                                      {"at_commands", at_commands},
                                      {"serial_bytes_from_host", serial_bytes_from_host},
                                      {"serial_bytes_to_host", serial_bytes_to_host},
                                      {"ftp_sessions", ftp_sessions},
                                      {"ftp_sessions_secure", ftp_sessions_secure},
                                      {"files_downloaded_bytes", files_downloaded_bytes},
                                      {"files_uploaded_bytes", files_uploaded_bytes},
                                      {"faults", faults},
                                      {"faults_injected", faults_injected}};
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::uint64_t SimStats::events() const {
  std::uint64_t total = at_commands + ftp_sessions;
  for (const auto& [kind, count] : faults) total += count;
  return total;
}

bool write_stats_file(const SimStats& stats, const std::filesystem::path& path) {
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << stats.to_json();
    if (!out.flush()) return false;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  return !ec;
}

}  // namespace mfs::sim
