// What the AT wire can carry in a quoted string parameter (PROTOCOL.md sections 1 and 3):
// no '"', no C0 control byte (0x00-0x1F) and no DEL, and at most 255 octets. Checked before
// anything is sent.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/util/result.hpp"

namespace mfs::ftp {

// The L610 manual's limit for paths, user names and passwords (1.2.1, 1.2.4 ...).
inline constexpr std::size_t max_wire_path_octets = 255;

// Refuses any text the wire cannot carry in a quoted parameter (names, paths, and also hosts,
// users, passwords); the empty text passes.
result<void> check_wire_text(std::string_view text);

// Refuses a single path component: empty, over 255 octets, or holding '"', a C0 byte or DEL.
result<void> check_name(std::string_view name);

// Refuses a whole remote path ("/a/b c/d") the same way; each component is checked too.
result<void> check_path(std::string_view path);

}  // namespace mfs::ftp
