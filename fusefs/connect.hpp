// Opening the modem session at start-up, with failures worded for the person at the terminal
// (the most common: ModemManager holding the port), and the session's counters at exit.
#pragma once

#include <memory>
#include <string>

#include "core/session/session.hpp"

namespace mfs::fusefs {

// Starts the session into `session`. "" or the message for the terminal.
std::string connect_modem(const session::SessionConfig& config,
                          std::unique_ptr<session::Session>& session);

// The message for a start-up failure (exposed for tests).
std::string describe_connect_error(const std::error_code& error,
                                   const session::SessionConfig& config);

// Logs the counters users pay for (commands, serial bytes, FTP sessions, reconnects) at info.
void log_session_stats(const session::SessionStats& stats);

// Logs the payload and serial bytes of this mount and of the budget period at info.
void log_data_usage(const session::SessionStatus& status);

}  // namespace mfs::fusefs
