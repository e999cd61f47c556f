// Transfers over a real pty: FTPGET/FTPRECV through the 512000-byte module buffer, FTPPUT
// chunks, the escaped FTPSTOR/FTPRETR streams, and what a running transfer blocks.
#include <catch2/catch.hpp>

#include <filesystem>

#include "tests/sim/sim_harness.hpp"

using namespace mfs::sim::test;
namespace fs = std::filesystem;

namespace {

void start_get(PtyClient& host, const std::string& command) {
  REQUIRE(host.exchange(command, "+FTPGET: 2\r\n") == "OK\r\n+FTPGET: 1\r\n+FTPGET: 2\r\n");
}

}  // namespace

TEST_CASE("FTPGET + FTPRECV of 1,200,000 bytes crosses the module buffer byte-exact", "[sim]") {
  SimHarness sim;
  const std::string content = pattern(1200000);
  write_file(sim.root() / "big.bin", content);
  PtyClient host(sim.link());
  start_session(host);
  start_get(host, "AT+FTPGET=\"big.bin\",1");
  CHECK(host.exchange("AT+FTPRECV?", "OK\r\n") == "+FTPRECV: 512000\r\nOK\r\n");
  CHECK(host.exchange("AT+FTPGET?", "OK\r\n") == "+FTPGET: \"big.bin\",1,0\r\nOK\r\n");
  std::string got;
  while (got.size() < content.size()) got += recv_block(host, 3000);
  CHECK(got == content);
  CHECK(host.exchange("AT+FTPGET?", "OK\r\n") == "OK\r\n");  // the download has ended
  CHECK(recv_block(host, 3000).empty());
  CHECK(host.exchange("AT+FTPNOOP", "+FTPNOOP: 1\r\n") == "OK\r\n+FTPNOOP: 1\r\n");
}

TEST_CASE("the module buffer refills only once half of it is free", "[sim]") {
  SimHarness sim;
  write_file(sim.root() / "big.bin", pattern(1200000));
  PtyClient host(sim.link());
  start_session(host);
  start_get(host, "AT+FTPGET=\"big.bin\"");
  std::size_t taken = 0;
  while (taken + 3000 < 256000) taken += recv_block(host, 3000).size();
  CHECK(host.exchange("AT+FTPRECV?", "OK\r\n") ==
        "+FTPRECV: " + std::to_string(512000 - taken) + "\r\nOK\r\n");
  taken += recv_block(host, 3000).size();  // now more than half is free: refilled to full
  CHECK(host.exchange("AT+FTPRECV?", "OK\r\n") == "+FTPRECV: 512000\r\nOK\r\n");
}

TEST_CASE("FTPGET offsets: the parameter wins over FTPREST", "[sim]") {
  SimHarness sim;
  write_file(sim.root() / "f", "0123456789");
  PtyClient host(sim.link());
  start_session(host);
  CHECK(host.exchange("AT+FTPREST=2", "OK\r\n") == "OK\r\n");
  CHECK(host.exchange("AT+FTPREST?", "OK\r\n") == "+FTPREST: 2\r\nOK\r\n");
  start_get(host, "AT+FTPGET=\"f\",1,7");
  CHECK(recv_block(host, 100) == "789");
  CHECK(host.exchange("AT+FTPREST=4", "OK\r\n") == "OK\r\n");
  start_get(host, "AT+FTPGET=\"f\"");
  CHECK(recv_block(host, 100) == "456789");
  CHECK(host.exchange("AT+FTPGET=\"missing\"", "+FTPGET: 0\r\n") == "OK\r\n+FTPGET: 0\r\n");
}

TEST_CASE("FTPGET of an empty file ends at once; FTPRECV then reads 0", "[sim]") {
  SimHarness sim;
  write_file(sim.root() / "empty", "");
  PtyClient host(sim.link());
  start_session(host);
  CHECK(host.exchange("AT+FTPINFO=1", "OK\r\n") == "OK\r\n");
  CHECK(host.exchange("AT+FTPGET=\"empty\"", "+FTPGET: 2\r\n") ==
        "OK\r\n+FTPINFO: 150 Opening BINARY mode data connection for empty (0 bytes).\r\n"
        "+FTPINFO: 226 Transfer complete.\r\n+FTPGET: 1\r\n+FTPGET: 2\r\n");
  CHECK(host.exchange("AT+FTPGET?", "OK\r\n") == "OK\r\n");
  CHECK(host.exchange("AT+FTPRECV=10", "OK\r\n") == "+FTPRECV: 0\r\n\r\nOK\r\n");
  CHECK(host.exchange("AT+FTPRECV=3001", "\r\n") == "ERROR\r\n");
}

