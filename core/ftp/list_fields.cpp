// Field splitting and number reading shared by the Unix and DOS LIST line parsers.
#include "core/ftp/list_fields.hpp"

#include <limits>

namespace mfs::ftp::detail {

std::vector<std::string_view> split_fields(std::string_view line, std::size_t max_fields) {
  std::vector<std::string_view> fields;
  std::size_t pos = 0;
  while (fields.size() < max_fields) {
    pos = line.find_first_not_of(' ', pos);
    if (pos == std::string_view::npos) break;
    std::size_t end = line.find(' ', pos);
    if (end == std::string_view::npos) end = line.size();
    fields.push_back(line.substr(pos, end - pos));
    pos = end;
  }
  return fields;
}

std::size_t end_offset(std::string_view line, std::string_view field) {
  return static_cast<std::size_t>(field.data() - line.data()) + field.size();
}

std::optional<std::uint64_t> parse_decimal(std::string_view digits) {
  if (digits.empty()) return std::nullopt;
  constexpr auto max = std::numeric_limits<std::uint64_t>::max();
  std::uint64_t value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (max - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

}  // namespace mfs::ftp::detail
