// The SIM7000 simulator under the link model (sim/link_model.hpp): each action's result comes
// after its login's round trips, and an FTPPUT chunk must cross the network before the module
// takes the next. Only lower bounds on time are asserted; the upper ones are the deadlines.
#include <catch2/catch.hpp>

#include <chrono>

#include "tests/sim/sim7000_host.hpp"

using namespace mfs::sim::test;
using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;

TEST_CASE("sim7000 with a 100 ms round trip: results come 4 round trips after the OK, and a "
          "read before the ready URC is ERROR",
          "[sim][sim7000]") {
  SimHarness sim([](mfs::sim::SimConfig& c) { as_sim7000(c).link.rtt = 100ms; });
  write_file(sim.root() / "1K.txt", "0123456789");
  PtyClient host(sim.link());
  start_sim7000(host);
  set_login(host);
  set(host, "FTPGETNAME", "\"1K.txt\"");
  auto start = clock_type::now();
  CHECK(host.exchange("AT+FTPSIZE", "OK\r\n") == "OK\r\n");
  CHECK(host.exchange("AT+FTPSTATE", "OK\r\n") == "+FTPSTATE: 1\r\nOK\r\n");
  CHECK(host.read_until("+FTPSIZE: 1,0,10\r\n") == "+FTPSIZE: 1,0,10\r\n");
  CHECK(clock_type::now() - start >= 400ms);
  CHECK(host.exchange("AT+FTPGET=1", "OK\r\n") == "OK\r\n");
  CHECK(host.exchange("AT+FTPGET=2,100", "\r\n") == "ERROR\r\n");  // seed 5.6
  CHECK(host.read_until("+FTPGET: 1,1\r\n") == "+FTPGET: 1,1\r\n");
  host.command("AT+FTPGET=2,100");
  CHECK(host.read_until("+FTPGET: 1,0\r\n") == "+FTPGET: 2,10\r\n0123456789\r\nOK\r\n+FTPGET: 1,0\r\n");
}

TEST_CASE("sim7000 at 2720 bytes/s: the next FTPPUT chunk is taken once the last one crossed",
          "[sim][sim7000]") {
  SimHarness sim([](mfs::sim::SimConfig& c) { as_sim7000(c).link.bandwidth = 2720; });
  const std::string chunk = pattern(1360);
  PtyClient host(sim.link());
  start_sim7000(host);
  set_login(host);
  set(host, "FTPPUTNAME", "\"up\"");
  CHECK(host.exchange("AT+FTPPUT=1", "+FTPPUT: 1,1,1360\r\n") == "OK\r\n+FTPPUT: 1,1,1360\r\n");
  CHECK(host.exchange("AT+FTPPUT=2,1360", "\r\n") == "+FTPPUT: 2,1360\r\n");
  host.send(chunk);
  CHECK(host.read_until("OK\r\n") == "OK\r\n");
  auto sent = clock_type::now();
  CHECK(host.exchange("AT+FTPPUT=2,10", "\r\n") == "ERROR\r\n");  // still crossing
  CHECK(host.read_until("+FTPPUT: 1,1,1360\r\n") == "+FTPPUT: 1,1,1360\r\n");
  CHECK(clock_type::now() - sent >= 400ms);  // 1360 bytes at 2720 bytes/s: 500 ms from the OK
  CHECK(host.exchange("AT+FTPPUT=2,0", "+FTPPUT: 1,0\r\n") == "OK\r\n+FTPPUT: 1,0\r\n");
  CHECK(read_file(sim.root() / "up") == chunk);
}
