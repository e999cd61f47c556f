// Which failures are worth a reconnect and a retry, and the escalating recovery itself:
// reopen the device, re-sync the line, re-start the modem and bearer, log in again.
#pragma once

#include <chrono>
#include <system_error>

#include "core/at/at_engine.hpp"
#include "core/dialect/dialect.hpp"
#include "core/link/serial_link.hpp"
#include "core/util/result.hpp"

namespace mfs::session {

// True for failures of the link, the modem or the FTP session (timeouts, restarts, a vanished
// device, a lost bearer, a dropped session); false for answers about the remote tree
// (missing file, not empty, permission), for names the wire cannot carry, and for a link
// cancelled at shutdown.
bool is_transient(const std::error_code& ec, const dialect::Dialect& dialect);

struct ModemParts {
  link::SerialLink& link;
  at::AtEngine& engine;
  dialect::Dialect& dialect;
  const dialect::BearerConfig& bearer;
  const dialect::FtpServer& server;
};

// Brings the modem back to "logged in and idle" after `cause`, or returns why it could not.
result<void> recover(ModemParts parts, const std::error_code& cause,
                     std::chrono::steady_clock::time_point deadline);

}  // namespace mfs::session
