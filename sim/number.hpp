// Unsigned integer parameters of AT commands: digits only, bounded by the command's range.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>

#include "sim/command_line.hpp"

namespace mfs::sim {

inline std::optional<std::uint64_t> parse_number(const Param& param, std::uint64_t max) {
  const std::string& s = param.text;
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (param.quoted || s.empty() || ec != std::errc() || end != s.data() + s.size() || value > max)
    return std::nullopt;
  return value;
}

}  // namespace mfs::sim
