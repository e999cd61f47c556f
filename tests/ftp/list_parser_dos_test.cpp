// Table tests for Windows/IIS ("DOS") LIST lines. /work/shared/ftp-listings has no IIS capture,
// so these lines copy the column layout seen in public Windows_NT session transcripts
// (date, 2 spaces, time, "<DIR>" or a size right-aligned to a fixed column, name).
#include <catch2/catch.hpp>

#include "core/ftp/list_parser.hpp"
#include "line_table.hpp"

namespace mfs::ftp::test {
namespace {

const time_point now = utc(2026, 11, 21, 17, 35);

ListEntry dir(std::string name, time_point mtime) {
  return {.name = std::move(name), .type = EntryType::directory, .link_target = {}, .size = 0,
          .mtime = mtime, .mode = 0, .has_mode = false};
}

ListEntry file(std::string name, std::uint64_t size, time_point mtime) {
  return {.name = std::move(name), .type = EntryType::file, .link_target = {}, .size = size,
          .mtime = mtime, .mode = 0, .has_mode = false};
}

}  // namespace

TEST_CASE("DOS lines parse to the entry they describe", "[ftp]") {
  const auto c = GENERATE_COPY(values<LineCase>({
      {"10-18-20  01:57PM       <DIR>          .config", dir(".config", utc(2020, 10, 18, 13, 57))},
      {"08-29-19  09:26PM                43747 setup.exe",
       file("setup.exe", 43747, utc(2019, 8, 29, 21, 26))},
      {"02-25-19  09:56PM       <DIR>          My Files (x86)",
       dir("My Files (x86)", utc(2019, 2, 25, 21, 56))},
      {"02-14-24  09:15PM       <DIR>          name", dir("name", utc(2024, 2, 14, 21, 15))},
      {"02-14-24  09:15PM                 1234 name", file("name", 1234, utc(2024, 2, 14, 21, 15))},
      // four-digit years and 24-hour times (IIS options)
      {"02-14-2024  09:15PM       <DIR>          name", dir("name", utc(2024, 2, 14, 21, 15))},
      {"02-14-2024  21:15                 1234 name", file("name", 1234, utc(2024, 2, 14, 21, 15))},
      {"02-14-24  00:00                    0 zero", file("zero", 0, utc(2024, 2, 14))},
      // 12 AM is midnight, 12 PM is noon
      {"01-01-24  12:00AM                    1 midnight", file("midnight", 1, utc(2024, 1, 1, 0))},
      {"01-01-24  12:30PM                    1 noon", file("noon", 1, utc(2024, 1, 1, 12, 30))},
      {"01-01-24  11:59PM                    1 late", file("late", 1, utc(2024, 1, 1, 23, 59))},
      // two-digit years: 70..99 are 19xx, 00..69 are 20xx
      {"01-01-70  01:00AM                    1 y70", file("y70", 1, utc(1970, 1, 1, 1))},
      {"12-31-99  01:00AM                    1 y99", file("y99", 1, utc(1999, 12, 31, 1))},
      {"01-01-00  01:00AM                    1 y00", file("y00", 1, utc(2000, 1, 1, 1))},
      {"01-01-69  01:00AM                    1 y69", file("y69", 1, utc(2069, 1, 1, 1))},
      {"02-29-24  01:00AM                    1 leap", file("leap", 1, utc(2024, 2, 29, 1))},
      // beyond 4 GiB
      {"02-14-24  09:15PM           5368709120 big.iso",
       file("big.iso", 5368709120ULL, utc(2024, 2, 14, 21, 15))},
      // leading spaces of a name survive: IIS pads <DIR> with exactly 10 spaces, sizes with 1
      {"02-14-24  09:15PM       <DIR>            lead", dir("  lead", utc(2024, 2, 14, 21, 15))},
      {"02-14-24  09:15PM                 1234   lead", file("  lead", 1234, utc(2024, 2, 14, 21, 15))},
      // a server with narrower padding still gives the name after the run of spaces
      {"02-14-24  09:15PM <DIR> narrow", dir("narrow", utc(2024, 2, 14, 21, 15))},
      {"02-14-24  09:15PM 7 a -> b", file("a -> b", 7, utc(2024, 2, 14, 21, 15))},
      {"02-14-24  09:15PM 7 \xc3\xa9t\xc3\xa9.txt", file("\xc3\xa9t\xc3\xa9.txt", 7,
                                                       utc(2024, 2, 14, 21, 15))},
  }));
  check_parses_to(c, now);
}

TEST_CASE("malformed DOS lines are skipped and counted", "[ftp]") {
  const std::string line = GENERATE(as<std::string>{},
      "13-01-24  09:15PM                 1234 month13",
      "02-30-24  09:15PM                 1234 feb30",
      "02-14-24  13:15PM                 1234 hour13pm",
      "02-14-24  00:15AM                 1234 hour0am",
      "02-14-24  24:00                   1234 hour24",
      "02-14-24  09:60PM                 1234 minute60",
      "02-14-24  09:15XM                 1234 suffix",
      "02-14-24  9:15PM                  1234 short",
      "02-14-245  09:15PM                1234 year5",
      "02/14/24  09:15PM                 1234 slashes",
      "02-14-24  09:15PM                 12a4 size",
      "02-14-24  09:15PM                 1234",
      "02-14-24  09:15PM                 1234 ",
      "02-14-24  09:15PM       <DIR>",
      "02-14-24  09:15PM       <DIR>          ",
      "02-14-24  09:15PM       <JUNCTION>     j",
      "02-14-24  09:15PM");
  check_skipped(line, now);
}

TEST_CASE("DOS and Unix lines mix line by line", "[ftp]") {
  const std::string raw =
      "02-14-24  09:15PM       <DIR>          win\r\n"
      "drwxr-xr-x    2 2001     2001         4096 Nov 21 14:00 unix\r\n"
      "not a listing line\r\n";
  const ParsedListing parsed = parse_listing(raw, now);
  REQUIRE(parsed.entries.size() == 2);
  CHECK(parsed.entries[0].name == "win");
  CHECK_FALSE(parsed.entries[0].has_mode);
  CHECK(parsed.entries[1].name == "unix");
  CHECK(parsed.entries[1].has_mode);
  CHECK(parsed.skipped_lines == 1);
}

}  // namespace mfs::ftp::test
