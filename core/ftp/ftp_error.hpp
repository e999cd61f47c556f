// Errors of the FTP layer: our own wire refusals and semantic outcomes (ftp_errc),
// and the server's numeric reply codes (ftp_reply_category: the value is the code, e.g. 550).
#pragma once

#include <system_error>

namespace mfs::ftp {

enum class ftp_errc {
  name_has_quote = 1,      // '"' cannot be carried inside a quoted AT string parameter
  name_has_control_char,   // a C0 control byte (CR, LF, NUL, backspace, XON...) or DEL
  name_too_long,           // over 255 octets (L610 limit for names and paths)
  name_empty,
  not_found,               // the server says the path does not exist
  not_empty,               // rmdir of a non-empty directory
  already_exists,          // mkdir of an existing entry
  permission_denied,       // 530, 550 on an existing entry, 553
  no_space,                // 552
  operation_failed,        // the modem reported failure without a usable reply code
};

const std::error_category& ftp_category() noexcept;
std::error_code make_error_code(ftp_errc e) noexcept;

// Numeric FTP server reply codes, e.g. std::error_code(550, ftp_reply_category()).
const std::error_category& ftp_reply_category() noexcept;

}  // namespace mfs::ftp

template <>
struct std::is_error_code_enum<mfs::ftp::ftp_errc> : std::true_type {};
