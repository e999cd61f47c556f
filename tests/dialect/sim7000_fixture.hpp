// The SIM7000 driver over the real simulator (`--dialect sim7000`): a SimHarness serving a
// temporary root on a real pty, and SerialLink + AtEngine + Sim7000 opened on it. One per test.
// The family-neutral helpers (MemorySource, random_bytes, download_all, names_and_sizes) are
// l610_fixture's.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "core/at/at_engine.hpp"
#include "core/dialect/sim7000.hpp"
#include "core/link/serial_link.hpp"
#include "sim/simulator.hpp"
#include "tests/dialect/l610_fixture.hpp"
#include "tests/sim/sim_harness.hpp"

namespace mfs::dialect::test {

class Sim7000Modem {
 public:
  // `tweak` adjusts the simulator's configuration (quirks, credentials) before it starts.
  explicit Sim7000Modem(const std::function<void(sim::SimConfig&)>& tweak = {});

  // start_modem and open_session with the simulator's demo/demo, both REQUIREd to succeed.
  void start_and_open();

  const std::filesystem::path& root() const { return sim_.root(); }
  // The simulator's counters: count_of("FTPGET") counts AT+FTPGET=1 and AT+FTPGET=2,n alike;
  // logins() the FTP sessions the module opened (one per action).
  std::uint64_t count_of(const std::string& command_key) const;
  std::uint64_t at_commands() const { return count_of("at_commands"); }
  std::uint64_t logins() const { return count_of("ftp_sessions"); }

  at::AtEngine& engine() { return *engine_; }
  Sim7000& modem() { return *modem_; }

 private:
  sim::test::SimHarness sim_;  // declared first: the driver is gone before the simulator stops
  std::unique_ptr<link::SerialLink> link_;
  std::unique_ptr<at::AtEngine> engine_;
  std::unique_ptr<Sim7000> modem_;
};

}  // namespace mfs::dialect::test
