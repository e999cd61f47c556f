// Unix `ls -l` LIST lines as vsftpd, Pure-FTPd, pyftpdlib and ProFTPD send them. Columns move
// (10-digit sizes, name widths, padded days), so fields are found by runs of spaces, and the
// name is every byte after the single space that follows the time/year field.
#include <array>
#include <sys/stat.h>

#include "core/ftp/list_fields.hpp"
#include "core/ftp/list_formats.hpp"

namespace mfs::ftp::detail {
namespace {

// perms links owner group size month day time|year: the group column is optional.
constexpr std::size_t fields_with_group = 8;
constexpr std::size_t size_field_with_group = 4;
constexpr std::size_t size_field_without_group = 3;

struct Triplet {
  mode_t read, write, exec, special;
  char special_exec, special_no_exec;  // 's'/'S' or 't'/'T' in the x position
};
constexpr std::array<Triplet, 3> triplets{{
    {S_IRUSR, S_IWUSR, S_IXUSR, S_ISUID, 's', 'S'},
    {S_IRGRP, S_IWGRP, S_IXGRP, S_ISGID, 's', 'S'},
    {S_IROTH, S_IWOTH, S_IXOTH, S_ISVTX, 't', 'T'},
}};

std::optional<mode_t> parse_mode(std::string_view rwx) {
  mode_t mode = 0;
  for (std::size_t i = 0; i < triplets.size(); ++i) {
    const Triplet& t = triplets[i];
    const char r = rwx[3 * i], w = rwx[3 * i + 1], x = rwx[3 * i + 2];
    if ((r != 'r' && r != '-') || (w != 'w' && w != '-')) return std::nullopt;
    mode |= (r == 'r' ? t.read : 0) | (w == 'w' ? t.write : 0);
    if (x == 'x') mode |= t.exec;
    else if (x == t.special_exec) mode |= t.exec | t.special;
    else if (x == t.special_no_exec) mode |= t.special;
    else if (x != '-') return std::nullopt;
  }
  return mode;
}

// d, l and - are what the captured servers send. Devices, pipes and sockets (b c p s) are kept
// as files rather than hidden: the server has an entry by that name, so MKD/STOR of it fails.
std::optional<EntryType> parse_type(char c) {
  switch (c) {
    case 'd': return EntryType::directory;
    case 'l': return EntryType::symlink;
    case '-': case 'b': case 'c': case 'p': case 's': return EntryType::file;
    default: return std::nullopt;
  }
}

// "drwxr-xr-x", optionally followed by one ACL/xattr marker ('+', '.', '@').
bool parse_perms(std::string_view perms, ListEntry& entry) {
  if (perms.size() != 10 && perms.size() != 11) return false;
  if (perms.size() == 11 && perms[10] != '+' && perms[10] != '.' && perms[10] != '@') return false;
  const auto type = parse_type(perms[0]);
  const auto mode = parse_mode(perms.substr(1, 9));
  if (!type || !mode) return false;
  entry.type = *type;
  entry.mode = *mode;
  entry.has_mode = true;
  return true;
}

// "1".."31", optionally zero-padded ("04").
std::optional<unsigned> parse_day(std::string_view text) {
  const auto day = parse_decimal(text);
  if (text.size() > 2 || !day || *day < 1 || *day > 31) return std::nullopt;
  return static_cast<unsigned>(*day);
}

// "hh:mm" (year inferred from `now`) or "yyyy" (midnight).
std::optional<time_point> parse_date(unsigned month, unsigned day, std::string_view when,
                                     time_point now) {
  if (when.size() == 4 && when.find(':') == std::string_view::npos) {
    const auto year = parse_decimal(when);
    if (!year) return std::nullopt;
    return utc_time(static_cast<int>(*year), month, day, 0, 0);
  }
  const auto colon = when.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2 || when.size() - colon != 3) {
    return std::nullopt;
  }
  const auto hour = parse_decimal(when.substr(0, colon));
  const auto minute = parse_decimal(when.substr(colon + 1));
  if (!hour || !minute || *hour > 23 || *minute > 59) return std::nullopt;
  return recent_time(month, day, static_cast<unsigned>(*hour), static_cast<unsigned>(*minute),
                     now);
}

// Size, date and the offset where the name starts, for the layout whose size is fields[at].
bool parse_columns(std::string_view line, const std::vector<std::string_view>& fields,
                   std::size_t at, time_point now, ListEntry& entry, std::size_t& name_at) {
  if (fields.size() < at + 4) return false;
  const auto size = parse_decimal(fields[at]);
  const auto month = month_from_abbrev(fields[at + 1]);
  const auto day = parse_day(fields[at + 2]);
  if (!size || !month || !day) return false;
  const auto mtime = parse_date(*month, *day, fields[at + 3], now);
  if (!mtime) return false;
  entry.size = *size;
  entry.mtime = *mtime;
  name_at = end_offset(line, fields[at + 3]) + 1;
  return name_at < line.size();
}

// "name -> target". A name or target may itself hold " -> "; every captured server gives a
// symlink's size as its target's length, so the split whose target has that length wins, and
// without such a split the first " -> " is used.
void split_symlink(std::string_view text, ListEntry& entry) {
  constexpr std::string_view arrow = " -> ";
  std::size_t split = text.find(arrow);
  for (auto at = split; at != std::string_view::npos; at = text.find(arrow, at + 1)) {
    if (text.size() - at - arrow.size() == entry.size) {
      split = at;
      break;
    }
  }
  entry.name = text.substr(0, split);
  if (split != std::string_view::npos) entry.link_target = text.substr(split + arrow.size());
}

}  // namespace

std::optional<ListEntry> parse_unix_line(std::string_view line, time_point now) {
  const auto fields = split_fields(line, fields_with_group);
  ListEntry entry;
  if (fields.size() < fields_with_group - 1 || !parse_perms(fields[0], entry)) return std::nullopt;
  if (!parse_decimal(fields[1])) return std::nullopt;
  // Both layouts cannot match at once: one needs a number in field 4, the other a month there.
  std::size_t name_at = 0;
  if (!parse_columns(line, fields, size_field_with_group, now, entry, name_at) &&
      !parse_columns(line, fields, size_field_without_group, now, entry, name_at)) {
    return std::nullopt;
  }
  const std::string_view text = line.substr(name_at);
  if (entry.type == EntryType::symlink) split_symlink(text, entry);
  else entry.name = text;
  if (entry.name.empty()) return std::nullopt;
  return entry;
}

}  // namespace mfs::ftp::detail
