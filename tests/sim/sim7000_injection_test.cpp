// Injected faults (--faults, sim/fault_plan.hpp) as the SIM7000 simulator shows them: each
// action is its own FTP session, so a drop ends the running action with its result code.
#include <catch2/catch.hpp>

#include <chrono>

#include "tests/sim/sim7000_host.hpp"
#include "tests/support/stats_json.hpp"

using namespace mfs::sim::test;
using namespace std::chrono_literals;
using mfs::test::stats_count;
using Clock = std::chrono::steady_clock;

namespace {

std::function<void(mfs::sim::SimConfig&)> faults(const std::string& spec) {
  return [spec](mfs::sim::SimConfig& c) { as_sim7000(c).faults = spec; };
}

}  // namespace

TEST_CASE("sim7000 fault drop-download@N: bytes up to N, then +FTPGET: 1,79", "[sim][sim7000]") {
  SimHarness sim(faults("drop-download@3000"));
  const std::string content = pattern(10000);
  write_file(sim.root() / "1K.txt", content);
  PtyClient host(sim.link());
  start_sim7000(host);
  set_login(host);
  set_get_file(host);
  CHECK(host.exchange("AT+FTPGET=1", "+FTPGET: 1,1\r\n") == "OK\r\n+FTPGET: 1,1\r\n");
  CHECK(read_block(host, "FTPGET", 1460) == content.substr(0, 1460));
  CHECK(read_block(host, "FTPGET", 1460) == content.substr(1460, 1460));
  host.command("AT+FTPGET=2,1460");
  CHECK(host.read_until("+FTPGET: 1,79\r\n") ==
        "+FTPGET: 2,80\r\n" + content.substr(2920, 80) + "\r\nOK\r\n+FTPGET: 1,79\r\n");
  CHECK(host.exchange("AT+FTPGET=2,1460", "\r\n") == "ERROR\r\n");
  CHECK(stats_count(sim.stats_json(), "drop") == 1);
  // Spent: the next download is whole.
  CHECK(host.exchange("AT+FTPGET=1", "+FTPGET: 1,1\r\n") == "OK\r\n+FTPGET: 1,1\r\n");
  CHECK(read_to_end(host, "FTPGET", 1460, content.size()) == content);
}

TEST_CASE("sim7000 fault drop-upload@N: the chunk holding byte N is ERROR, then +FTPPUT: 1,78",
          "[sim][sim7000]") {
  SimHarness sim(faults("drop-upload@1500"));
  const std::string content = pattern(2720, 2);
  PtyClient host(sim.link());
  start_sim7000(host);
  set_login(host);
  set(host, "FTPPUTNAME", "\"up\"");
  CHECK(host.exchange("AT+FTPPUT=1", "+FTPPUT: 1,1,1360\r\n") == "OK\r\n+FTPPUT: 1,1,1360\r\n");
  CHECK(host.exchange("AT+FTPPUT=2,1360", "\r\n") == "+FTPPUT: 2,1360\r\n");
  host.send(content.substr(0, 1360));
  CHECK(host.read_until("+FTPPUT: 1,1,1360\r\n") == "OK\r\n+FTPPUT: 1,1,1360\r\n");
  CHECK(host.exchange("AT+FTPPUT=2,1360", "\r\n") == "+FTPPUT: 2,1360\r\n");
  host.send(content.substr(1360));
  CHECK(host.read_until("+FTPPUT: 1,78\r\n") == "ERROR\r\n+FTPPUT: 1,78\r\n");
  CHECK(read_file(sim.root() / "up") == content.substr(0, 1500));
  CHECK(host.exchange("AT+FTPPUT=2,0", "\r\n") == "ERROR\r\n");
}

TEST_CASE("sim7000 fault drop@CMD: the running action ends (79), a logging-in one with 65",
          "[sim][sim7000]") {
  SimHarness sim(faults("drop@FTPGET#2,drop@FTPSTATE"));
  write_file(sim.root() / "1K.txt", pattern(5000));
  PtyClient host(sim.link());
  start_sim7000(host);
  set_login(host);
  set_get_file(host);
  CHECK(host.exchange("AT+FTPGET=1", "+FTPGET: 1,1\r\n") == "OK\r\n+FTPGET: 1,1\r\n");
  host.command("AT+FTPGET=2,100");  // the second FTPGET command: the session drops first
  CHECK(host.read_until("ERROR\r\n") == "+FTPGET: 1,79\r\nERROR\r\n");
  host.send("AT+FTPSIZE\rAT+FTPSTATE\r");  // the drop comes while SIZE is still logging in
  CHECK(host.read_until("+FTPSTATE: 0\r\nOK\r\n") ==
        "OK\r\n+FTPSIZE: 1,65\r\n+FTPSTATE: 0\r\nOK\r\n");
}

