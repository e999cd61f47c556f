// Each --faults kind as the L610 simulator shows it on a real pty, byte for byte as
// fault_spec_help documents it, and counted in the --stats JSON.
#include <catch2/catch.hpp>

#include <filesystem>

#include "tests/sim/sim_harness.hpp"
#include "tests/support/stats_json.hpp"

using namespace mfs::sim::test;
using mfs::test::stats_count;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

// A harness whose simulator injects `spec` (start_session sends commands 1 to 4).
std::function<void(mfs::sim::SimConfig&)> faults(std::string spec) {
  return [spec](mfs::sim::SimConfig& c) { c.faults = spec; };
}

const std::string open_cmd = "AT+FTPOPEN=\"ftp.example\",\"demo\",\"demo\",\"\",0,21,0";

}  // namespace

TEST_CASE("fault drop@CMD: +FTPCLOSE: 1 before the command, which then has no session", "[sim]") {
  SimHarness sim(faults("drop@FTPCWD"));
  fs::create_directory(sim.root() / "d");
  PtyClient host(sim.link());
  start_session(host);
  CHECK(host.exchange("AT+FTPCWD=\"d\"", "ERROR\r\n") == "+FTPCLOSE: 1\r\nERROR\r\n");
  CHECK(host.exchange("AT+FTPOPEN?", "OK\r\n") == "+FTPOPEN: 0\r\nOK\r\n");
  CHECK(host.exchange(open_cmd, "+FTPOPEN: 1\r\n") == "OK\r\n+FTPOPEN: 1\r\n");
  CHECK(host.exchange("AT+FTPCWD=\"d\"", "+FTPCWD: 1\r\n") == "OK\r\n+FTPCWD: 1\r\n");
  std::string stats = sim.stats_json();
  CHECK(stats_count(stats, "drop") == 1);
  CHECK(stats_count(stats, "faults_injected") == 1);
}

TEST_CASE("fault drop-download@N over FTPRECV: bytes up to N, then the session drops", "[sim]") {
  SimHarness sim(faults("drop-download@4500"));
  const std::string content = pattern(10000);
  write_file(sim.root() / "f", content);
  PtyClient host(sim.link());
  start_session(host);
  host.exchange("AT+FTPGET=\"f\",1", "+FTPGET: 2\r\n");
  std::string got = recv_block(host, 3000);
  got += recv_block(host, 3000);  // cut short at byte 4500
  CHECK(got == content.substr(0, 4500));
  CHECK(host.read_until("\r\n") == "+FTPCLOSE: 1\r\n");
  CHECK(recv_block(host, 3000).empty());
  CHECK(host.exchange("AT+FTPOPEN?", "OK\r\n") == "+FTPOPEN: 0\r\nOK\r\n");
  // Spent: the resumed download runs to its end.
  host.exchange(open_cmd, "+FTPOPEN: 1\r\n");
  host.exchange("AT+FTPGET=\"f\",1,4500", "+FTPGET: 2\r\n");
  while (got.size() < content.size()) got += recv_block(host, 3000);
  CHECK(got == content);
  CHECK(stats_count(sim.stats_json(), "drop") == 1);
}

TEST_CASE("fault drop-download@N over FTPRETR: the stream ends after byte N", "[sim]") {
  SimHarness sim(faults("drop-download@70000"));
  const std::string content = pattern(100000);
  write_file(sim.root() / "f", content);
  PtyClient host(sim.link());
  start_session(host);
  CHECK(host.exchange("AT+FTPRETR=\"f\",1", "+FTPRETR: 2\r\n") == "OK\r\n+FTPRETR: 2\r\n");
  std::string stream = host.read_until("+FTPCLOSE: 1\r\n");
  CHECK(stream == escape(content.substr(0, 70000)) + "\x03+FTPRETR: 0\r\n+FTPCLOSE: 1\r\n");
  CHECK(stats_count(sim.stats_json(), "drop") == 1);
}

TEST_CASE("fault reboot-download@N inside FTPRETR: bytes 1..N, then the banner, no end byte",
          "[sim]") {
  SimHarness sim(faults("reboot-download@70000:200"));
  const std::string content = pattern(100000);
  write_file(sim.root() / "f", content);
  PtyClient host(sim.link());
  start_session(host);
  CHECK(host.exchange("AT+FTPRETR=\"f\",1", "+FTPRETR: 2\r\n") == "OK\r\n+FTPRETR: 2\r\n");
  std::string stream = host.read_until("+CFUN: 1\r\n");
  CHECK(stream == escape(content.substr(0, 70000)) + "RDY\r\n+CPIN: READY\r\n+CFUN: 1\r\n");
  CHECK(host.exchange("AT", "OK\r\n") == "AT\r\nOK\r\n");  // all state gone: echo is on
  CHECK(stats_count(sim.stats_json(), "reboot") == 1);
}

