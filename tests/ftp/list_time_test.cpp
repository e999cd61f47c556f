// Year inference for "Mon dd hh:mm" LIST dates: the year putting the date in
// (now - half a year, now + half a year], half a year being GNU ls's 15778476 s.
// Expected instants are written out by hand.
#include <catch2/catch.hpp>

#include <optional>
#include <tuple>

#include "core/ftp/list_parser.hpp"
#include "listing_fixtures.hpp"

namespace mfs::ftp::test {
namespace {

std::optional<time_point> listed_mtime(const std::string& date, time_point now) {
  const auto parsed = parse_listing("-rw-r--r-- 1 u g 1 " + date + " f\r\n", now);
  if (parsed.entries.size() != 1) return std::nullopt;
  return parsed.entries[0].mtime;
}

}  // namespace

TEST_CASE("the year of a recent date is inferred from now", "[ftp]") {
  using Row = std::tuple<time_point, std::string, time_point>;
  // 2026-11-21 17:35:24 + 15778476 s = 2027-05-23 08:30:00 exactly.
  const time_point capture = utc(2026, 11, 21, 17, 35, 24);
  const auto [now, date, expected] = GENERATE_COPY(table<time_point, std::string, time_point>({
      Row{capture, "Nov 21 14:00", utc(2026, 11, 21, 14, 0)},
      Row{capture, "Nov 21 17:36", utc(2026, 11, 21, 17, 36)},  // a minute ahead: clock skew
      Row{capture, "Dec 31 23:59", utc(2026, 12, 31, 23, 59)},
      Row{capture, "Jan 01 00:00", utc(2027, 1, 1, 0, 0)},     // Pure-FTPd's future.txt
      Row{capture, "Jan  1 00:00", utc(2027, 1, 1, 0, 0)},
      Row{capture, "May 23 08:30", utc(2027, 5, 23, 8, 30)},   // exactly now + half a year
      Row{capture, "May 23 08:31", utc(2026, 5, 23, 8, 31)},   // one minute past it
      Row{capture, "May 22 08:31", utc(2027, 5, 22, 8, 31)},
      Row{capture, "Jun 01 00:00", utc(2026, 6, 1, 0, 0)},
      Row{capture, "Mar 04 05:06", utc(2027, 3, 4, 5, 6)},
      // around New Year
      Row{utc(2027, 1, 1, 0, 5), "Dec 31 23:59", utc(2026, 12, 31, 23, 59)},
      Row{utc(2027, 1, 1, 0, 5), "Jan 01 00:10", utc(2027, 1, 1, 0, 10)},
      Row{utc(2027, 1, 1, 0, 5), "Jul 01 00:00", utc(2027, 7, 1, 0, 0)},
      Row{utc(2027, 1, 1, 0, 5), "Jul 03 00:00", utc(2026, 7, 3, 0, 0)},
      Row{utc(2026, 12, 31, 23, 55), "Jan 01 00:00", utc(2027, 1, 1, 0, 0)},
      Row{utc(2026, 12, 31, 23, 55), "Dec 31 23:56", utc(2026, 12, 31, 23, 56)},
      Row{utc(2026, 12, 31, 23, 55), "Jun 30 00:00", utc(2027, 6, 30, 0, 0)},
      // 29 February exists only in leap years
      Row{utc(2025, 3, 1, 12, 0), "Feb 29 10:00", utc(2024, 2, 29, 10, 0)},
      Row{utc(2027, 12, 1, 0, 0), "Feb 29 10:00", utc(2028, 2, 29, 10, 0)},
      Row{utc(2027, 6, 1, 0, 0), "Feb 29 10:00", utc(2024, 2, 29, 10, 0)},
      // a year column is taken as written, whatever now is
      Row{capture, "Mar 04  2019", utc(2019, 3, 4)},
      Row{capture, "Jan 01  2030", utc(2030, 1, 1)},
      Row{utc(2019, 3, 4), "Jan 01  2030", utc(2030, 1, 1)},
  }));
  INFO(date);
  CHECK(listed_mtime(date, now) == std::optional<time_point>(expected));
}

TEST_CASE("a date that exists in no year is rejected", "[ftp]") {
  const time_point now = utc(2026, 11, 21, 17, 35);
  const std::string date = GENERATE(as<std::string>{}, "Feb 30 10:00", "Apr 31 10:00", "Feb 29  2025");
  INFO(date);
  CHECK_FALSE(listed_mtime(date, now).has_value());
}

TEST_CASE("absurd years are clamped, not overflowed", "[ftp]") {
  const time_point now = utc(2026, 11, 21, 17, 35);
  CHECK(listed_mtime("Jan 01  9999", now) == std::optional<time_point>(utc(2200, 1, 1)));
  CHECK(listed_mtime("Jan 01  0001", now) == std::optional<time_point>(utc(1900, 1, 1)));
}

}  // namespace mfs::ftp::test