TEST_CASE("sim7000 fault bearer-lost@CMD:MS: +APP PDP: DEACTIVE, the action fails with 61, "
          "the network refuses a new bearer for MS",
          "[sim][sim7000]") {
  SimHarness sim(faults("bearer-lost@FTPSIZE:400"));
  write_file(sim.root() / "1K.txt", "x");
  PtyClient host(sim.link());
  start_sim7000(host);
  set_login(host);
  set_get_file(host);
  const auto lost = Clock::now();
  CHECK(host.exchange("AT+FTPSIZE", "+FTPSIZE: 1,61\r\n") ==
        "+APP PDP: DEACTIVE\r\nOK\r\n+FTPSIZE: 1,61\r\n");
  CHECK(host.exchange("AT+CNACT?", "OK\r\n") == "+CNACT: 0,\"0.0.0.0\"\r\nOK\r\n");
  CHECK(host.exchange("AT+CEREG?", "OK\r\n") == "+CEREG: 0,2\r\nOK\r\n");
  CHECK(host.exchange("AT+CNACT=1", "\r\n") == "ERROR\r\n");  // CMEE 0: a plain ERROR
  CHECK(host.exchange("AT+CMEE=1", "\r\n") == "OK\r\n");
  std::string reply;
  while ((reply = host.exchange("AT+CNACT=1", "\r\n")) == "+CME ERROR: 30\r\n")
    REQUIRE(Clock::now() - lost < 10s);
  CHECK(Clock::now() - lost >= 400ms);
  CHECK(reply == "OK\r\n");
  CHECK(host.read_until("\r\n") == "+APP PDP: ACTIVE\r\n");
  CHECK(host.exchange("AT+FTPSIZE", "+FTPSIZE: 1,0,1\r\n") == "OK\r\n+FTPSIZE: 1,0,1\r\n");
}

TEST_CASE("sim7000 fault reboot@CMD: silence, the banner, every state gone", "[sim][sim7000]") {
  SimHarness sim(faults("reboot@FTPSIZE:300"));
  PtyClient host(sim.link());
  start_sim7000(host);
  set_login(host);
  set_get_file(host);
  host.command("AT+FTPSIZE");
  CHECK(host.read_until("+CFUN: 1\r\n") == "RDY\r\n+CPIN: READY\r\n+CFUN: 1\r\n");
  CHECK(host.exchange("AT+CNACT?", "OK\r\n") == "AT+CNACT?\r\n+CNACT: 0,\"0.0.0.0\"\r\nOK\r\n");
  CHECK(host.exchange("AT+FTPGETNAME?", "OK\r\n") == "AT+FTPGETNAME?\r\n+FTPGETNAME: \"\"\r\nOK\r\n");
  CHECK(stats_count(sim.stats_json(), "reboot") == 1);
}

TEST_CASE("sim7000 faults error@N and cme@NAME answer that command only", "[sim][sim7000]") {
  SimHarness sim(faults("error@FTPSERV,cme@FTPLIST:2023"));
  PtyClient host(sim.link());
  start_sim7000(host);
  CHECK(host.exchange("AT+FTPSERV=\"h\"", "\r\n") == "ERROR\r\n");
  CHECK(host.exchange("AT+FTPSERV=\"h\"", "\r\n") == "OK\r\n");
  CHECK(host.exchange("AT+CMEE=1", "\r\n") == "OK\r\n");
  CHECK(host.exchange("AT+FTPLIST=1", "\r\n") == "+CME ERROR: 2023\r\n");
  CHECK(host.exchange("AT+FTPSTATE", "OK\r\n") == "+FTPSTATE: 0\r\nOK\r\n");
}

TEST_CASE("sim7000 fault stall@CMD: the action gets OK and never a result; FTPQUIT ends it (80)",
          "[sim][sim7000]") {
  SimHarness sim(faults("stall@FTPGET,stall@FTPSERV#2"));
  write_file(sim.root() / "1K.txt", "x");
  PtyClient host(sim.link());
  start_sim7000(host);
  set_login(host);
  set(host, "FTPGETNAME", "\"1K.txt\"");
  CHECK(host.exchange("AT+FTPGET=1", "OK\r\n") == "OK\r\n");
  CHECK(host.exchange("AT+FTPSTATE", "OK\r\n") == "+FTPSTATE: 1\r\nOK\r\n");
  CHECK(host.exchange("AT+FTPSIZE", "+FTPSIZE: 1,66\r\n") == "OK\r\n+FTPSIZE: 1,66\r\n");
  CHECK(host.exchange("AT+FTPQUIT", "+FTPGET: 1,80\r\n") == "OK\r\n+FTPGET: 1,80\r\n");
  host.command("AT+FTPSERV=\"h\"");  // stalled too, and no action: no answer at all
  CHECK(host.exchange("AT+FTPSIZE", "+FTPSIZE: 1,0,1\r\n") == "OK\r\n+FTPSIZE: 1,0,1\r\n");
}
