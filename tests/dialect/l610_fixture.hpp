// The L610 driver over the real simulator: run_simulator on a thread serving a temporary root
// on a real pty, and SerialLink + AtEngine + L610 opened on it. One per test.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <thread>

#include "core/at/at_engine.hpp"
#include "core/dialect/l610.hpp"
#include "core/link/serial_link.hpp"
#include "sim/simulator.hpp"

namespace mfs::dialect::test {

class SimModem {
 public:
  explicit SimModem(std::set<sim::Quirk> quirks = {},
                    std::chrono::milliseconds unread_timeout = std::chrono::seconds(120));
  ~SimModem();
  SimModem(const SimModem&) = delete;
  SimModem& operator=(const SimModem&) = delete;

  // start_modem and open_session with the simulator's demo/demo, both REQUIREd to succeed.
  void start_and_open();

  const std::filesystem::path& root() const { return root_; }
  // The simulator's counters (JSON); e.g. count_of("FTPMKD") for AT+FTPMKD=... commands sent.
  std::uint64_t count_of(const std::string& command_key) const;
  std::uint64_t at_commands() const;

  link::SerialLink& serial() { return *link_; }
  at::AtEngine& engine() { return *engine_; }
  L610& modem() { return *modem_; }

  static FtpServer server(std::string password = "demo");

 private:
  // Stops the simulator thread and removes the temporary tree, also when the constructor fails.
  struct SimRun {
    std::filesystem::path base;
    std::atomic<bool> stop{false};
    std::thread thread;
    ~SimRun();
  };

  SimRun run_;
  std::filesystem::path root_;
  sim::SimConfig config_;
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

void write_file(const std::filesystem::path& path, std::string_view bytes);
std::string read_file(const std::filesystem::path& path);
// n bytes of a seeded pseudo-random sequence: every byte value, CR, LF, "OK" and ETX included.
std::string random_bytes(std::size_t n, unsigned seed);

// Downloads `path` from `offset` to its end through begin_download / read_download.
std::string download_all(Dialect& modem, std::string_view path, std::uint64_t offset = 0);

// The (name, size) pairs of a Unix LIST, "." and ".." left out.
std::set<std::pair<std::string, std::uint64_t>> names_and_sizes(std::string_view listing);

}  // namespace mfs::dialect::test
