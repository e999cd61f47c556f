// Errors of the session layer itself (session_errc): outcomes the session detects on top of
// what the dialect answered. Dialect, engine and link errors pass through unchanged.
#pragma once

#include <system_error>

namespace mfs::session {

enum class session_errc {
  upload_incomplete = 1,  // the listing after an upload shows another size than the source's
  short_download,         // a download ended before the size the listing announced
  not_registered,         // the module is registered on no network (CREG/CEREG): fail fast
  preempted,              // a bulk request gave the modem to an interactive one (JobQueue)
};

const std::error_category& session_category() noexcept;
std::error_code make_error_code(session_errc e) noexcept;

}  // namespace mfs::session

template <>
struct std::is_error_code_enum<mfs::session::session_errc> : std::true_type {};
