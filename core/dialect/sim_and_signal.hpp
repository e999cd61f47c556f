// The 3GPP TS 27.007 checks every modem family runs at start-up: a ready SIM (AT+CPIN?) and
// the signal quality, for the log only (AT+CSQ).
#pragma once

#include <chrono>

#include "core/at/at_engine.hpp"
#include "core/util/result.hpp"

namespace spdlog {
class logger;
}

namespace mfs::dialect {

// dialect_errc::sim_not_ready unless +CPIN: READY; engine errors pass through.
result<void> check_sim_and_signal(at::AtEngine& engine, spdlog::logger& log,
                                  std::chrono::milliseconds cpin_timeout,
                                  std::chrono::milliseconds csq_timeout);

}  // namespace mfs::dialect
