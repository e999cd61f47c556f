// Dates of LIST lines: month names, UTC calendar conversion and ls-style year inference.
#include "core/ftp/list_time.hpp"

#include <algorithm>
#include <array>

namespace mfs::ftp::detail {
namespace {

namespace chr = std::chrono;

// GNU ls's cut-off between "Mon dd hh:mm" and "Mon dd  yyyy": half an average Gregorian year.
constexpr chr::seconds half_year{31556952 / 2};

// system_clock counts nanoseconds in 64 bits (about 1678..2262); a hostile or silly year must
// not overflow it, so years are clamped into a range that still shows the entry.
constexpr int min_year = 1900;
constexpr int max_year = 2200;

// Leap-day dates recur every 4 years (8 across a skipped century leap year).
constexpr int max_years_back = 8;

}  // namespace

std::optional<unsigned> month_from_abbrev(std::string_view text) {
  static constexpr std::array<std::string_view, 12> names{
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto it = std::find(names.begin(), names.end(), text);
  if (it == names.end()) return std::nullopt;
  return static_cast<unsigned>(it - names.begin()) + 1;
}

std::optional<time_point> utc_time(int year, unsigned month, unsigned day, unsigned hour,
                                   unsigned minute) {
  const chr::year_month_day date{chr::year{std::clamp(year, min_year, max_year)},
                                 chr::month{month}, chr::day{day}};
  if (!date.ok() || hour > 23 || minute > 59) return std::nullopt;
  return chr::sys_days{date} + chr::hours{hour} + chr::minutes{minute};
}

std::optional<time_point> recent_time(unsigned month, unsigned day, unsigned hour,
                                      unsigned minute, time_point now) {
  const time_point limit = now + half_year;
  const int this_year = static_cast<int>(chr::year_month_day{chr::floor<chr::days>(now)}.year());
  for (int year = this_year + 1; year >= this_year - max_years_back; --year) {
    const auto candidate = utc_time(year, month, day, hour, minute);
    if (candidate && *candidate <= limit) return candidate;
  }
  return std::nullopt;
}

}  // namespace mfs::ftp::detail
