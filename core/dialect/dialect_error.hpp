// Errors of the dialect layer itself (dialect_errc): states the modem reported that are neither
// an AT-engine failure nor an FTP server reply. Engine and FTP errors pass through unchanged.
#pragma once

#include <system_error>

namespace mfs::dialect {

enum class dialect_errc {
  unknown_family = 1,   // make_dialect was asked for a modem family we do not drive
  sim_not_ready,        // +CPIN is not READY (PIN/PUK needed, no SIM): a person must act
  bearer_failed,        // the PDP context (AT+MIPCALL) would not come up
  session_not_open,     // an FTP operation with no session and no server to reopen it with
  no_download,          // read_download without an active download
  session_dropped,      // +FTPCLOSE mid-transfer: the server or the network dropped the session
  unknown_module,       // modem=auto: ATI and AT+CGMM name no family we drive
  no_secure_mode,       // -o secure on a family whose FTP client has no encrypted mode
};

const std::error_category& dialect_category() noexcept;
std::error_code make_error_code(dialect_errc e) noexcept;

}  // namespace mfs::dialect

template <>
struct std::is_error_code_enum<mfs::dialect::dialect_errc> : std::true_type {};