TEST_CASE("fault drop-upload@N over FTPPUT: the chunk holding byte N fails", "[sim]") {
  SimHarness sim(faults("drop-upload@1500"));
  const std::string content = pattern(3000, 5);
  PtyClient host(sim.link());
  start_session(host);
  CHECK(host.exchange("AT+FTPPUT=\"up\",1024,0", "+FTPPUT: 2,1024\r\n") == "+FTPPUT: 2,1024\r\n");
  host.send(content.substr(0, 1024));
  CHECK(host.read_until("OK\r\n") == "+FTPPUT: 1,1024\r\nOK\r\n");
  CHECK(host.exchange("AT+FTPPUT=\"up\",1024,0", "+FTPPUT: 2,1024\r\n") == "+FTPPUT: 2,1024\r\n");
  host.send(content.substr(1024, 1024));
  CHECK(host.read_until("ERROR\r\n") == "+FTPCLOSE: 1\r\nERROR\r\n");
  CHECK(read_file(sim.root() / "up") == content.substr(0, 1500));
  CHECK(stats_count(sim.stats_json(), "drop") == 1);
}

TEST_CASE("fault drop-upload@N over FTPSTOR: +FTPCLOSE: 1 at once, +FTPSTOR: 0 at ETX", "[sim]") {
  SimHarness sim(faults("drop-upload@100"));
  const std::string content = pattern(300, 6);
  PtyClient host(sim.link());
  start_session(host);
  CHECK(host.exchange("AT+FTPSTOR=\"up\",1", "+FTPSTOR: 2\r\n") == "OK\r\n+FTPSTOR: 2\r\n");
  host.send(escape(content.substr(0, 150)));
  CHECK(host.read_until("\r\n") == "+FTPCLOSE: 1\r\n");
  host.send(escape(content.substr(150)) + "\x03");
  CHECK(host.read_until("\r\n") == "+FTPSTOR: 0\r\n");
  CHECK(read_file(sim.root() / "up") == content.substr(0, 100));
  CHECK(host.exchange("AT", "OK\r\n") == "OK\r\n");  // back in command mode
}

TEST_CASE("fault bearer-lost@CMD:MS: session and bearer go, the network refuses for MS", "[sim]") {
  SimHarness sim(faults("bearer-lost@FTPLIST:400"));
  PtyClient host(sim.link());
  start_session(host);
  const auto lost = Clock::now();
  CHECK(host.exchange("AT+FTPLIST", "+CME ERROR: 2031\r\n") ==
        "+FTPCLOSE: 1\r\n+MIPCALL: 0\r\n+CME ERROR: 2031\r\n");
  CHECK(host.exchange("AT+MIPCALL?", "OK\r\n") == "+MIPCALL: 0\r\nOK\r\n");
  CHECK(host.exchange("AT+CREG?", "OK\r\n") == "+CREG: 0,2\r\nOK\r\n");
  CHECK(host.exchange("AT+MIPCALL=1,\"internet\"", "\r\n") == "+CME ERROR: 30\r\n");
  std::string reply;
  while ((reply = host.exchange("AT+MIPCALL=1,\"internet\"", "\r\n")) == "+CME ERROR: 30\r\n") {
    REQUIRE(Clock::now() - lost < 10s);
  }
  CHECK(Clock::now() - lost >= 400ms);
  CHECK(reply == "OK\r\n");
  CHECK(host.read_until("\r\n") == "+MIPCALL: 10.0.0.2\r\n");
  CHECK(host.exchange("AT+CREG?", "OK\r\n") == "+CREG: 0,1\r\nOK\r\n");
  CHECK(stats_count(sim.stats_json(), "bearer-lost") == 1);
}

TEST_CASE("fault reboot@CMD:MS: silence, the banner, and every state gone", "[sim]") {
  SimHarness sim(faults("reboot@FTPNOOP:300"));
  PtyClient host(sim.link());
  start_session(host);
  const auto start = Clock::now();
  host.command("AT+FTPNOOP");
  host.command("AT+CSQ");  // lost in the silence
  CHECK(host.read_until("+CFUN: 1\r\n") == "RDY\r\n+CPIN: READY\r\n+CFUN: 1\r\n");
  CHECK(Clock::now() - start >= 300ms);
  CHECK(host.exchange("AT+CMEE?", "OK\r\n") == "AT+CMEE?\r\n+CMEE: 0\r\nOK\r\n");  // echo is on
  CHECK(host.exchange("AT+MIPCALL?", "OK\r\n") == "AT+MIPCALL?\r\n+MIPCALL: 0\r\nOK\r\n");
  CHECK(host.exchange("AT+FTPOPEN?", "OK\r\n") == "AT+FTPOPEN?\r\n+FTPOPEN: 0\r\nOK\r\n");
  CHECK(host.read_for(50ms).empty());
  start_session(host);  // the driver's start-up works again
  std::string stats = sim.stats_json();
  CHECK(stats_count(stats, "reboot") == 1);
  CHECK(stats_count(stats, "CSQ") == 0);
}

