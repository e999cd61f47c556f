// Reads counters out of the simulator's --stats JSON (flat numbers, and the "commands" map),
// so tests count modem commands and serial bytes. Header-only; no JSON library needed for it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace mfs::test {

// The number after `"key": ` in `json` (the first occurrence), or 0 when absent: a command
// the host never sent has no entry in "commands".
inline std::uint64_t stats_count(std::string_view json, std::string_view key) {
  const std::string needle = "\"" + std::string(key) + "\": ";
  const auto at = json.find(needle);
  if (at == std::string_view::npos) return 0;
  std::uint64_t value = 0;
  for (auto i = at + needle.size(); i < json.size() && json[i] >= '0' && json[i] <= '9'; ++i)
    value = value * 10 + static_cast<std::uint64_t>(json[i] - '0');
  return value;
}

}  // namespace mfs::test
