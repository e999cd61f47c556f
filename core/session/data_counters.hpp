// What the mount costs on the cellular link: payload bytes each way (file data, listings) and
// the serial bytes behind them, since the mount and per budget period (a calendar month from
// -o data_budget_day=), the period kept in a small JSON file in cache_dir so it survives
// restarts; and the -o data_budget= check: a warning at 80 %, then "spent".
//
// Payload is what the FTP data connections carry for us, as the module reports it; the FTP
// control lines, TCP/IP and the carrier's own overhead come on top and are not counted.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>

namespace mfs::session {

struct DataUsage {
  std::uint64_t payload_down = 0;  // file data and listings received
  std::uint64_t payload_up = 0;    // file data sent
  std::uint64_t serial_out = 0;    // bytes to the modem
  std::uint64_t serial_in = 0;     // bytes from the modem
  std::uint64_t payload() const { return payload_down + payload_up; }
};

struct DataBudget {
  std::uint64_t bytes = 0;  // payload per period; 0: no budget
  int start_day = 1;        // the day of the month a period starts (1-28)
};

class DataCounters {
 public:
  using SystemClock = std::chrono::system_clock;

  // `file` keeps the current period's usage ("" keeps nothing); read now if it is there and
  // still of the current period.
  DataCounters(std::filesystem::path file, DataBudget budget);

  // Thread-safe. Serial counters are the link's totals since the mount: only their growth is
  // added to the period.
  void add_payload(bool upload, std::uint64_t bytes);
  void set_serial(std::uint64_t out, std::uint64_t in);

  DataUsage since_mount() const;
  DataUsage period() const;
  std::string period_start() const;  // "2026-12-01"
  const DataBudget& budget() const { return budget_; }
  bool budget_spent() const;

  // Writes the period's usage (tmp + rename); false when it could not. Thread-safe.
  bool save() const;

  // The first day of the period that holds `now` (local time), as "YYYY-MM-DD".
  static std::string period_containing(SystemClock::time_point now, int start_day);

 private:
  void roll_over_locked();
  void check_budget_locked();

  const std::filesystem::path file_;
  const DataBudget budget_;
  mutable std::mutex mu_;  // guards everything below
  DataUsage mount_;
  DataUsage period_;
  std::string period_start_;
  bool warned_ = false;  // the 80 % warning is given once a period
  bool spent_ = false;
};

}  // namespace mfs::session
