// Internal to core/ftp: calendar arithmetic for LIST dates, which carry no zone (taken as UTC)
// and, for recent entries, no year (inferred from `now` the way ls chose to omit it).
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace mfs::ftp::detail {

using time_point = std::chrono::system_clock::time_point;

// "Jan".."Dec" (exact case, as every captured server sends them) -> 1..12.
std::optional<unsigned> month_from_abbrev(std::string_view text);

// A valid calendar date and time of day as UTC; nullopt for Feb 30, 24:00 and the like.
std::optional<time_point> utc_time(int year, unsigned month, unsigned day, unsigned hour,
                                   unsigned minute);

// "Mon dd hh:mm": the latest year that puts the date no more than half a year after `now`,
// so the result lies in (now - half a year, now + half a year].
std::optional<time_point> recent_time(unsigned month, unsigned day, unsigned hour,
                                      unsigned minute, time_point now);

}  // namespace mfs::ftp::detail
