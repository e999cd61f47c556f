// What the AT wire can carry in a quoted string parameter (PROTOCOL.md section 1):
// no '"', CR, LF or NUL, and at most 255 octets. Checked before anything is sent.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/util/result.hpp"

namespace mfs::ftp {

inline constexpr std::size_t max_wire_path_octets = 255;

// Refuses a single path component: empty, over 255 octets, or holding '"', CR, LF, NUL.
result<void> check_name(std::string_view name);

// Refuses a whole remote path ("/a/b c/d") the same way; each component is checked too.
result<void> check_path(std::string_view path);

}  // namespace mfs::ftp