TEST_CASE("fault vanish@CMD:MS: the device goes, then a new one appears at the same link",
          "[sim]") {
  SimHarness sim(faults("vanish@FTPNOOP:300"));
  auto host = std::make_unique<PtyClient>(sim.link());
  start_session(*host);
  host->command("AT+FTPNOOP");
  auto deadline = Clock::now() + 10s;
  while (fs::exists(fs::symlink_status(sim.link()))) REQUIRE(Clock::now() < deadline);
  const auto gone = Clock::now();
  CHECK_THROWS(host->read_until("\r\n", 100ms));  // the old port reads nothing any more
  host.reset();
  while (!fs::exists(fs::symlink_status(sim.link()))) REQUIRE(Clock::now() < deadline);
  CHECK(Clock::now() - gone >= 250ms);  // gone for about 300 ms (minus the polling above)
  PtyClient again(sim.link());
  // The module itself kept its state: echo off, the session open.
  CHECK(again.exchange("AT+FTPOPEN?", "OK\r\n") == "+FTPOPEN: 1\r\nOK\r\n");
  CHECK(stats_count(sim.stats_json(), "vanish") == 1);
}

TEST_CASE("fault error@N and cme@NAME#K:CODE answer that command only", "[sim]") {
  SimHarness sim(faults("error@5,cme@FTPMKD#2:2012"));
  PtyClient host(sim.link());
  start_session(host);
  CHECK(host.exchange("AT+FTPPWD", "\r\n") == "ERROR\r\n");  // command 5
  CHECK(host.exchange("AT+FTPPWD", "+FTPPWD: 1\r\n") == "OK\r\n+FTPPWD: 2,\"/\"\r\n+FTPPWD: 1\r\n");
  CHECK(host.exchange("AT+FTPMKD=\"a\"", "+FTPMKD: 1\r\n") == "OK\r\n+FTPMKD: 1\r\n");
  CHECK(host.exchange("AT+FTPMKD=\"b\"", "\r\n") == "+CME ERROR: 2012\r\n");
  CHECK(host.exchange("AT+FTPMKD=\"c\"", "+FTPMKD: 1\r\n") == "OK\r\n+FTPMKD: 1\r\n");
  CHECK(fs::is_directory(sim.root() / "a"));
  CHECK_FALSE(fs::exists(sim.root() / "b"));  // the failed command did nothing
  std::string stats = sim.stats_json();
  CHECK(stats_count(stats, "error") == 1);
  CHECK(stats_count(stats, "cme") == 1);
}

TEST_CASE("fault stall@CMD: OK and then nothing, until FTPCLOSE gives up", "[sim]") {
  SimHarness sim(faults("stall@FTPLIST,stall@CSQ"));
  PtyClient host(sim.link());
  start_session(host);
  CHECK(host.exchange("AT+FTPLIST", "OK\r\n") == "OK\r\n");
  CHECK(host.read_for(300ms).empty());
  CHECK(host.exchange("AT+FTPPWD", "\r\n") == "ERROR\r\n");
  CHECK(host.exchange("AT+FTPCLOSE", "+FTPCLOSE: 1\r\n") == "OK\r\n+FTPCLOSE: 1\r\n");
  CHECK(host.exchange(open_cmd, "+FTPOPEN: 1\r\n") == "OK\r\n+FTPOPEN: 1\r\n");
  host.command("AT+CSQ");  // no result URC: no answer at all
  CHECK(host.read_for(200ms).empty());
  CHECK(host.exchange("AT+CSQ", "OK\r\n") == "+CSQ: 20,99\r\nOK\r\n");
  CHECK(stats_count(sim.stats_json(), "stall") == 2);
}

namespace {

// A fixed script under random faults; returns every byte received and the stats JSON.
std::pair<std::string, std::string> random_transcript(unsigned seed) {
  SimHarness sim([seed](mfs::sim::SimConfig& c) {
    c.faults = "random=0.3:error+cme+drop+bearer-lost";
    c.seed = seed;
  });
  PtyClient host(sim.link());
  start_session(host);
  std::string all;
  for (int i = 0; i < 40; ++i) {
    host.command("AT+FTPNOOP");
    // AT+CSQ is never faulted: its reply marks the end of the NOOP's.
    all += host.exchange("AT+CSQ", "+CSQ: 20,99\r\nOK\r\n");
  }
  return {all, sim.stats_json()};
}

}  // namespace

TEST_CASE("random faults on the wire are reproducible from the seed", "[sim]") {
  auto [first, stats] = random_transcript(11);
  CHECK(stats_count(stats, "faults_injected") >= 5);
  CHECK(random_transcript(11) == std::make_pair(first, stats));
  CHECK(random_transcript(12).first != first);
}
