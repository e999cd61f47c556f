// The session's defaults, written once: SessionConfig starts from them, and so do the mount
// options and the --help text that prints them.
#pragma once

#include <chrono>

namespace mfs::session {

inline constexpr std::chrono::seconds default_keepalive_interval{60};
inline constexpr std::chrono::seconds default_request_timeout{120};
inline constexpr int default_retries = 3;
inline constexpr std::chrono::milliseconds default_retry_backoff{500};
inline constexpr std::chrono::seconds default_radio_poll_interval{60};

}  // namespace mfs::session
