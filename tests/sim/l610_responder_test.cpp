// The modem basics over a real pty: start-up sequence, echo, identification, bearer,
// error forms (PROTOCOL.md section 2, start-up).
#include <catch2/catch.hpp>

#include "tests/sim/sim_harness.hpp"

using namespace mfs::sim::test;

TEST_CASE("start-up sequence as the driver sends it", "[sim]") {
  SimHarness sim;
  PtyClient host(sim.link());
  CHECK(host.exchange("AT", "OK\r\n") == "AT\r\nOK\r\n");  // echo is on until ATE0
  CHECK(host.exchange("ATE0", "OK\r\n") == "ATE0\r\nOK\r\n");
  CHECK(host.exchange("AT", "OK\r\n") == "OK\r\n");
  CHECK(host.exchange("ATE1", "OK\r\n") == "OK\r\n");
  CHECK(host.exchange("ATE0", "OK\r\n") == "ATE0\r\nOK\r\n");
  CHECK(host.exchange("AT+CMEE=1", "OK\r\n") == "OK\r\n");
  CHECK(host.exchange("AT+CPIN?", "OK\r\n") == "+CPIN: READY\r\nOK\r\n");
  CHECK(host.exchange("AT+CSQ", "OK\r\n") == "+CSQ: 20,99\r\nOK\r\n");
  CHECK(host.exchange("AT+CREG?", "OK\r\n") == "+CREG: 0,1\r\nOK\r\n");
  CHECK(host.exchange("AT+CEREG?", "OK\r\n") == "+CEREG: 0,1\r\nOK\r\n");
  CHECK(host.exchange("AT+CGMM", "OK\r\n") == "L610\r\nOK\r\n");
  CHECK(host.exchange("AT+MIPCALL?", "OK\r\n") == "+MIPCALL: 0\r\nOK\r\n");
  CHECK(host.exchange("AT+MIPCALL=1,\"internet\",\"u\",\"p\"", "+MIPCALL: 10.0.0.2\r\n") ==
        "OK\r\n+MIPCALL: 10.0.0.2\r\n");
  CHECK(host.exchange("AT+MIPCALL?", "OK\r\n") == "+MIPCALL: 1,10.0.0.2\r\nOK\r\n");
  CHECK(host.exchange("AT+GTSET=\"FTPLIMIT\",50", "OK\r\n") == "OK\r\n");
  CHECK(host.exchange("AT+GTSET=\"FTPLIMIT\",1001", "ERROR\r\n") == "ERROR\r\n");
}

TEST_CASE("ATI identifies a Fibocom L610", "[sim]") {
  SimHarness sim;
  PtyClient host(sim.link());
  host.command("ATE0");
  host.read_until("OK\r\n");
  std::string reply = host.exchange("ATI", "OK\r\n");
  CHECK(reply.find("Fibocom") != std::string::npos);
  CHECK(reply.find("L610") != std::string::npos);
}

TEST_CASE("unknown and malformed commands answer ERROR", "[sim]") {
  SimHarness sim;
  PtyClient host(sim.link());
  host.command("ATE0");
  host.read_until("OK\r\n");
  CHECK(host.exchange("AT+NOSUCH", "\r\n") == "ERROR\r\n");
  CHECK(host.exchange("AT+FTPCWD=\"unterminated", "\r\n") == "ERROR\r\n");
  CHECK(host.exchange("hello", "\r\n") == "ERROR\r\n");
  CHECK(host.exchange("AT+CMEE=7", "\r\n") == "ERROR\r\n");
}

TEST_CASE("FTP commands before the bearer is up answer CME 2031", "[sim]") {
  SimHarness sim;
  PtyClient host(sim.link());
  host.command("ATE0");
  host.read_until("OK\r\n");
  const std::string open = "AT+FTPOPEN=\"h\",\"demo\",\"demo\",\"\",0,21,0";
  CHECK(host.exchange(open, "\r\n") == "ERROR\r\n");  // numeric errors are off until CMEE=1
  host.command("AT+CMEE=1");
  host.read_until("OK\r\n");
  CHECK(host.exchange(open, "\r\n") == "+CME ERROR: 2031\r\n");
  CHECK(host.exchange("AT+FTPLIST", "\r\n") == "+CME ERROR: 2031\r\n");
}

TEST_CASE("FTP commands without a session answer ERROR; the bearer can be dropped", "[sim]") {
  SimHarness sim;
  PtyClient host(sim.link());
  start_session(host);
  CHECK(host.exchange("AT+FTPCLOSE", "+FTPCLOSE: 1\r\n") == "OK\r\n+FTPCLOSE: 1\r\n");
  CHECK(host.exchange("AT+FTPLIST", "\r\n") == "ERROR\r\n");
  CHECK(host.exchange("AT+FTPCLOSE", "\r\n") == "ERROR\r\n");
  CHECK(host.exchange("AT+MIPCALL=0", "+MIPCALL: 0\r\n") == "OK\r\n+MIPCALL: 0\r\n");
  CHECK(host.exchange("AT+MIPCALL?", "OK\r\n") == "+MIPCALL: 0\r\nOK\r\n");
}
