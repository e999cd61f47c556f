// A path's entry as its parent directory's listing shows it: one listing, never a LIST on the
// path itself (which the SIM7000 takes for a directory only, seed 5.11).
#pragma once

#include <optional>
#include <string_view>

#include "core/dialect/dialect.hpp"
#include "core/ftp/list_entry.hpp"

namespace mfs::dialect {

// The entry of `path` in the listing of its parent; nullopt when the listing lacks it.
result<std::optional<ftp::ListEntry>> entry_in_parent(Dialect& dialect, std::string_view path);

}  // namespace mfs::dialect
