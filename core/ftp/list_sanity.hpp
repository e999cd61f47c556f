// Which parsed LIST entries a directory can show: anyone who can create a file on the server
// controls the bytes of a listing, and one name the kernel refuses (a '/', a NUL, over NAME_MAX)
// would fail readdir of the whole directory. Pure functions, no I/O.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/ftp/list_entry.hpp"

namespace mfs::ftp {

// The kernel's limit for one directory entry's name (NAME_MAX), in octets.
inline constexpr std::size_t max_entry_name_octets = 255;

struct RefusedEntry {
  std::string name;
  std::string_view reason;  // static text: "contains '/'", "listed twice", ...
};

struct UsableListing {
  std::vector<ListEntry> entries;
  std::vector<RefusedEntry> refused;
};

// Why `entry` cannot be a directory entry at all, or "" when it can: a name that is empty,
// "." or "..", holds '/' or NUL, or is over NAME_MAX octets; a size of 2^63 or more (st_size is
// signed: no read of such a file could be served correctly, so the entry is not shown).
std::string_view entry_fault(const ListEntry& entry);

// The entries a directory shows, in listing order: "." and ".." dropped, faulty ones refused
// (with their reason), a name listed twice shown once (the first line wins: servers list each
// name once, so a repeat is the odd one), and setuid, setgid and sticky bits cleared (they
// would be taken for the mount's own).
UsableListing usable_entries(std::vector<ListEntry> entries);

}  // namespace mfs::ftp
