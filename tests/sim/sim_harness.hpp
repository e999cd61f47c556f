// Runs the simulator in-process on a thread, over a fresh temporary root, for one test.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>

#include "sim/simulator.hpp"
#include "tests/sim/pty_client.hpp"

namespace mfs::sim::test {

class SimHarness {
 public:
  // `tweak` adjusts the configuration (quirks, credentials, timeouts) before the start.
  explicit SimHarness(const std::function<void(SimConfig&)>& tweak = {});
  ~SimHarness();
  SimHarness(const SimHarness&) = delete;
  SimHarness& operator=(const SimHarness&) = delete;

  const std::filesystem::path& root() const { return config_.root; }
  const std::filesystem::path& link() const { return config_.link_path; }
  const std::filesystem::path& base() const { return base_; }  // holds root, link, stats
  std::string stats_json() const;

 private:
  void stop();  // joins the simulator thread and removes the temporary tree

  std::filesystem::path base_;
  SimConfig config_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// Writes `bytes` to `path` (parents created).
void write_file(const std::filesystem::path& path, std::string_view bytes);
std::string read_file(const std::filesystem::path& path);
// Bytes 0..n-1 of a fixed pseudo-random sequence, so transfers compare against known data.
std::string pattern(std::size_t n, unsigned seed = 7);

// Start-up as the driver does it (ATE0, CMEE, bearer) and FTPOPEN with demo/demo, checking
// every reply byte-exactly.
void start_session(PtyClient& client);

// The escaped form of `data` for FTPSTOR/FTPRETR: 0x10 before every 0x03 and 0x10.
std::string escape(std::string_view data);

// One "AT+FTPRECV=<n>" exchange ("+FTPRECV: m\r\n<m bytes>\r\nOK\r\n"); returns the m bytes.
std::string recv_block(PtyClient& client, std::size_t n);

}  // namespace mfs::sim::test
