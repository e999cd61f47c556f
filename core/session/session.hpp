// The one modem session. A single modem thread owns the serial port, the AT engine and the
// dialect; other threads submit typed requests and wait with a deadline (DESIGN.md).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/dialect/dialect.hpp"
#include "core/dialect/families.hpp"
#include "core/ftp/list_entry.hpp"
#include "core/link/serial_link.hpp"
#include "core/session/data_counters.hpp"
#include "core/session/session_defaults.hpp"
#include "core/session/session_status.hpp"
#include "core/util/result.hpp"

namespace mfs::session {

// How files move (-o transfer=): streams (FTPRETR/FTPSTOR, no round trip per chunk) for long
// sequential transfers and chunks (FTPGET/FTPRECV, FTPPUT) for the rest, or one of them always.
enum class TransferPath { automatic, stream, chunked };

struct SessionConfig {
  link::SerialConfig serial;
  dialect::BearerConfig bearer;
  dialect::FtpServer server;
  // A family's name (dialect/families.hpp), or "auto": the module's ATI and AT+CGMM decide.
  std::string modem{dialect::automatic_family};
  // FTPNOOP on an idle session; 0: never.
  std::chrono::seconds keepalive_interval = default_keepalive_interval;
  // A request fails once it moved no byte for this long; transfers that keep moving bytes go
  // on up to this plus 1 s per KB asked (the overall bound).
  std::chrono::seconds request_timeout = default_request_timeout;
  int retries = default_retries;  // reconnect-and-retry per request
  // Before the first retry; doubled after every failed try.
  std::chrono::milliseconds retry_backoff = default_retry_backoff;
  TransferPath transfer = TransferPath::automatic;
  // Signal and registration (AT+CSQ, AT+CREG?, AT+CEREG?) are read this often while idle; 0: only
  // at start-up.
  std::chrono::seconds radio_poll_interval = default_radio_poll_interval;
  std::filesystem::path usage_file;  // the budget period's usage (DataCounters); "": not kept
  DataBudget data_budget;
};

struct SessionStats {
  std::uint64_t requests = 0;
  std::uint64_t at_commands = 0;
  std::uint64_t serial_bytes_out = 0;
  std::uint64_t serial_bytes_in = 0;
  std::uint64_t ftp_sessions_opened = 0;
  std::uint64_t downloads_started = 0;
  std::uint64_t uploads = 0;
  std::uint64_t reconnects = 0;
};

// Bytes that a download stream delivered beyond what the caller asked for (readahead, or a
// stream drained to completion before another request): the block cache takes them.
using SpillHandler =
    std::function<void(const std::string& path, std::uint64_t offset, const std::string& bytes)>;

class Session {
 public:
  // Opens the port, starts the modem and logs in; errors reach the caller (and the terminal).
  static result<std::unique_ptr<Session>> start(SessionConfig config);
  virtual ~Session() = default;

  virtual result<std::vector<ftp::ListEntry>> list(const std::string& dir_path) = 0;

  // Bytes [offset, offset+length) of `path` (fewer only at end of file). Consecutive reads of
  // the same file continue one download stream. `file_size`, when known, lets the scheduler
  // avoid a wasted round trip at the end of the file.
  virtual result<std::string> read(const std::string& path, std::uint64_t offset,
                                   std::size_t length, std::uint64_t file_size) = 0;

  virtual result<void> upload(const std::string& path,
                              std::shared_ptr<dialect::UploadSource> source) = 0;
  // Sends `source` from byte `from` on to the end of `path`, which holds its first `from`
  // bytes (the dialect's resume_upload): the file grows in place.
  // Retried from the size the server lists; done when it lists the whole source. On failure
  // the file may hold part of the new bytes: the caller then sends the whole file.
  virtual result<void> append(const std::string& path,
                              std::shared_ptr<dialect::UploadSource> source, std::uint64_t from) = 0;
  virtual result<void> make_directory(const std::string& path) = 0;
  virtual result<void> remove_directory(const std::string& path) = 0;
  virtual result<void> remove_file(const std::string& path) = 0;
  virtual result<void> rename(const std::string& from, const std::string& to) = 0;

  virtual void set_spill_handler(SpillHandler handler) = 0;
  virtual SessionStats stats() const = 0;
  // What the modem does now, for `modemftpfs status`. Thread-safe; never waits on the modem.
  virtual SessionStatus status() const { return {}; }
  // Closes the FTP session and runs the whole recovery (bearer, login) as a queued request.
  virtual result<void> reconnect_now() { return std::make_error_code(std::errc::not_supported); }
  // -o data_budget= is spent: every request fails with EDQUOT until the next period.
  virtual bool budget_spent() const { return false; }

  // The mount is ending: what runs gets a moment to finish (and the FTP session is closed),
  // then every wait on the modem is cut; requests fail at once from then on. Returns once the
  // modem is released. Thread-safe, idempotent.
  virtual void shutdown() {}
};

// Requests the calling thread sends while a FollowUp lives end by the deadline of the request
// it sent just before: steps that belong to one operation (an upload's rename over its target,
// the removal of its hidden name after a failure) get no time of their own.
class FollowUp {
 public:
  using Clock = std::chrono::steady_clock;

  FollowUp();
  ~FollowUp();
  FollowUp(const FollowUp&) = delete;
  FollowUp& operator=(const FollowUp&) = delete;

  // For Session implementations: the deadline a new request of this thread must keep, if any,
  // and the deadline a request of this thread had when it ended.
  static std::optional<Clock::time_point> cap();
  static void record(Clock::time_point deadline);

 private:
  std::optional<Clock::time_point> outer_;
};

}  // namespace mfs::session
