// Serial transport on Boost.Asio serial_port, used synchronously with deadlines by the one
// modem thread (Asio's "blocking client with run_for" idiom): no call waits without a deadline.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/util/result.hpp"

namespace mfs::link {

using Deadline = std::chrono::steady_clock::time_point;

inline constexpr unsigned default_baud = 115200;

struct SerialConfig {
  std::string device;          // /dev/ttyUSB2, or a pty slave (or a symlink to one)
  unsigned baud = default_baud;
  bool rtscts = false;         // hardware flow control
};

struct LinkCounters {
  std::uint64_t bytes_written = 0;
  std::uint64_t bytes_read = 0;
  std::uint64_t reads = 0;  // read_some calls that returned bytes: the daemon's wakeups for input
  std::uint64_t reopens = 0;
};

class SerialLink {
 public:
  explicit SerialLink(SerialConfig config);
  ~SerialLink();
  SerialLink(const SerialLink&) = delete;
  SerialLink& operator=(const SerialLink&) = delete;

  // Opens the device 8N1 raw at the configured baud and takes it exclusively (TIOCEXCL).
  // device_busy if a port prober (ModemManager) or another modemftpfs has it open, or the
  // exclusive open refuses it; any other holder (socat's end of a pty) is only logged.
  result<void> open();
  void close();
  bool is_open() const;

  // Reads at least one byte, at most buf.size(), before the deadline.
  // link_errc::timeout when nothing arrived; device_gone when the device vanished.
  result<std::size_t> read_some(std::span<char> buf, Deadline deadline);

  // Writes every byte before the deadline.
  result<void> write_all(std::string_view bytes, Deadline deadline);

  // The deadline of the request the modem thread serves: every wait ends by it, whatever its
  // own deadline, and fails with request_deadline when cut short by it (or started after it).
  // nullopt between requests. Modem thread only, like the waits.
  void set_ceiling(std::optional<Deadline> ceiling) { ceiling_ = ceiling; }

  // Thread-safe, for shutdown: the wait in progress and every later one, and open(), fail at
  // once with link_errc::cancelled. There is no way back.
  void cancel();
  bool cancelled() const;

  // Drops whatever the OS has buffered in either direction (after a timeout the line is dirty).
  void discard_pending();

  const LinkCounters& counters() const { return counters_; }
  const SerialConfig& config() const { return config_; }

 private:
  std::error_code failed(const std::error_code& ec);
  // Why a wait must not start (not open, cancelled, past the ceiling); empty if it may.
  std::error_code refusal() const;
  Deadline bounded(Deadline deadline) const;
  // A wait that ran until `until` without completing: which deadline ended it.
  std::error_code aborted(Deadline until, Deadline own) const;

  struct Impl;
  std::unique_ptr<Impl> impl_;
  SerialConfig config_;
  LinkCounters counters_;
  std::optional<Deadline> ceiling_;
};

}  // namespace mfs::link
