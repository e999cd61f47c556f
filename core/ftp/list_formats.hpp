// Internal to core/ftp: the one-line parsers parse_listing chooses between. Each returns nullopt
// for a line it does not recognise; neither throws nor reads outside the line.
#pragma once

#include <optional>
#include <string_view>

#include "core/ftp/list_entry.hpp"
#include "core/ftp/list_time.hpp"

namespace mfs::ftp::detail {

// `ls -l` shape: "-rw-r--r-- 1 owner group size Mon dd hh:mm|yyyy name[ -> target]".
std::optional<ListEntry> parse_unix_line(std::string_view line, time_point now);

// Windows/IIS shape: "MM-DD-YY  hh:mmAM  <DIR>|size name".
std::optional<ListEntry> parse_dos_line(std::string_view line);

}  // namespace mfs::ftp::detail
