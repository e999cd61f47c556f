// The wire variations of PROTOCOL.md section 1 as the SIM7000 simulator produces them under its
// quirk switches: echo, "+X:1" spacing, bare LF, empty lines, results before OK, noise URCs.
#include <catch2/catch.hpp>

#include <charconv>

#include "tests/sim/sim7000_host.hpp"

using namespace mfs::sim::test;
using mfs::sim::Quirk;

namespace {

const std::string digits50 = "01234567890123456789012345678901234567890123456789";

SimHarness sim_with(Quirk quirk) {
  return SimHarness([quirk](mfs::sim::SimConfig& c) { as_sim7000(c).quirks = {quirk}; });
}

// The parameter commands of a GET of 1K.txt, each answered `ok`.
void set_parameters_answering(PtyClient& host, const std::string& ok) {
  for (const char* cmd : {"AT+FTPCID=1", "AT+FTPSERV=\"116.228.221.52\"", "AT+FTPUN=\"sim.cs1\"",
                          "AT+FTPPW=\"*****\"", "AT+FTPGETNAME=\"1K.txt\"", "AT+FTPGETPATH=\"/\""})
    REQUIRE(host.exchange(cmd, ok) == ok);
}

}  // namespace

TEST_CASE("sim7000 echo quirk: command lines come back even after ATE0", "[sim][sim7000]") {
  auto sim = sim_with(Quirk::echo);
  PtyClient host(sim.link());
  CHECK(host.exchange("ATE0", "OK\r\n") == "ATE0\r\nOK\r\n");
  CHECK(host.exchange("AT+CNACT=1", "+APP PDP: ACTIVE\r\n") ==
        "AT+CNACT=1\r\nOK\r\n+APP PDP: ACTIVE\r\n");
  CHECK(host.exchange("ATI", "OK\r\n") == "ATI\r\nSIM7000E R1351\r\nOK\r\n");
}

TEST_CASE("sim7000 no_space quirk: \"+X:1\" in results, URCs and block headers",
          "[sim][sim7000]") {
  auto sim = sim_with(Quirk::no_space);
  write_file(sim.root() / "1K.txt", digits50);
  PtyClient host(sim.link());
  CHECK(host.exchange("ATE0", "OK\r\n") == "ATE0\r\nOK\r\n");
  CHECK(host.exchange("AT+CNACT=1", "ACTIVE\r\n") == "OK\r\n+APP PDP:ACTIVE\r\n");
  set_parameters_answering(host, "OK\r\n");
  CHECK(host.exchange("AT+FTPSIZE", "+FTPSIZE:1,0,50\r\n") == "OK\r\n+FTPSIZE:1,0,50\r\n");
  CHECK(host.exchange("AT+FTPGET=1", "+FTPGET:1,1\r\n") == "OK\r\n+FTPGET:1,1\r\n");
  host.command("AT+FTPGET=2,1024");
  CHECK(host.read_until("+FTPGET:1,0\r\n") ==
        "+FTPGET:2,50\r\n" + digits50 + "\r\nOK\r\n+FTPGET:1,0\r\n");
}

TEST_CASE("sim7000 lf_only quirk: every line ends with a bare LF, data stays as it is",
          "[sim][sim7000]") {
  auto sim = sim_with(Quirk::lf_only);
  const std::string content = "line one\r\nline two\r\n";
  write_file(sim.root() / "1K.txt", content);
  PtyClient host(sim.link());
  CHECK(host.exchange("ATE0", "OK\n") == "ATE0\nOK\n");
  CHECK(host.exchange("AT+CNACT=1", "ACTIVE\n") == "OK\n+APP PDP: ACTIVE\n");
  set_parameters_answering(host, "OK\n");
  CHECK(host.exchange("AT+FTPGET=1", "+FTPGET: 1,1\n") == "OK\n+FTPGET: 1,1\n");
  host.command("AT+FTPGET=2,1024");
  CHECK(host.read_until("+FTPGET: 1,0\n") ==
        "+FTPGET: 2,20\n" + content + "\nOK\n+FTPGET: 1,0\n");
}

