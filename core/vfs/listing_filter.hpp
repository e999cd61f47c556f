// ListingFilter: turns a session's listing into the entries a directory shows (ftp::usable_entries)
// and logs each refused name at warning once, not at every refresh of its directory.
#pragma once

#include <mutex>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/ftp/list_entry.hpp"

namespace mfs::vfs {

// Lock order: ListingFilter::mu_ is a leaf.
class ListingFilter {
 public:
  std::vector<ftp::ListEntry> apply(const std::string& dir, std::vector<ftp::ListEntry> entries);

 private:
  bool first_warning(const std::string& key);

  // Bounds what a hostile server can make us remember; past it, names may be warned again.
  static constexpr std::size_t max_remembered = 4096;
  std::mutex mu_;
  std::unordered_set<std::string> warned_;  // guarded by mu_: "<dir>\0<name>"
};

}  // namespace mfs::vfs
