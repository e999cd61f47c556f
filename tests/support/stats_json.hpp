// Reads counters out of the simulator's --stats JSON (top-level numbers, then the "commands"
// and "faults" maps), so tests count modem commands and serial bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace mfs::test {

// The counter `key`, or 0 when absent (a command the host never sent has no entry in
// "commands") or when the file is not (yet) JSON.
inline std::uint64_t stats_count(std::string_view json, std::string_view key) {
  const auto parsed = nlohmann::json::parse(json, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return 0;
  const std::string name(key);
  for (const auto* where : {&parsed, &parsed["commands"], &parsed["faults"]}) {
    if (where->is_object() && where->contains(name) && (*where)[name].is_number_unsigned())
      return (*where)[name].get<std::uint64_t>();
  }
  return 0;
}

}  // namespace mfs::test
