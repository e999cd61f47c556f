// Shared by the hand-written LIST line tables (Unix and DOS): a line with the entry it must
// parse to, and the two checks every table runs, so both tables hold the parser to one standard.
#pragma once

#include <catch2/catch.hpp>

#include <string>

#include "core/ftp/list_parser.hpp"
#include "listing_fixtures.hpp"

namespace mfs::ftp::test {

struct LineCase {
  std::string line;
  ListEntry expected;
};

// The line alone parses to exactly its entry, with no line ending, "\n" and "\r\n".
inline void check_parses_to(const LineCase& c, time_point now) {
  INFO(c.line);
  for (const std::string ending : {"", "\n", "\r\n"}) {
    const ParsedListing parsed = parse_listing(c.line + ending, now);
    CHECK(parsed.skipped_lines == 0);
    REQUIRE(parsed.entries.size() == 1);
    CHECK(parsed.entries[0] == c.expected);
  }
}

// The line gives no entry and is counted as skipped.
inline void check_skipped(const std::string& line, time_point now) {
  INFO(line);
  const ParsedListing parsed = parse_listing(line + "\r\n", now);
  CHECK(parsed.entries.empty());
  CHECK(parsed.skipped_lines == 1);
}

}  // namespace mfs::ftp::test
