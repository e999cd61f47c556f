// Test support: loads the captured LIST bytes and the recorded true trees from
// tests/fixtures/ftp-listings (see that folder's README.md for their provenance).
#pragma once

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "core/ftp/list_entry.hpp"

namespace mfs::ftp {

// Lets Catch print whole entries when a comparison fails.
std::ostream& operator<<(std::ostream& os, const ListEntry& entry);

}  // namespace mfs::ftp

namespace mfs::ftp::test {

using time_point = std::chrono::system_clock::time_point;

// One row of <server>/tree.tsv.
struct TreeRow {
  std::string path;  // relative to the served root, e.g. "sub/deeper/leaf.txt"
  EntryType type = EntryType::file;
  std::uint64_t size = 0;
  std::int64_t mtime_epoch = 0;
  mode_t mode = 0;
  std::string link_target;
};

struct Tree {
  std::vector<TreeRow> rows;
  time_point captured;  // the capture time: `now` for year inference
};

Tree load_tree(const std::string& server);
std::string load_raw(const std::string& server, const std::string& capture);

// UTC time point from calendar fields, for writing expectations by hand.
time_point utc(int year, unsigned month, unsigned day, unsigned hour = 0, unsigned minute = 0,
               unsigned second = 0);

}  // namespace mfs::ftp::test