TEST_CASE("a download blocks other FTP commands until drained or closed", "[sim]") {
  SimHarness sim;
  write_file(sim.root() / "f", pattern(10000));
  PtyClient host(sim.link());
  start_session(host);
  start_get(host, "AT+FTPGET=\"f\"");
  CHECK(host.exchange("AT+FTPLIST", "\r\n") == "ERROR\r\n");
  CHECK(host.exchange("AT+FTPCWD=\"/\"", "\r\n") == "ERROR\r\n");
  CHECK(host.exchange("AT+FTPGET=\"f\"", "\r\n") == "ERROR\r\n");
  CHECK(host.exchange("AT+FTPOPEN?", "OK\r\n") == "+FTPOPEN: 1\r\nOK\r\n");
  CHECK(host.exchange("AT+CSQ", "OK\r\n") == "+CSQ: 20,99\r\nOK\r\n");  // not an FTP command
  CHECK(host.exchange("AT+FTPCLOSE", "+FTPCLOSE: 1\r\n") == "OK\r\n+FTPCLOSE: 1\r\n");
  CHECK(host.exchange("AT+FTPRECV?", "OK\r\n") == "+FTPRECV: 0\r\nOK\r\n");
  CHECK(host.exchange("AT+FTPOPEN?", "OK\r\n") == "+FTPOPEN: 0\r\nOK\r\n");
}

TEST_CASE("FTPPUT chunks create, append and close the file", "[sim]") {
  SimHarness sim;
  write_file(sim.root() / "up.bin", "old content that must go");
  const std::string content = pattern(2500, 3);
  PtyClient host(sim.link());
  start_session(host);
  std::size_t sent = 0;
  while (sent < content.size()) {
    std::size_t len = std::min<std::size_t>(1024, content.size() - sent);
    bool last = sent + len == content.size();
    std::string cmd = "AT+FTPPUT=\"up.bin\"," + std::to_string(len) + (last ? ",1" : ",0");
    REQUIRE(host.exchange(cmd, "\r\n") == "+FTPPUT: 2," + std::to_string(len) + "\r\n");
    host.send(content.substr(sent, len));
    REQUIRE(host.read_until("OK\r\n") == "+FTPPUT: 1," + std::to_string(len) + "\r\nOK\r\n");
    if (!last) CHECK(host.exchange("AT+FTPLIST", "\r\n") == "ERROR\r\n");  // upload open
    sent += len;
  }
  CHECK(read_file(sim.root() / "up.bin") == content);
  CHECK(host.exchange("AT+FTPNOOP", "+FTPNOOP: 1\r\n") == "OK\r\n+FTPNOOP: 1\r\n");
}

TEST_CASE("FTPPUT lengths outside 1..1024 and bad targets are refused", "[sim]") {
  SimHarness sim;
  PtyClient host(sim.link());
  start_session(host);
  CHECK(host.exchange("AT+FTPPUT=\"f\",0,1", "\r\n") == "ERROR\r\n");
  CHECK(host.exchange("AT+FTPPUT=\"f\",1025,1", "\r\n") == "ERROR\r\n");
  CHECK(host.exchange("AT+FTPINFO=1", "OK\r\n") == "OK\r\n");
  CHECK(host.exchange("AT+FTPPUT=\"no/dir/f\",4,1", "ERROR\r\n") ==
        "+FTPINFO: 553 Could not create file.\r\n+FTPPUT: 0\r\nERROR\r\n");
}

TEST_CASE("FTPSTOR unescapes 0x10 and ends at an unescaped 0x03", "[sim]") {
  SimHarness sim;
  std::string content = "a\x03" "b\x10" "c\x10\x03" "d" + pattern(70000, 5);
  PtyClient host(sim.link());
  start_session(host);
  CHECK(host.exchange("AT+FTPSTOR=\"s.bin\",1", "+FTPSTOR: 2\r\n") == "OK\r\n+FTPSTOR: 2\r\n");
  host.send(escape(content) + "\x03");
  CHECK(host.read_until("+FTPSTOR: 1\r\n") == "+FTPSTOR: 1\r\n");
  CHECK(read_file(sim.root() / "s.bin") == content);
}

