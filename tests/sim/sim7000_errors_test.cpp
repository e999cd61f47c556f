// The SIM7000 simulator's failures (PROTOCOL.md section 3): result codes in the second field of
// the result URC for what the server or the network refuses, ERROR for malformed commands.
#include <catch2/catch.hpp>

#include <filesystem>

#include "tests/sim/sim7000_host.hpp"
#include "tests/support/stats_json.hpp"

using namespace mfs::sim::test;
namespace fs = std::filesystem;

TEST_CASE("sim7000: what the server refuses is operate error 77", "[sim][sim7000]") {
  SimHarness sim([](mfs::sim::SimConfig& c) { as_sim7000(c); });
  write_file(sim.root() / "full" / "f", "x");
  PtyClient host(sim.link());
  start_sim7000(host);
  set_login(host);
  set_get_file(host, "/", "missing");
  CHECK(host.exchange("AT+FTPGET=1", "+FTPGET: 1,77\r\n") == "OK\r\n+FTPGET: 1,77\r\n");
  CHECK(host.exchange("AT+FTPSIZE", "+FTPSIZE: 1,77\r\n") == "OK\r\n+FTPSIZE: 1,77\r\n");
  CHECK(host.exchange("AT+FTPMDTM", "+FTPMDTM: 1,77\r\n") == "OK\r\n+FTPMDTM: 1,77\r\n");
  CHECK(host.exchange("AT+FTPDELE", "+FTPDELE: 1,77\r\n") == "OK\r\n+FTPDELE: 1,77\r\n");
  CHECK(host.exchange("AT+FTPEXTGET=1", "+FTPEXTGET: 1,77\r\n") == "OK\r\n+FTPEXTGET: 1,77\r\n");
  set(host, "FTPPUTNAME", "\"new\"");
  CHECK(host.exchange("AT+FTPRENAME", "+FTPRENAME: 1,77\r\n") == "OK\r\n+FTPRENAME: 1,77\r\n");
  set(host, "FTPPUTPATH", "\"/no/such/dir/\"");
  CHECK(host.exchange("AT+FTPPUT=1", "+FTPPUT: 1,77\r\n") == "OK\r\n+FTPPUT: 1,77\r\n");
  set_get_file(host, "/full/", "f");
  CHECK(host.exchange("AT+FTPRMD", "+FTPRMD: 1,77\r\n") == "OK\r\n+FTPRMD: 1,77\r\n");  // not empty
  CHECK(host.exchange("AT+FTPMKD", "+FTPMKD: 1,77\r\n") == "OK\r\n+FTPMKD: 1,77\r\n");  // exists
  set_get_file(host, "/missing/", "f");
  CHECK(host.exchange("AT+FTPLIST=1", "+FTPLIST: 1,77\r\n") == "OK\r\n+FTPLIST: 1,77\r\n");
  CHECK(fs::exists(sim.root() / "full" / "f"));
}

TEST_CASE("sim7000: no bearer is 61, no server 62, a refused login 72", "[sim][sim7000]") {
  SimHarness sim([](mfs::sim::SimConfig& c) { as_sim7000(c); });
  write_file(sim.root() / "1K.txt", "x");
  PtyClient host(sim.link());
  CHECK(host.exchange("ATE0", "OK\r\n") == "ATE0\r\nOK\r\n");
  set_get_file(host);
  CHECK(host.exchange("AT+FTPSIZE", "+FTPSIZE: 1,61\r\n") == "OK\r\n+FTPSIZE: 1,61\r\n");
  CHECK(host.exchange("AT+CNACT=1", "+APP PDP: ACTIVE\r\n") == "OK\r\n+APP PDP: ACTIVE\r\n");
  CHECK(host.exchange("AT+FTPSIZE", "+FTPSIZE: 1,62\r\n") == "OK\r\n+FTPSIZE: 1,62\r\n");
  set_login(host);
  set(host, "FTPUN", "\"nobody\"");  // vsftpd asks any user for a password, then refuses: 72
  CHECK(host.exchange("AT+FTPSIZE", "+FTPSIZE: 1,72\r\n") == "OK\r\n+FTPSIZE: 1,72\r\n");
  set(host, "FTPUN", "\"sim.cs1\"");
  CHECK(host.exchange("AT+FTPSIZE", "+FTPSIZE: 1,0,1\r\n") == "OK\r\n+FTPSIZE: 1,0,1\r\n");
}

