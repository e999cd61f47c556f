// parse_listing against real servers: every captured LIST of vsftpd, Pure-FTPd and pyftpdlib is
// compared entry by entry with the tree recorded at capture time (tree.tsv), and every prefix
// truncation of every capture must parse to a prefix of the full result.
#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>

#include "core/ftp/list_parser.hpp"
#include "listing_fixtures.hpp"

namespace mfs::ftp::test {
namespace {

namespace chr = std::chrono;

const std::vector<std::string> servers{"vsftpd", "pure-ftpd", "pyftpdlib"};

// What one capture lists, per the server READMEs: a directory's children, a single entry, or
// nothing at all.
struct Capture {
  std::string file;
  std::optional<std::string> dir;  // children of this tree path ("" = root)
  std::optional<std::string> only;  // exactly this tree path
  bool dotfiles = false;
};

std::vector<Capture> captures_of(const std::string& server) {
  // pyftpdlib ignores LIST options and always shows dotfiles; the others hide them without -a.
  const bool plain_dotfiles = server == "pyftpdlib";
  // Pure-FTPd splits "LIST my report 2024.txt" at spaces and globs: no match, no data.
  const auto spaced = server == "pure-ftpd" ? std::nullopt
                                            : std::optional<std::string>("my report 2024.txt");
  return {
      {"LIST_root", "", std::nullopt, plain_dotfiles},
      {"LIST_a_root", "", std::nullopt, true},
      {"LIST_la_root", "", std::nullopt, true},
      {"LIST_sub", "sub", std::nullopt, false},
      {"LIST_sub_deeper", "sub/deeper", std::nullopt, false},
      {"LIST_file", std::nullopt, "old.txt", false},
      {"LIST_file_with_spaces", std::nullopt, spaced, false},
      {"LIST_empty_dir", "empty dir", std::nullopt, false},
      {"LIST_link_to_sub", "sub", std::nullopt, false},  // lists the target's contents
  };
}

std::string parent_of(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

std::string base_of(const std::string& path) {
  return path.substr(path.rfind('/') + 1);
}

// The mtime a LIST line can express. Recent entries show "Mon dd hh:mm" (minute precision);
// old.txt (2019) shows a year, so only its day; future.txt (2030) shows a year on vsftpd
// ("Jan 01  2030") but a bare time on Pure-FTPd and pyftpdlib ("Jan  1 00:00", year lost, per
// their READMEs), which with now = 2026-11-21 can only mean the coming Jan 1, 2027.
time_point listed_mtime(const std::string& server, const TreeRow& row, time_point captured) {
  const time_point truth{chr::seconds{row.mtime_epoch}};
  if (row.path == "old.txt") return chr::floor<chr::days>(truth);
  if (row.path == "future.txt") {
    return server == "vsftpd" ? chr::floor<chr::days>(truth) : utc(2027, 1, 1);
  }
  // Guard for this hand-made rule: everything else is recent, so shown with hh:mm.
  REQUIRE(truth <= captured);
  REQUIRE(truth > captured - chr::days{182});
  return chr::floor<chr::minutes>(truth);
}

ListEntry expected_entry(const std::string& server, const TreeRow& row, time_point captured) {
  return ListEntry{.name = base_of(row.path), .type = row.type, .link_target = row.link_target,
                   .size = row.size, .mtime = listed_mtime(server, row, captured),
                   .mode = row.mode, .has_mode = true};
}

bool listed_in(const Capture& capture, const TreeRow& row) {
  if (capture.only) return row.path == *capture.only;
  if (!capture.dir || parent_of(row.path) != *capture.dir) return false;
  return capture.dotfiles || base_of(row.path)[0] != '.';
}

std::vector<ListEntry> sorted_by_name(std::vector<ListEntry> entries) {
  std::sort(entries.begin(), entries.end(),
            [](const ListEntry& a, const ListEntry& b) { return a.name < b.name; });
  return entries;
}

}  // namespace

TEST_CASE("captured LIST output matches the recorded tree", "[ftp]") {
  const std::string server = GENERATE(from_range(servers));
  const Tree tree = load_tree(server);
  REQUIRE(tree.rows.size() == 24);
  for (const Capture& capture : captures_of(server)) {
    INFO(server << " " << capture.file);
    std::vector<ListEntry> expected;
    for (const TreeRow& row : tree.rows) {
      if (listed_in(capture, row)) expected.push_back(expected_entry(server, row, tree.captured));
    }
    const ParsedListing parsed = parse_listing(load_raw(server, capture.file), tree.captured);
    CHECK(parsed.skipped_lines == 0);
    CHECK(sorted_by_name(parsed.entries) == sorted_by_name(expected));
  }
}

TEST_CASE("captured root listings hold the expected number of entries", "[ftp]") {
  // Independent count from the READMEs: 21 visible entries, +1 .hidden with -a or on pyftpdlib.
  const std::string server = GENERATE(from_range(servers));
  const Tree tree = load_tree(server);
  const auto root = parse_listing(load_raw(server, "LIST_root"), tree.captured);
  const auto all = parse_listing(load_raw(server, "LIST_a_root"), tree.captured);
  CHECK(root.entries.size() == (server == "pyftpdlib" ? 22u : 21u));
  CHECK(all.entries.size() == 22u);
}

namespace {

// The name text as it stood on the line, so a cut inside "name -> target" stays comparable.
std::string listed_text(const ListEntry& e) {
  return e.link_target.empty() ? e.name : e.name + " -> " + e.link_target;
}

// The entry parsed from a line cut short: everything but the name text must already be right,
// and the name text must be a prefix of the full line's.
void check_cut_entry(const ListEntry& cut, const ListEntry& full) {
  CHECK(cut.type == full.type);
  CHECK(cut.size == full.size);
  CHECK(cut.mtime == full.mtime);
  CHECK(cut.mode == full.mode);
  CHECK(listed_text(full).rfind(listed_text(cut), 0) == 0);
}

bool same_prefix(const std::vector<ListEntry>& part, const std::vector<ListEntry>& full,
                 std::size_t count) {
  return std::equal(part.begin(), part.begin() + static_cast<std::ptrdiff_t>(count), full.begin());
}

// At a line boundary the prefix must parse to exactly the first entries of the full parse (so
// its names are a subset of the full names, in order). Inside a line, the complete lines keep
// their entries and the cut line adds at most one entry, or one skipped line.
void check_prefixes(const std::string& raw, time_point now) {
  const ParsedListing full = parse_listing(raw, now);
  std::size_t at_boundary = 0;  // entries parsed from the complete lines so far
  for (std::size_t cut = 0; cut <= raw.size(); ++cut) {
    INFO("cut at byte " << cut);
    const ParsedListing part = parse_listing(std::string_view(raw).substr(0, cut), now);
    const std::size_t n = part.entries.size();
    REQUIRE(n <= full.entries.size());
    if (cut == 0 || raw[cut - 1] == '\n') {
      REQUIRE(part.skipped_lines == 0);
      REQUIRE(n >= at_boundary);
      REQUIRE(same_prefix(part.entries, full.entries, n));
      at_boundary = n;
      continue;
    }
    REQUIRE(n >= at_boundary);
    REQUIRE(part.skipped_lines + (n - at_boundary) <= 1);
    REQUIRE(same_prefix(part.entries, full.entries, at_boundary));
    if (n > at_boundary) check_cut_entry(part.entries.back(), full.entries[n - 1]);
  }
  CHECK(at_boundary == full.entries.size());
}

}  // namespace

TEST_CASE("every prefix truncation of a capture parses to a prefix of the full parse", "[ftp]") {
  const std::string server = GENERATE(from_range(servers));
  const Tree tree = load_tree(server);
  for (const Capture& capture : captures_of(server)) {
    INFO(server << " " << capture.file);
    check_prefixes(load_raw(server, capture.file), tree.captured);
  }
}

}  // namespace mfs::ftp::test
