// What `modemftpfs status` shows of the modem session: a snapshot taken on any thread, and the
// StatusBoard the modem thread fills as it works (radio readings, the running transfer, the
// last error). The board is the only shared state; it never waits on the modem.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

#include "core/dialect/radio_query.hpp"
#include "core/session/data_counters.hpp"

namespace mfs::session {

struct TransferStatus {
  std::string path;
  bool upload = false;
  std::uint64_t done = 0;   // bytes of the file moved so far (its offset, for a download)
  std::uint64_t total = 0;  // the file's size; 0 when unknown
  double rate = 0;          // bytes per second since this transfer began here
  std::optional<std::chrono::seconds> eta;
};

struct SessionStatus {
  std::string family;  // the dialect's family(), a row of dialect/families.hpp
  std::string model;   // AT+CGMM's answer, "" before the first reading
  std::optional<dialect::RadioReading> radio;
  std::optional<std::chrono::system_clock::time_point> radio_read_at;
  bool link_down = false;    // the last request spent its retries on the link
  bool ftp_session_open = false;
  std::optional<TransferStatus> transfer;
  std::size_t queued = 0;    // requests waiting for the modem thread
  std::string last_error;    // "" when none yet
  std::chrono::system_clock::time_point last_error_at{};
  DataUsage usage_mount;     // since the mount
  DataUsage usage_period;    // since period_start
  std::string period_start;
  DataBudget budget;
  bool budget_spent = false;
};

class StatusBoard {
 public:
  using Clock = std::chrono::steady_clock;

  void set_identity(std::string family, std::string model);
  void set_radio(const dialect::RadioReading& reading);
  void set_link(bool down, bool ftp_session_open);
  // The transfer of `path` has reached `done` of `total` bytes. A new path, direction or a
  // position behind the last one starts a new transfer (and its rate).
  void transfer_progress(const std::string& path, bool upload, std::uint64_t done,
                         std::uint64_t total);
  void transfer_ended();
  void record_error(const std::string& message);

  // Everything but `queued`, which the session knows.
  SessionStatus snapshot() const;

 private:
  struct Running {
    TransferStatus status;
    Clock::time_point began;
    std::uint64_t began_at = 0;  // `done` when it began here
    Clock::time_point logged;    // the last progress line (every 10 s or 10 %)
    std::uint64_t logged_tenth = 0;
  };

  void update_locked(const std::string& path, bool upload, std::uint64_t done,
                     std::uint64_t total, Clock::time_point now);
  // The progress line due now for a long transfer, or "" (under mu_).
  std::string progress_line_locked(Clock::time_point now);

  mutable std::mutex mu_;  // guards everything below; held only to copy
  SessionStatus status_;
  std::optional<Running> running_;
};

}  // namespace mfs::session