TEST_CASE("sim7000: losing the bearer ends the running transfer with 61", "[sim][sim7000]") {
  SimHarness sim([](mfs::sim::SimConfig& c) { as_sim7000(c); });
  write_file(sim.root() / "1K.txt", pattern(5000));
  PtyClient host(sim.link());
  start_sim7000(host);
  set_login(host);
  set_get_file(host);
  CHECK(host.exchange("AT+FTPGET=1", "+FTPGET: 1,1\r\n") == "OK\r\n+FTPGET: 1,1\r\n");
  CHECK(host.exchange("AT+FTPSTATE", "OK\r\n") == "+FTPSTATE: 1\r\nOK\r\n");
  CHECK(host.exchange("AT+CNACT=0", "+FTPGET: 1,61\r\n") ==
        "OK\r\n+APP PDP: DEACTIVE\r\n+FTPGET: 1,61\r\n");
  CHECK(host.exchange("AT+FTPSTATE", "OK\r\n") == "+FTPSTATE: 0\r\nOK\r\n");
  CHECK(host.exchange("AT+FTPGET=2,100", "\r\n") == "ERROR\r\n");
}

TEST_CASE("sim7000: malformed commands and out-of-range lengths are ERROR", "[sim][sim7000]") {
  SimHarness sim([](mfs::sim::SimConfig& c) { as_sim7000(c); });
  write_file(sim.root() / "1K.txt", pattern(5000));
  PtyClient host(sim.link());
  start_sim7000(host);
  set_login(host);
  set_get_file(host);
  set(host, "FTPPUTNAME", "\"up\"");
  for (const char* bad : {"AT+FTPSERV=host", "AT+FTPPORT=65536", "AT+FTPMODE=2", "AT+FTPTYPE=\"X\"",
                          "AT+FTPPW?", "AT+FTPGET", "AT+FTPGET=3", "AT+FTPGET=1,1", "AT+FTPSIZE=2",
                          "AT+FTPNOSUCH", "AT+FTPPUTOPT=\"DELE\"", "AT+CNACT=1", "AT+FTPEXTGET=2"})
    CHECK(host.exchange(bad, "\r\n") == "ERROR\r\n");
  CHECK(host.exchange("AT+FTPGET=1", "+FTPGET: 1,1\r\n") == "OK\r\n+FTPGET: 1,1\r\n");
  CHECK(host.exchange("AT+FTPGET=2,1461", "\r\n") == "ERROR\r\n");
  CHECK(host.exchange("AT+FTPGET=2,0", "\r\n") == "ERROR\r\n");
  CHECK(host.exchange("AT+FTPLIST=2,100", "\r\n") == "ERROR\r\n");  // a GET runs, not a LIST
  CHECK(host.exchange("AT+FTPSIZE", "+FTPSIZE: 1,66\r\n") == "OK\r\n+FTPSIZE: 1,66\r\n");  // busy
  CHECK(read_block(host, "FTPGET", 1460) == pattern(1460));
  CHECK(host.exchange("AT+FTPQUIT", "+FTPGET: 1,80\r\n") == "OK\r\n+FTPGET: 1,80\r\n");
  CHECK(host.exchange("AT+FTPPUT=1", "+FTPPUT: 1,1,1360\r\n") == "OK\r\n+FTPPUT: 1,1,1360\r\n");
  CHECK(host.exchange("AT+FTPPUT=2,1361", "\r\n") == "ERROR\r\n");
  CHECK(host.exchange("AT+FTPQUIT", "+FTPPUT: 1,80\r\n") == "OK\r\n+FTPPUT: 1,80\r\n");
}

