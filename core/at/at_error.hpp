// Errors of the AT engine (at_errc) and the modem's own numeric errors: +CME ERROR: <n>
// and +CMS ERROR: <n> (the category's value is the modem's number, as in ModemManager).
#pragma once

#include <system_error>

namespace mfs::at {

enum class at_errc {
  timeout = 1,        // no final result before the command's deadline: the line is now dirty
  error,              // plain "ERROR" final result
  line_overflow,      // a line longer than the framer accepts without a terminator
  unexpected_reply,   // a reply the dialect could not parse
  modem_restarted,    // a banner (RDY, ...) arrived: all modem state is gone
  oversized_block,    // a block header announced more bytes than the command asked for
  reply_too_large,    // the modem sent more than a reply or a listing may hold
};

const std::error_category& at_category() noexcept;
std::error_code make_error_code(at_errc e) noexcept;

const std::error_category& cme_category() noexcept;  // +CME ERROR: 2031 -> {2031, cme_category()}
const std::error_category& cms_category() noexcept;

}  // namespace mfs::at

template <>
struct std::is_error_code_enum<mfs::at::at_errc> : std::true_type {};
