#include "core/dialect/parent_listing.hpp"

#include <chrono>
#include <string>

#include "core/ftp/list_parser.hpp"

namespace mfs::dialect {

result<std::optional<ftp::ListEntry>> entry_in_parent(Dialect& dialect, std::string_view path) {
  const auto slash = path.find_last_of('/');
  const std::string parent =
      slash == std::string_view::npos || slash == 0 ? "/" : std::string(path.substr(0, slash));
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  MFS_TRY(raw, dialect.list(parent));
  const auto parsed = ftp::parse_listing(raw, std::chrono::system_clock::now());
  const ftp::ListEntry* entry = ftp::find_entry(parsed, name);
  if (!entry) return std::optional<ftp::ListEntry>();
  return std::optional<ftp::ListEntry>(*entry);
}

}  // namespace mfs::dialect