TEST_CASE("sim7000: parameters read back as set, the password never", "[sim][sim7000]") {
  SimHarness sim([](mfs::sim::SimConfig& c) { as_sim7000(c); });
  PtyClient host(sim.link());
  start_sim7000(host);
  CHECK(host.exchange("AT+FTPPORT?", "OK\r\n") == "+FTPPORT: 21\r\nOK\r\n");
  CHECK(host.exchange("AT+FTPTYPE?", "OK\r\n") == "+FTPTYPE: \"I\"\r\nOK\r\n");
  set_login(host);
  set(host, "FTPPORT", "2121");
  set(host, "FTPMODE", "1");
  set(host, "FTPTYPE", "\"A\"");
  set(host, "FTPGETPATH", "\"/a dir/\"");
  CHECK(host.exchange("AT+FTPSERV?", "OK\r\n") == "+FTPSERV: \"116.228.221.52\"\r\nOK\r\n");
  CHECK(host.exchange("AT+FTPPORT?", "OK\r\n") == "+FTPPORT: 2121\r\nOK\r\n");
  CHECK(host.exchange("AT+FTPMODE?", "OK\r\n") == "+FTPMODE: 1\r\nOK\r\n");
  CHECK(host.exchange("AT+FTPTYPE?", "OK\r\n") == "+FTPTYPE: \"A\"\r\nOK\r\n");
  CHECK(host.exchange("AT+FTPGETPATH?", "OK\r\n") == "+FTPGETPATH: \"/a dir/\"\r\nOK\r\n");
  CHECK(host.exchange("AT+FTPPW?", "\r\n") == "ERROR\r\n");
}

TEST_CASE("sim7000: big transfers are byte-exact, one FTP session per action", "[sim][sim7000]") {
  SimHarness sim([](mfs::sim::SimConfig& c) { as_sim7000(c); });
  const std::string content = pattern(1200000);
  write_file(sim.root() / "big.bin", content);
  const std::string upload = pattern(100000, 4);
  PtyClient host(sim.link());
  start_sim7000(host);
  set_login(host);
  set_get_file(host, "/", "big.bin");
  CHECK(host.exchange("AT+FTPGET=1", "+FTPGET: 1,1\r\n") == "OK\r\n+FTPGET: 1,1\r\n");
  CHECK(read_to_end(host, "FTPGET", 1460, content.size()) == content);
  set_put_file(host, "/", "up.bin");
  CHECK(host.exchange("AT+FTPPUT=1", "+FTPPUT: 1,1,1360\r\n") == "OK\r\n+FTPPUT: 1,1,1360\r\n");
  for (std::size_t sent = 0; sent < upload.size(); sent += 1360) {
    std::size_t len = std::min<std::size_t>(1360, upload.size() - sent);
    REQUIRE(host.exchange("AT+FTPPUT=2," + std::to_string(len), "\r\n") ==
            "+FTPPUT: 2," + std::to_string(len) + "\r\n");
    host.send(upload.substr(sent, len));
    REQUIRE(host.read_until("+FTPPUT: 1,1,1360\r\n") == "OK\r\n+FTPPUT: 1,1,1360\r\n");
  }
  CHECK(host.exchange("AT+FTPPUT=2,0", "+FTPPUT: 1,0\r\n") == "OK\r\n+FTPPUT: 1,0\r\n");
  CHECK(read_file(sim.root() / "up.bin") == upload);
  set(host, "FTPPUTOPT", "\"APPE\"");
  CHECK(host.exchange("AT+FTPPUT=1", "+FTPPUT: 1,1,1360\r\n") == "OK\r\n+FTPPUT: 1,1,1360\r\n");
  CHECK(host.exchange("AT+FTPPUT=2,3", "\r\n") == "+FTPPUT: 2,3\r\n");
  host.send("end");
  CHECK(host.read_until("+FTPPUT: 1,1,1360\r\n") == "OK\r\n+FTPPUT: 1,1,1360\r\n");
  CHECK(host.exchange("AT+FTPPUT=2,0", "+FTPPUT: 1,0\r\n") == "OK\r\n+FTPPUT: 1,0\r\n");
  CHECK(read_file(sim.root() / "up.bin") == upload + "end");
  CHECK(host.exchange("AT+FTPSIZE", "+FTPSIZE: 1,0,1200000\r\n") ==
        "OK\r\n+FTPSIZE: 1,0,1200000\r\n");
  const std::string stats = sim.stats_json();
  CHECK(mfs::test::stats_count(stats, "ftp_sessions") == 4);  // GET, PUT, PUT (APPE), SIZE
  CHECK(mfs::test::stats_count(stats, "files_downloaded_bytes") == content.size());
  CHECK(mfs::test::stats_count(stats, "files_uploaded_bytes") == upload.size() + 3);
  CHECK(mfs::test::stats_count(stats, "FTPGET") == 1 + (content.size() + 1459) / 1460);
}
