// vsftpd's ls.c line format: "%s %4u %-8u %-8u %8llu %s %s" with a GMT date (use_localtime=NO).
#include "sim/unix_listing.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <iterator>
#include <array>
#include <cstdio>
#include <ctime>
#include <vector>

namespace mfs::sim {
namespace {

namespace fs = std::filesystem;

// vsftpd shows a year instead of a time past this age, and for any future date.
constexpr std::chrono::seconds six_months{60L * 60 * 24 * 182};

char type_char(mode_t mode) {
  if (S_ISDIR(mode)) return 'd';
  if (S_ISLNK(mode)) return 'l';
  if (S_ISFIFO(mode)) return 'p';
  if (S_ISSOCK(mode)) return 's';
  if (S_ISCHR(mode)) return 'c';
  if (S_ISBLK(mode)) return 'b';
  return '-';
}

std::string permissions(mode_t mode) {
  std::string s = "----------";
  s[0] = type_char(mode);
  const char* rwx = "rwxrwxrwx";
  for (int i = 0; i < 9; ++i)
    if (mode & (0400 >> i)) s[1 + i] = rwx[i];
  auto special = [&](mode_t bit, std::size_t at, char set_exec, char set_noexec) {
    if (mode & bit) s[at] = s[at] == '-' ? set_noexec : set_exec;
  };
  special(S_ISUID, 3, 's', 'S');
  special(S_ISGID, 6, 's', 'S');
  special(S_ISVTX, 9, 't', 'T');
  return s;
}

std::string date_text(std::time_t mtime, std::chrono::system_clock::time_point now) {
  static constexpr std::array<const char*, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto when = std::chrono::system_clock::from_time_t(mtime);
  bool show_year = when > now || now - when > six_months;
  std::tm tm{};
  gmtime_r(&mtime, &tm);
  char buf[32];
  if (show_year)
    std::snprintf(buf, sizeof buf, "%s %02d  %d", months[tm.tm_mon], tm.tm_mday, tm.tm_year + 1900);
  else
    std::snprintf(buf, sizeof buf, "%s %02d %02d:%02d", months[tm.tm_mon], tm.tm_mday, tm.tm_hour,
                  tm.tm_min);
  return buf;
}

}  // namespace

std::optional<std::string> list_line(const fs::path& local, std::string_view name,
                                     std::chrono::system_clock::time_point now) {
  struct stat st {};
  if (::lstat(local.c_str(), &st) != 0) return std::nullopt;
  char head[96];
  std::snprintf(head, sizeof head, "%s %4u %-8u %-8u %8llu ", permissions(st.st_mode).c_str(),
                static_cast<unsigned>(st.st_nlink), static_cast<unsigned>(st.st_uid),
                static_cast<unsigned>(st.st_gid), static_cast<unsigned long long>(st.st_size));
  std::string line = head + date_text(st.st_mtime, now) + " " + std::string(name);
  if (S_ISLNK(st.st_mode)) {
    std::error_code ec;
    line += " -> " + fs::read_symlink(local, ec).native();
  }
  return line;
}

ListArgument parse_list_argument(std::optional<std::string_view> argument, ListStyle style) {
  if (style == ListStyle::pyftpdlib) {
    constexpr std::string_view as_cwd[] = {"-a", "-l", "-al", "-la", "-A", "-L", "-AL", "-LA"};
    const bool cwd = argument && std::find(std::begin(as_cwd), std::end(as_cwd), *argument) !=
                                     std::end(as_cwd);
    return {true, false, cwd ? std::nullopt : argument};
  }
  if (!argument || !argument->starts_with('-')) return {false, false, argument};
  const auto space = argument->find(' ');
  const bool all = argument->substr(0, space).find('a') != std::string_view::npos;
  ListArgument out{all, all, std::nullopt};
  if (space != std::string_view::npos && space + 1 < argument->size())
    out.path = argument->substr(space + 1);
  return out;
}

std::string list_directory(const fs::path& dir, std::chrono::system_clock::time_point now,
                           const ListArgument& request) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().native();
    if (request.all || !name.starts_with('.')) names.push_back(std::move(name));
  }
  if (request.dots) names.insert(names.end(), {".", ".."});
  std::sort(names.begin(), names.end());
  std::string out;
  for (const auto& name : names) {
    if (auto line = list_line(dir / name, name, now)) out += *line + "\r\n";
  }
  return out;
}

}  // namespace mfs::sim
