// parse_listing: splits raw LIST bytes into lines and hands each to the Unix or DOS line parser.
// A line neither understands is counted and skipped, so one odd line never hides a directory.
#include "core/ftp/list_parser.hpp"

#include "core/ftp/list_fields.hpp"
#include "core/ftp/list_formats.hpp"

namespace mfs::ftp {
namespace {

// The next line of `raw` without its LF and one CR before it; `raw` moves past it.
std::string_view next_line(std::string_view& raw) {
  const auto lf = raw.find('\n');
  std::string_view line = raw.substr(0, lf);
  raw.remove_prefix(lf == std::string_view::npos ? raw.size() : lf + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

bool is_blank(std::string_view line) {
  return line.find_first_not_of(' ') == std::string_view::npos;
}

// `ls -l`'s block count ("total 76"): not an entry and not a fault.
bool is_total_line(std::string_view line) {
  const auto fields = detail::split_fields(line, 3);
  return fields.size() == 2 && fields[0] == "total" && detail::parse_decimal(fields[1]);
}

std::optional<ListEntry> parse_line(std::string_view line, std::chrono::system_clock::time_point now) {
  if (auto entry = detail::parse_unix_line(line, now)) return entry;
  return detail::parse_dos_line(line);
}

}  // namespace

ParsedListing parse_listing(std::string_view raw, std::chrono::system_clock::time_point now) {
  ParsedListing listing;
  while (!raw.empty()) {
    const std::string_view line = next_line(raw);
    if (is_blank(line) || is_total_line(line)) continue;
    auto entry = parse_line(line, now);
    if (!entry) {
      ++listing.skipped_lines;
    } else if (entry->name != "." && entry->name != "..") {
      listing.entries.push_back(std::move(*entry));
    }
  }
  return listing;
}

const ListEntry* find_entry(const ParsedListing& listing, std::string_view name) {
  for (const auto& entry : listing.entries) {
    if (entry.name == name) return &entry;
  }
  return nullptr;
}

}  // namespace mfs::ftp
