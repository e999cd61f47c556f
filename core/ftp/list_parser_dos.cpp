// Windows/IIS ("DOS") LIST lines: "02-14-24  09:15PM       <DIR>          name" and
// "02-14-24  09:15PM              1234 name", also with 4-digit years and 24-hour times.
// They carry no permissions (has_mode stays false) and no zone (taken as UTC).
#include "core/ftp/list_fields.hpp"
#include "core/ftp/list_formats.hpp"

namespace mfs::ftp::detail {
namespace {

// IIS pads "<DIR>" to a fixed column: the name starts 10 spaces after it. A name's own leading
// spaces are kept when that padding is present; other servers get the run of spaces skipped.
constexpr std::string_view dir_marker = "<DIR>";
constexpr std::size_t iis_dir_padding = 10;

// Two-digit years as IIS prints them by default: 70..99 are 19xx, the rest 20xx.
int full_year(std::uint64_t year, std::size_t digits) {
  if (digits == 4) return static_cast<int>(year);
  return static_cast<int>(year >= 70 ? 1900 + year : 2000 + year);
}

// "MM-DD-YY" or "MM-DD-YYYY" -> year, month, day (range-checked later by utc_time).
bool parse_dos_date(std::string_view text, int& year, unsigned& month, unsigned& day) {
  if ((text.size() != 8 && text.size() != 10) || text[2] != '-' || text[5] != '-') return false;
  const auto mm = parse_decimal(text.substr(0, 2));
  const auto dd = parse_decimal(text.substr(3, 2));
  const auto yy = parse_decimal(text.substr(6));
  if (!mm || !dd || !yy || *mm > 12 || *dd > 31) return false;
  year = full_year(*yy, text.size() - 6);
  month = static_cast<unsigned>(*mm);
  day = static_cast<unsigned>(*dd);
  return true;
}

// "hh:mmAM" / "hh:mmPM" (12-hour, 12AM = 00) or "hh:mm" (24-hour).
bool parse_dos_time(std::string_view text, unsigned& hour, unsigned& minute) {
  std::string_view clock = text;
  const bool has_suffix = text.size() == 7;
  if (has_suffix) clock = text.substr(0, 5);
  if (clock.size() != 5 || clock[2] != ':') return false;
  const auto hh = parse_decimal(clock.substr(0, 2));
  const auto mm = parse_decimal(clock.substr(3, 2));
  if (!hh || !mm || *mm > 59) return false;
  hour = static_cast<unsigned>(*hh);
  minute = static_cast<unsigned>(*mm);
  if (!has_suffix) return hour <= 23;
  const std::string_view suffix = text.substr(5);
  if ((suffix != "AM" && suffix != "PM") || hour < 1 || hour > 12) return false;
  hour = hour % 12 + (suffix == "PM" ? 12 : 0);
  return true;
}

// Offset of the name after the "<DIR>" or size field.
std::size_t name_offset(std::string_view line, std::string_view field, bool is_dir) {
  const std::size_t after = end_offset(line, field);
  if (!is_dir) return after + 1;
  const std::size_t run = line.find_first_not_of(' ', after);
  const std::size_t spaces = (run == std::string_view::npos ? line.size() : run) - after;
  return after + (spaces >= iis_dir_padding ? iis_dir_padding : spaces);
}

}  // namespace

std::optional<ListEntry> parse_dos_line(std::string_view line) {
  const auto fields = split_fields(line, 3);
  if (fields.size() < 3) return std::nullopt;
  int year = 0;
  unsigned month = 0, day = 0, hour = 0, minute = 0;
  if (!parse_dos_date(fields[0], year, month, day) || !parse_dos_time(fields[1], hour, minute)) {
    return std::nullopt;
  }
  const auto mtime = utc_time(year, month, day, hour, minute);
  if (!mtime) return std::nullopt;
  ListEntry entry;
  entry.mtime = *mtime;
  const bool is_dir = fields[2] == dir_marker;
  if (is_dir) {
    entry.type = EntryType::directory;
  } else {
    const auto size = parse_decimal(fields[2]);
    if (!size) return std::nullopt;
    entry.size = *size;
  }
  const std::size_t name_at = name_offset(line, fields[2], is_dir);
  if (name_at >= line.size()) return std::nullopt;
  entry.name = line.substr(name_at);
  return entry;
}

}  // namespace mfs::ftp::detail
