// The L610 driver over the real simulator: a SimHarness (run_simulator on a thread serving a
// temporary root on a real pty), and SerialLink + AtEngine + L610 opened on it. One per test.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/at/at_engine.hpp"
#include "core/dialect/l610.hpp"
#include "core/link/serial_link.hpp"
#include "sim/simulator.hpp"
#include "tests/sim/sim_harness.hpp"

namespace mfs::dialect::test {

class SimModem {
 public:
  explicit SimModem(std::set<sim::Quirk> quirks = {},
                    std::chrono::milliseconds unread_timeout = std::chrono::seconds(120));

  // start_modem and open_session with the simulator's demo/demo, both REQUIREd to succeed.
  void start_and_open();

  const std::filesystem::path& root() const { return sim_.root(); }
  // The simulator's counters (JSON); e.g. count_of("FTPMKD") for AT+FTPMKD=... commands sent.
  std::uint64_t count_of(const std::string& command_key) const;
  std::uint64_t at_commands() const;

  link::SerialLink& serial() { return *link_; }
  at::AtEngine& engine() { return *engine_; }
  L610& modem() { return *modem_; }

  static FtpServer server(std::string password = "demo");

 private:
  // Declared first: the driver is gone before the simulator stops.
  sim::test::SimHarness sim_;
  std::unique_ptr<link::SerialLink> link_;
  std::unique_ptr<at::AtEngine> engine_;
  std::unique_ptr<L610> modem_;
};

// An upload source over bytes held in memory.
class MemorySource : public UploadSource {
 public:
  explicit MemorySource(std::string bytes) : bytes_(std::move(bytes)) {}
  std::uint64_t size() const override { return bytes_.size(); }
  result<std::size_t> read_at(std::uint64_t offset, std::span<char> out) override;

 private:
  std::string bytes_;
};

using sim::test::read_file;
using sim::test::write_file;
// sim::test::pattern(n, seed) with the bytes that look like the wire framing ("\r\nOK\r\n",
// "+FTPRECV: 1", ETX, DLE) set into its middle: every byte value, CR, LF, "OK" and ETX included.
std::string random_bytes(std::size_t n, unsigned seed);

// Downloads `path` from `offset` to its end through begin_download (begin_stream_download when
// `as_stream`) and read_download.
std::string download_all(Dialect& modem, std::string_view path, std::uint64_t offset = 0,
                         bool as_stream = false);

// Every byte value, and runs of the streams' two special bytes (ETX, DLE) in every arrangement.
std::string nasty_bytes();

// (name, bytes) of the uploads a stream's escaping must carry exactly: empty, a lone ETX, a
// lone DLE, nasty_bytes(), and 70000 random bytes (from `seed`) followed by them.
std::vector<std::pair<std::string, std::string>> escaping_edges(unsigned seed);

// The (name, size) pairs of a Unix LIST, "." and ".." left out.
std::set<std::pair<std::string, std::uint64_t>> names_and_sizes(std::string_view listing);

}  // namespace mfs::dialect::test