TEST_CASE("sim7000 empty_lines quirk: an empty line before each line, none inside a block",
          "[sim][sim7000]") {
  auto sim = sim_with(Quirk::empty_lines);
  write_file(sim.root() / "1K.txt", digits50);
  PtyClient host(sim.link());
  CHECK(host.exchange("ATE0", "OK\r\n") == "\r\nATE0\r\n\r\nOK\r\n");
  CHECK(host.exchange("AT+CNACT=1", "ACTIVE\r\n") == "\r\nOK\r\n\r\n+APP PDP: ACTIVE\r\n");
  set_parameters_answering(host, "\r\nOK\r\n");
  CHECK(host.exchange("AT+FTPGET=1", "+FTPGET: 1,1\r\n") == "\r\nOK\r\n\r\n+FTPGET: 1,1\r\n");
  host.command("AT+FTPGET=2,1024");
  CHECK(host.read_until("+FTPGET: 1,0\r\n") ==
        "\r\n+FTPGET: 2,50\r\n" + digits50 + "\r\nOK\r\n\r\n+FTPGET: 1,0\r\n");
}

TEST_CASE("sim7000 result_before_ok quirk: action results come before their OK",
          "[sim][sim7000]") {
  auto sim = sim_with(Quirk::result_before_ok);
  write_file(sim.root() / "1K.txt", digits50);
  PtyClient host(sim.link());
  start_sim7000(host);
  set_parameters_answering(host, "OK\r\n");
  CHECK(host.exchange("AT+FTPSIZE", "OK\r\n") == "+FTPSIZE: 1,0,50\r\nOK\r\n");
  CHECK(host.exchange("AT+FTPGET=1", "OK\r\n") == "+FTPGET: 1,1\r\nOK\r\n");
  CHECK(host.exchange("AT+FTPSIZE", "OK\r\n") == "+FTPSIZE: 1,66\r\nOK\r\n");  // busy
  host.command("AT+FTPGET=2,1024");
  CHECK(host.read_until("+FTPGET: 1,0\r\n") ==
        "+FTPGET: 2,50\r\n" + digits50 + "\r\nOK\r\n+FTPGET: 1,0\r\n");
  set(host, "FTPPUTNAME", "\"up\"");
  CHECK(host.exchange("AT+FTPPUT=1", "OK\r\n") == "+FTPPUT: 1,1,1360\r\nOK\r\n");
  CHECK(host.exchange("AT+FTPPUT=2,0", "OK\r\n") == "+FTPPUT: 1,0\r\nOK\r\n");
}

TEST_CASE("sim7000 noise_urcs quirk: noise only between lines, blocks intact",
          "[sim][sim7000]") {
  auto sim = sim_with(Quirk::noise_urcs);
  const std::string content = pattern(100000, 6);
  write_file(sim.root() / "1K.txt", content);
  PtyClient host(sim.link());
  auto is_noise = [](const std::string& line) {
    return line == "+CSQ: 20,99\r\n" || line == "+CREG: 1\r\n" || line == "+CEREG: 1\r\n" ||
           line == "RING\r\n";
  };
  // The next line that is not noise.
  auto next_line = [&] {
    for (;;) {
      std::string line = host.read_until("\r\n");
      if (!is_noise(line)) return line;
    }
  };
  host.command("AT+CNACT=1");
  CHECK(next_line() == "AT+CNACT=1\r\n");  // echo is on until ATE0
  CHECK(next_line() == "OK\r\n");
  CHECK(next_line() == "+APP PDP: ACTIVE\r\n");
  for (const char* cmd : {"AT+FTPSERV=\"h\"", "AT+FTPUN=\"sim.cs1\"", "AT+FTPPW=\"*****\"",
                          "AT+FTPGETNAME=\"1K.txt\"", "AT+FTPGET=1"}) {
    host.command(cmd);
    CHECK(next_line() == std::string(cmd) + "\r\n");
    CHECK(next_line() == "OK\r\n");
  }
  CHECK(next_line() == "+FTPGET: 1,1\r\n");
  std::string got;
  while (got.size() < content.size()) {
    host.command("AT+FTPGET=2,1460");
    CHECK(next_line() == "AT+FTPGET=2,1460\r\n");
    std::string header = next_line();
    REQUIRE(header.starts_with("+FTPGET: 2,"));
    std::size_t m = 0;
    std::from_chars(header.data() + 11, header.data() + header.size() - 2, m);
    got += host.read_exact(m);
    REQUIRE(host.read_exact(6) == "\r\nOK\r\n");
  }
  CHECK(got == content);
  CHECK(next_line() == "+FTPGET: 1,0\r\n");
}
