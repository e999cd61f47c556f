// SimStats as JSON: one object, command counters nested under "commands".
#include "sim/sim_stats.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace mfs::sim {
namespace {

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

// {"name": count, ...}
std::string json_counters(const std::map<std::string, std::uint64_t>& counters) {
  std::string out = "{";
  const char* sep = "";
  for (const auto& [name, count] : counters) {
    out += sep + json_string(name) + ": " + std::to_string(count);
    sep = ", ";
  }
  return out + "}";
}

}  // namespace

std::string SimStats::to_json() const {
  std::uint64_t faults_injected = 0;
  for (const auto& [kind, count] : faults) faults_injected += count;
  std::ostringstream out;
  out << "{\"commands\": " << json_counters(commands) << ", \"at_commands\": " << at_commands
      << ", \"serial_bytes_from_host\": " << serial_bytes_from_host
      << ", \"serial_bytes_to_host\": " << serial_bytes_to_host
      << ", \"ftp_sessions\": " << ftp_sessions
      << ", \"files_downloaded_bytes\": " << files_downloaded_bytes
      << ", \"files_uploaded_bytes\": " << files_uploaded_bytes
      << ", \"faults\": " << json_counters(faults) << ", \"faults_injected\": " << faults_injected
      << "}\n";
  return out.str();
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
