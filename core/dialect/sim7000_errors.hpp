// The SIM7000's FTP error codes: the second field of a result URC ("+FTPGET: 1,64"), 61-80 per
// PROTOCOL.md section 3 and the seed's examples (5.3 timeout 64, 5.4 password 72, 5.5 operation
// 66, 5.16 manual quit 80). Each code has its text (ftp_result_category(), value = the code) and
// what it means for the driver: an answer about the remote tree, or a failure worth a retry.
#pragma once

#include <optional>
#include <string_view>
#include <system_error>

#include "core/ftp/reply_errno.hpp"

namespace mfs::dialect::sim7000 {

enum class FtpErrorKind {
  network,     // 61-65: no network, DNS, connect, timeout, server gone; retry after recovery
  state,       // 66, 80: the module was busy or the transfer was stopped; retry after a QUIT
  transfer,    // 78, 79: the data connection broke mid-transfer; retry
  login,       // 71, 72: the server refused the user or password
  refused,     // 77: the server refused the command on this path (its 550, per operation)
  protocol,    // 70, 73-76: reply, TYPE, REST, PASV or PORT failed: retrying will not help
};

struct FtpErrorEntry {
  int code;
  std::string_view text;
  FtpErrorKind kind;
};

std::optional<FtpErrorEntry> find_ftp_error(int code);

// The category of the module's result codes: {64, ftp_result_category()} reads "FTP timeout"
// and is equivalent to modem_condition::network_down.
const std::error_category& ftp_result_category() noexcept;

// The error for result code `code` of operation `op`. Codes with a meaning for the remote tree
// become ftp_errc (71/72: permission_denied; 77: what a 550 means for `op`, e.g. not_empty on
// rmdir); the rest stay {code, ftp_result_category()} so messages name the module's code.
std::error_code ftp_failure(int code, ftp::FtpOp op);

// True for the codes of kind network, state and transfer, and for codes the table lacks (an
// unknown failure of the module is not a fact about the remote tree).
bool is_transient_result(const std::error_code& ec);

// ERROR or +CME ERROR: the module refused the command without running it.
bool is_refusal(const std::error_code& ec);

}  // namespace mfs::dialect::sim7000
