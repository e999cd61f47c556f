// The SIM7000 host steps shared by the sim7000_*_test files.
#include "tests/sim/sim7000_host.hpp"

#include <catch2/catch.hpp>

#include <charconv>

namespace mfs::sim::test {

SimConfig& as_sim7000(SimConfig& config) {
  config.dialect = "sim7000";
  config.user = "sim.cs1";
  config.password = "*****";
  return config;
}

void start_sim7000(PtyClient& host) {
  REQUIRE(host.exchange("ATE0", "OK\r\n") == "ATE0\r\nOK\r\n");
  REQUIRE(host.exchange("AT+CNACT=1", "+APP PDP: ACTIVE\r\n") == "OK\r\n+APP PDP: ACTIVE\r\n");
}

void set(PtyClient& host, std::string_view name, std::string_view value) {
  REQUIRE(host.exchange("AT+" + std::string(name) + "=" + std::string(value), "\r\n") == "OK\r\n");
}

void set_login(PtyClient& host) {
  set(host, "FTPCID", "1");
  set(host, "FTPSERV", "\"116.228.221.52\"");
  set(host, "FTPUN", "\"sim.cs1\"");
  set(host, "FTPPW", "\"*****\"");
}

void set_get_file(PtyClient& host, std::string_view path, std::string_view name) {
  set(host, "FTPGETNAME", "\"" + std::string(name) + "\"");
  set(host, "FTPGETPATH", "\"" + std::string(path) + "\"");
}

void set_put_file(PtyClient& host, std::string_view path, std::string_view name) {
  set(host, "FTPPUTNAME", "\"" + std::string(name) + "\"");
  set(host, "FTPPUTPATH", "\"" + std::string(path) + "\"");
}

std::string read_block(PtyClient& host, std::string_view cmd, std::size_t n) {
  const std::string header = "+" + std::string(cmd) + ": 2,";
  host.command("AT+" + std::string(cmd) + "=2," + std::to_string(n));
  std::string line = host.read_until("\r\n");
  REQUIRE(line.starts_with(header));
  std::size_t m = 0;
  auto [end, ec] = std::from_chars(line.data() + header.size(), line.data() + line.size() - 2, m);
  REQUIRE((ec == std::errc() && end == line.data() + line.size() - 2));
  REQUIRE(m <= n);
  std::string data = host.read_exact(m);
  REQUIRE(host.read_exact(6) == "\r\nOK\r\n");
  return data;
}

std::string read_to_end(PtyClient& host, std::string_view cmd, std::size_t n, std::size_t total) {
  std::string data;
  while (data.size() < total) {
    std::string block = read_block(host, cmd, n);
    REQUIRE(!block.empty());
    data += block;
  }
  const std::string done = "+" + std::string(cmd) + ": 1,0\r\n";
  CHECK(host.read_until(done) == done);
  return data;
}

}  // namespace mfs::sim::test