TEST_CASE("FTPSTOR of nothing makes an empty file; an offset keeps the bytes before it", "[sim]") {
  SimHarness sim;
  write_file(sim.root() / "r.bin", "0123456789");
  PtyClient host(sim.link());
  start_session(host);
  host.exchange("AT+FTPSTOR=\"empty\",1", "+FTPSTOR: 2\r\n");
  host.send("\x03");
  CHECK(host.read_until("+FTPSTOR: 1\r\n") == "+FTPSTOR: 1\r\n");
  CHECK(fs::file_size(sim.root() / "empty") == 0);
  host.exchange("AT+FTPSTOR=\"r.bin\",1,4", "+FTPSTOR: 2\r\n");
  host.send("XY\x03");
  host.read_until("+FTPSTOR: 1\r\n");
  CHECK(read_file(sim.root() / "r.bin") == "0123XY");
  host.exchange("AT+FTPSTOR=\"new\",1,3", "+FTPSTOR: 2\r\n");
  host.send("Z\x03");
  host.read_until("+FTPSTOR: 1\r\n");
  CHECK(read_file(sim.root() / "new") == std::string("\0\0\0Z", 4));
}

TEST_CASE("FTPRETR escapes 0x03 and 0x10 and ends with 0x03", "[sim]") {
  SimHarness sim;
  std::string content = "\x03\x10x\x10\x10" + pattern(100000, 9);
  write_file(sim.root() / "r.bin", content);
  PtyClient host(sim.link());
  start_session(host);
  CHECK(host.exchange("AT+GTSET=\"FTPLIMIT\",0", "OK\r\n") == "OK\r\n");  // unpaced
  CHECK(host.exchange("AT+FTPRETR=\"r.bin\",1", "+FTPRETR: 2\r\n") == "OK\r\n+FTPRETR: 2\r\n");
  std::string wire = escape(content) + "\x03";
  CHECK(host.read_exact(wire.size()) == wire);
  CHECK(host.read_until("\r\n") == "+FTPRETR: 1\r\n");
  CHECK(host.exchange("AT+FTPRETR=\"r.bin\",1,3", "+FTPRETR: 2\r\n") == "OK\r\n+FTPRETR: 2\r\n");
  CHECK(host.read_until("+FTPRETR: 1\r\n") == escape(content.substr(3)) + "\x03+FTPRETR: 1\r\n");
  CHECK(host.exchange("AT+FTPRETR=\"none\",1", "+FTPRETR: 0\r\n") == "OK\r\n+FTPRETR: 0\r\n");
}

TEST_CASE("data left unread past the timeout closes the session", "[sim]") {
  SimHarness sim([](mfs::sim::SimConfig& c) { c.unread_timeout = std::chrono::milliseconds(300); });
  write_file(sim.root() / "f", pattern(5000));
  PtyClient host(sim.link());
  start_session(host);
  start_get(host, "AT+FTPGET=\"f\"");
  CHECK(host.read_until("\r\n", std::chrono::seconds(5)) == "+FTPCLOSE: 1\r\n");
  CHECK(host.exchange("AT+FTPOPEN?", "OK\r\n") == "+FTPOPEN: 0\r\nOK\r\n");
  CHECK(host.exchange("AT+FTPRECV?", "OK\r\n") == "+FTPRECV: 0\r\nOK\r\n");
}

TEST_CASE("FTPLIMIT paces FTPRETR by its timer, and 0 switches the timer off", "[sim]") {
  using std::chrono::steady_clock;
  SimHarness sim;
  const std::string content = pattern(14'600, 10);  // ten ticks' worth at one segment a tick
  write_file(sim.root() / "r.bin", content);
  PtyClient host(sim.link());
  start_session(host);
  CHECK(host.exchange("AT+GTSET=\"FTPLIMIT\",0", "OK\r\n") == "OK\r\n");
  auto timed_retr = [&] {
    const auto start = steady_clock::now();
    CHECK(host.exchange("AT+FTPRETR=\"r.bin\",1", "+FTPRETR: 2\r\n") == "OK\r\n+FTPRETR: 2\r\n");
    CHECK(host.read_until("+FTPRETR: 1\r\n") == escape(content) + "\x03+FTPRETR: 1\r\n");
    return steady_clock::now() - start;
  };
  CHECK(timed_retr() < std::chrono::milliseconds(200));
  CHECK(host.exchange("AT+GTSET=\"FTPLIMIT\",30", "OK\r\n") == "OK\r\n");
  CHECK(timed_retr() >= std::chrono::milliseconds(300));  // ten ticks of 30 ms
}
