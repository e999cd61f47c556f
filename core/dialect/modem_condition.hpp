// What a family's own result codes mean, as portable conditions: each family's error category
// names the condition of its codes (default_error_condition), so the layers above (the FUSE
// edge's errno table) compare against these and never name a family's category.
#pragma once

#include <system_error>

namespace mfs::dialect {

// Codes that mean a login or a refusal on a path do not leave a dialect raw: it turns them
// into ftp_errc (per operation), so they need no condition here.
enum class modem_condition {
  network_down = 1,  // no network, DNS, connect, timeout, server gone
  module_busy,       // the module would not run it now, or the transfer was stopped
  transfer_broken,   // the data connection broke mid-transfer
  protocol_failed,   // a step of the FTP exchange (reply, TYPE, REST, PASV, PORT) failed
};

const std::error_category& modem_condition_category() noexcept;
std::error_condition make_error_condition(modem_condition c) noexcept;

}  // namespace mfs::dialect

template <>
struct std::is_error_condition_enum<mfs::dialect::modem_condition> : std::true_type {};
