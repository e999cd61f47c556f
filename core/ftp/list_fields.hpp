// Internal to core/ftp: splitting a LIST line into space-separated fields that stay views into
// the line (so a name can be cut at an exact byte offset), and strict decimal reading.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace mfs::ftp::detail {

// The first `max_fields` runs of non-space bytes of `line`. Only ' ' separates: servers pad
// columns with runs of spaces, and a tab is a legal byte of a name.
std::vector<std::string_view> split_fields(std::string_view line, std::size_t max_fields);

// Offset of the byte just past `field`, which must be a view into `line`.
std::size_t end_offset(std::string_view line, std::string_view field);

// A non-empty run of ASCII digits that fits in 64 bits; anything else is nullopt.
std::optional<std::uint64_t> parse_decimal(std::string_view digits);

}  // namespace mfs::ftp::detail
