// SimHarness: temp dir + run_simulator on a thread; the constructor returns once the link exists.
#include "tests/sim/sim_harness.hpp"

#include <catch2/catch.hpp>

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <future>
#include <memory>
#include <random>
#include <sstream>

namespace mfs::sim::test {

namespace fs = std::filesystem;

SimHarness::SimHarness(const std::function<void(SimConfig&)>& tweak) {
  std::string tmpl = (fs::temp_directory_path() / "mfs-sim-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  base_ = tmpl;
  config_.root = base_ / "root";
  fs::create_directory(config_.root);
  config_.link_path = base_ / "tty";
  config_.stats_path = base_ / "stats.json";
  config_.quirks.clear();
  if (tweak) tweak(config_);
  // Shared, so a simulator that gets ready after we gave up still has a promise to fulfil.
  auto ready = std::make_shared<std::promise<void>>();
  auto ready_future = ready->get_future();
  thread_ = std::thread([this, ready] {
    run_simulator(config_, [ready] { ready->set_value(); }, [this] { return stop_.load(); });
  });
  if (ready_future.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
    stop();  // the destructor does not run for a constructor that throws
    throw std::runtime_error("simulator did not start");
  }
}

SimHarness::~SimHarness() { stop(); }

void SimHarness::stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  std::error_code ec;
  fs::remove_all(base_, ec);
}

std::string SimHarness::stats_json() const { return read_file(config_.stats_path); }

void write_file(const fs::path& path, std::string_view bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string pattern(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string out(n, '\0');
  for (auto& c : out) c = static_cast<char>(rng() & 0xff);
  return out;
}

void start_session(PtyClient& client) {
  REQUIRE(client.exchange("ATE0", "OK\r\n") == "ATE0\r\nOK\r\n");
  REQUIRE(client.exchange("AT+CMEE=1", "OK\r\n") == "OK\r\n");
  REQUIRE(client.exchange("AT+MIPCALL=1,\"internet\"", "+MIPCALL: 10.0.0.2\r\n") ==
          "OK\r\n+MIPCALL: 10.0.0.2\r\n");
  REQUIRE(client.exchange("AT+FTPOPEN=\"ftp.example\",\"demo\",\"demo\",\"\",0,21,0",
                          "+FTPOPEN: 1\r\n") == "OK\r\n+FTPOPEN: 1\r\n");
}

std::string escape(std::string_view data) {
  std::string out;
  for (char c : data) {
    if (c == 0x03 || c == 0x10) out += '\x10';
    out += c;
  }
  return out;
}

std::string recv_block(PtyClient& client, std::size_t n) {
  client.command("AT+FTPRECV=" + std::to_string(n));
  std::string header = client.read_until("\r\n");
  REQUIRE(header.starts_with("+FTPRECV: "));
  std::size_t m = 0;
  std::from_chars(header.data() + 10, header.data() + header.size() - 2, m);
  REQUIRE(m <= n);
  std::string data = client.read_exact(m);
  REQUIRE(client.read_exact(6) == "\r\nOK\r\n");
  return data;
}

}  // namespace mfs::sim::test
