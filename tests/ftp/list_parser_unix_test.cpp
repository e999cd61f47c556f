// Table tests for Unix `ls -l` LIST lines: column shapes the captures do not cover (no group
// column, setuid/sticky bits, device types), names with awkward bytes, and lines to reject.
#include <catch2/catch.hpp>

#include "core/ftp/list_parser.hpp"
#include "line_table.hpp"

namespace mfs::ftp::test {
namespace {

const time_point now = utc(2026, 11, 21, 17, 35);

ListEntry file(std::string name, std::uint64_t size, time_point mtime, mode_t mode) {
  return {.name = std::move(name), .type = EntryType::file, .link_target = {}, .size = size,
          .mtime = mtime, .mode = mode, .has_mode = true};
}

ListEntry with_type(ListEntry e, EntryType type, std::string target = {}) {
  e.type = type;
  e.link_target = std::move(target);
  return e;
}

}  // namespace

TEST_CASE("unix lines parse to the entry they describe", "[ftp]") {
  const auto recent = utc(2026, 11, 21, 14, 0);
  const auto c = GENERATE_COPY(values<LineCase>({
      // vsftpd shape, numeric owner/group, zero-padded day, year column
      {"-rw-r--r--    1 2001     2001            9 Mar 04  2019 old.txt",
       file("old.txt", 9, utc(2019, 3, 4), 0644)},
      // ProFTPD/ftpparse classic shape, space-padded day; Jan 29 after a Nov 21 "now" is 2027
      {"-rw-r--r--   1 root     other        531 Jan 29 03:26 README",
       file("README", 531, utc(2027, 1, 29, 3, 26), 0644)},
      // no group column (8 fields)
      {"dr-xr-xr-x   2 root                  512 Apr  8  1994 etc",
       with_type(file("etc", 512, utc(1994, 4, 8), 0555), EntryType::directory)},
      {"-rw-r--r--   1 2001 5 Nov 21 14:00 two words", file("two words", 5, recent, 0644)},
      // a group named like a month does not confuse the two layouts
      {"-rw-r--r--   1 user Jan 5 Nov 21 14:00 x", file("x", 5, recent, 0644)},
      // sizes beyond 4 GiB, and the largest 64-bit size
      {"-rw-r--r--   1 u g 5368709120 Nov 21 14:00 size5G.bin",
       file("size5G.bin", 5368709120ULL, recent, 0644)},
      {"-rw-r--r--   1 u g 18446744073709551615 Nov 21 14:00 huge",
       file("huge", 18446744073709551615ULL, recent, 0644)},
      // every byte after the one separator is the name
      {"-rw-r--r--   1 u g 5 Nov 21 14:00   lead.txt", file("  lead.txt", 5, recent, 0644)},
      {"-rw-r--r--   1 u g 5 Nov 21 14:00 trail  ", file("trail  ", 5, recent, 0644)},
      {"-rw-r--r--   1 u g 5 Nov 21 14:00 +FTPLIST: 1", file("+FTPLIST: 1", 5, recent, 0644)},
      {"-rw-r--r--   1 u g 5 Nov 21 14:00 quo\"te,a.txt", file("quo\"te,a.txt", 5, recent, 0644)},
      {"-rw-r--r--   1 u g 5 Nov 21 14:00 Nov 21 14:00", file("Nov 21 14:00", 5, recent, 0644)},
      {"-rw-r--r--   1 u g 5 Nov 21 14:00 tab\there", file("tab\there", 5, recent, 0644)},
      // special mode bits, with and without the execute bit under them
      {"-rwsr-sr-t   1 u g 1 Nov 21 14:00 s", file("s", 1, recent, 07755)},
      {"-rwSr-Sr-T   1 u g 1 Nov 21 14:00 S", file("S", 1, recent, 07644)},
      {"----------   1 u g 1 Nov 21 14:00 none", file("none", 1, recent, 0)},
      {"-rwxrwxrwx   1 u g 1 Nov 21 14:00 all", file("all", 1, recent, 0777)},
      // ACL / SELinux markers after the mode string
      {"-rw-r--r--+  1 u g 1 Nov 21 14:00 acl", file("acl", 1, recent, 0644)},
      {"drwxr-xr-x.  2 u g 6 Nov 21 14:00 ctx",
       with_type(file("ctx", 6, recent, 0755), EntryType::directory)},
      // devices, pipes and sockets are shown as files (documented choice)
      {"crw-rw-rw-   1 u g 0 Nov 21 14:00 null", file("null", 0, recent, 0666)},
      {"brw-rw----   1 u g 0 Nov 21 14:00 sda", file("sda", 0, recent, 0660)},
      {"prw-r--r--   1 u g 0 Nov 21 14:00 fifo", file("fifo", 0, recent, 0644)},
      {"srwxrwxrwx   1 u g 0 Nov 21 14:00 sock", file("sock", 0, recent, 0777)},
      // symlinks: the split whose target length equals the size wins, else the first " -> "
      {"lrwxrwxrwx   1 u g 3 Nov 21 14:00 link-to-sub -> sub",
       with_type(file("link-to-sub", 3, recent, 0777), EntryType::symlink, "sub")},
      {"lrwxrwxrwx   1 u g 6 Nov 21 14:00 a -> b -> c -> d",
       with_type(file("a -> b", 6, recent, 0777), EntryType::symlink, "c -> d")},
      {"lrwxrwxrwx   1 u g 1 Nov 21 14:00 a -> b -> c -> d",
       with_type(file("a -> b -> c", 1, recent, 0777), EntryType::symlink, "d")},
      {"lrwxrwxrwx   1 u g 11 Nov 21 14:00 a -> b -> c -> d",
       with_type(file("a", 11, recent, 0777), EntryType::symlink, "b -> c -> d")},
      {"lrwxrwxrwx   1 u g 99 Nov 21 14:00 a -> b -> c -> d",
       with_type(file("a", 99, recent, 0777), EntryType::symlink, "b -> c -> d")},
      {"lrwxrwxrwx   1 u g 7 Nov 21 14:00   sp -> x y z 1",
       with_type(file("  sp", 7, recent, 0777), EntryType::symlink, "x y z 1")},
      // a symlink line without an arrow keeps its whole text as the name
      {"lrwxrwxrwx   1 u g 3 Nov 21 14:00 bare", with_type(file("bare", 3, recent, 0777),
                                                         EntryType::symlink)},
      // non-ASCII bytes are kept as sent
      {"-rw-r--r--   1 u g 10 Nov 21 14:00 \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e.bin",
       file("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e.bin", 10, recent, 0644)},
  }));
  check_parses_to(c, now);
}

TEST_CASE("unix lines that are not entries are skipped and counted", "[ftp]") {
  const std::string line = GENERATE(as<std::string>{},
      "hello world",
      "-rw-r--r--",
      "-rw-r--r--   1 u g 5 Nov 21 14:00",        // no name
      "-rw-r--r--   1 u g 5 Nov 21 14:00 ",       // separator but empty name
      "-rw-r--r--   1 u g 5 Foo 21 14:00 x",      // not a month
      "-rw-r--r--   1 u g 5 nov 21 14:00 x",      // month names are capitalised
      "-rw-r--r--   1 u g 5 Nov 32 14:00 x",      // no such day
      "-rw-r--r--   1 u g 5 Nov 0 14:00 x",
      "-rw-r--r--   1 u g 5 Feb 30  2024 x",
      "-rw-r--r--   1 u g 5 Nov 21 24:00 x",      // no such time
      "-rw-r--r--   1 u g 5 Nov 21 14:60 x",
      "-rw-r--r--   1 u g 5 Nov 21 14:0 x",
      "-rw-r--r--   1 u g 5 Nov 21 201 x",        // not a year
      "-rw-r--r--   1 u g 5x Nov 21 14:00 x",     // not a size
      "-rw-r--r--   1 u g 18446744073709551616 Nov 21 14:00 x",  // over 64 bits
      "-rw-r--r--   x u g 5 Nov 21 14:00 x",      // link count not a number
      "xrw-r--r--   1 u g 5 Nov 21 14:00 x",      // unknown type
      "-rw-r--r-q   1 u g 5 Nov 21 14:00 x",      // bad mode letter
      "-rwxr-xr-x-  1 u g 5 Nov 21 14:00 x",      // 11th char not an ACL marker
      "-rw-r--r   1 u g 5 Nov 21 14:00 x",        // mode too short
      "lrwxrwxrwx   1 u g 3 Nov 21 14:00  -> x",  // symlink with an empty name
      "total",
      "total x",
      "total 76 x",
      "\x01\x02\x03",
      "+FTPLIST: 1");
  check_skipped(line, now);
}

TEST_CASE("total lines, blank lines, . and .. are dropped without counting", "[ftp]") {
  const std::string raw =
      "total 76\r\n"
      "\r\n"
      "   \n"
      "drwxr-xr-x    4 2001     2001         4096 Nov 21 14:00 .\r\n"
      "drwxr-xr-x    4 2001     2001         4096 Nov 21 14:00 ..\r\n"
      "-rw-r--r--    1 2001     2001            7 Nov 21 14:00 .hidden\n"
      "garbage\r\n"
      "-rw-r--r--    1 2001     2001            7 Nov 21 14:00 ...\r\n";
  const ParsedListing parsed = parse_listing(raw, now);
  REQUIRE(parsed.entries.size() == 2);
  CHECK(parsed.entries[0].name == ".hidden");
  CHECK(parsed.entries[1].name == "...");
  CHECK(parsed.skipped_lines == 1);
}

TEST_CASE("an empty listing has no entries and nothing skipped", "[ftp]") {
  for (const std::string raw : {"", "\r\n", "\n\n"}) {
    const ParsedListing parsed = parse_listing(raw, now);
    CHECK(parsed.entries.empty());
    CHECK(parsed.skipped_lines == 0);
  }
}

}  // namespace mfs::ftp::test
