// LIST parsers: Unix style (vsftpd, proftpd, pure-ftpd, pyftpdlib) and DOS/IIS style.
// Pure functions, no I/O. Unparseable lines are skipped and counted, never fatal.
#pragma once

#include <chrono>
#include <string_view>
#include <vector>

#include "core/ftp/list_entry.hpp"

namespace mfs::ftp {

struct ParsedListing {
  std::vector<ListEntry> entries;  // "." and ".." are dropped
  std::size_t skipped_lines = 0;   // lines neither format understood ("total N" is not counted)
};

// Parses raw LIST bytes (CRLF or LF lines), choosing the format line by line.
// `now` decides the year of "Mon dd hh:mm" entries the way ls does: the most recent
// such date not more than ~6 months in the future.
ParsedListing parse_listing(std::string_view raw, std::chrono::system_clock::time_point now);

// The entry called exactly `name` in a directory's listing, or nullptr.
const ListEntry* find_entry(const ParsedListing& listing, std::string_view name);

}  // namespace mfs::ftp
