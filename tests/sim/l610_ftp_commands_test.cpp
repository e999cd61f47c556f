// Session and control-connection commands over a real pty: FTPOPEN/FTPCLOSE, directory
// operations with their +FTPINFO server replies, and the root that nothing escapes.
#include <catch2/catch.hpp>

#include <filesystem>

#include "tests/sim/sim_harness.hpp"

using namespace mfs::sim::test;
namespace fs = std::filesystem;

namespace {

void enable_ftpinfo(PtyClient& host) {
  REQUIRE(host.exchange("AT+FTPINFO=1", "OK\r\n") == "OK\r\n");
}

}  // namespace

TEST_CASE("FTPOPEN, FTPOPEN? and FTPCLOSE", "[sim]") {
  SimHarness sim;
  PtyClient host(sim.link());
  start_session(host);
  CHECK(host.exchange("AT+FTPOPEN?", "OK\r\n") == "+FTPOPEN: 1\r\nOK\r\n");
  CHECK(host.exchange("AT+FTPOPEN=\"h\",\"demo\",\"demo\",\"\",0,21,0", "\r\n") == "ERROR\r\n");
  CHECK(host.exchange("AT+FTPCLOSE", "+FTPCLOSE: 1\r\n") == "OK\r\n+FTPCLOSE: 1\r\n");
  CHECK(host.exchange("AT+FTPOPEN?", "OK\r\n") == "+FTPOPEN: 0\r\nOK\r\n");
}

TEST_CASE("FTPOPEN with wrong credentials reports 0 and 530", "[sim]") {
  SimHarness sim;
  PtyClient host(sim.link());
  host.command("ATE0");
  host.read_until("OK\r\n");
  host.command("AT+MIPCALL=1,\"internet\"");
  host.read_until("+MIPCALL: 10.0.0.2\r\n");
  enable_ftpinfo(host);
  CHECK(host.exchange("AT+FTPOPEN=\"h\",\"demo\",\"wrong\",\"\",0,2121,0", "+FTPOPEN: 0\r\n") ==
        "OK\r\n+FTPINFO: 220 (vsFTPd 3.0.3)\r\n+FTPINFO: 331 Please specify the password.\r\n"
        "+FTPINFO: 530 Login incorrect.\r\n+FTPOPEN: 0\r\n");
  CHECK(host.exchange("AT+FTPOPEN?", "OK\r\n") == "+FTPOPEN: 0\r\nOK\r\n");
}

TEST_CASE("any login is accepted when no user is configured", "[sim]") {
  SimHarness sim([](mfs::sim::SimConfig& c) { c.user.clear(); });
  PtyClient host(sim.link());
  host.command("ATE0");
  host.read_until("OK\r\n");
  host.command("AT+MIPCALL=1,\"internet\"");
  host.read_until("+MIPCALL: 10.0.0.2\r\n");
  CHECK(host.exchange("AT+FTPOPEN=\"h\",\"x\",\"y\"", "+FTPOPEN: 1\r\n") == "OK\r\n+FTPOPEN: 1\r\n");
}

TEST_CASE("MKD, CWD, PWD, CDUP, RMD and DEL change the tree", "[sim]") {
  SimHarness sim;
  write_file(sim.root() / "f.txt", "data");
  PtyClient host(sim.link());
  start_session(host);
  CHECK(host.exchange("AT+FTPMKD=\"new dir\"", "+FTPMKD: 1\r\n") == "OK\r\n+FTPMKD: 1\r\n");
  CHECK(fs::is_directory(sim.root() / "new dir"));
  CHECK(host.exchange("AT+FTPMKD=\"new dir\"", "+FTPMKD: 0\r\n") == "OK\r\n+FTPMKD: 0\r\n");
  CHECK(host.exchange("AT+FTPCWD=\"new dir\"", "+FTPCWD: 1\r\n") == "OK\r\n+FTPCWD: 1\r\n");
  CHECK(host.exchange("AT+FTPPWD", "+FTPPWD: 1\r\n") == "OK\r\n+FTPPWD: 2,\"/new dir\"\r\n+FTPPWD: 1\r\n");
  CHECK(host.exchange("AT+FTPMKD=\"inner\"", "+FTPMKD: 1\r\n") == "OK\r\n+FTPMKD: 1\r\n");
  CHECK(fs::is_directory(sim.root() / "new dir" / "inner"));
  CHECK(host.exchange("AT+FTPCDUP", "+FTPCDUP: 1\r\n") == "OK\r\n+FTPCDUP: 1\r\n");
  CHECK(host.exchange("AT+FTPPWD", "+FTPPWD: 1\r\n") == "OK\r\n+FTPPWD: 2,\"/\"\r\n+FTPPWD: 1\r\n");
  CHECK(host.exchange("AT+FTPCWD=\"f.txt\"", "+FTPCWD: 0\r\n") == "OK\r\n+FTPCWD: 0\r\n");
  CHECK(host.exchange("AT+FTPRMD=\"/new dir/inner\"", "+FTPRMD: 1\r\n") == "OK\r\n+FTPRMD: 1\r\n");
  CHECK(!fs::exists(sim.root() / "new dir" / "inner"));
  CHECK(host.exchange("AT+FTPDEL=\"f.txt\"", "+FTPDEL: 1\r\n") == "OK\r\n+FTPDEL: 1\r\n");
  CHECK(!fs::exists(sim.root() / "f.txt"));
  CHECK(host.exchange("AT+FTPDEL=\"f.txt\"", "+FTPDEL: 0\r\n") == "OK\r\n+FTPDEL: 0\r\n");
}

TEST_CASE("RMD of a non-empty directory fails with 550 in FTPINFO", "[sim]") {
  SimHarness sim;
  write_file(sim.root() / "full" / "x", "x");
  PtyClient host(sim.link());
  start_session(host);
  enable_ftpinfo(host);
  CHECK(host.exchange("AT+FTPRMD=\"full\"", "+FTPRMD: 0\r\n") ==
        "OK\r\n+FTPINFO: 550 Remove directory operation failed.\r\n+FTPRMD: 0\r\n");
  CHECK(fs::exists(sim.root() / "full" / "x"));
}

TEST_CASE("FTPREN renames, overwrites a file target, and fails on a missing source", "[sim]") {
  SimHarness sim;
  write_file(sim.root() / "a", "AAA");
  write_file(sim.root() / "b", "B");
  PtyClient host(sim.link());
  start_session(host);
  enable_ftpinfo(host);
  CHECK(host.exchange("AT+FTPREN=\"a\",\"b\"", "+FTPREN: 1\r\n") ==
        "OK\r\n+FTPINFO: 350 Ready for RNTO.\r\n+FTPINFO: 250 Rename successful.\r\n+FTPREN: 1\r\n");
  CHECK(!fs::exists(sim.root() / "a"));
  CHECK(read_file(sim.root() / "b") == "AAA");
  CHECK(host.exchange("AT+FTPREN=\"missing\",\"c\"", "+FTPREN: 0\r\n") ==
        "OK\r\n+FTPINFO: 550 RNFR command failed.\r\n+FTPREN: 0\r\n");
}

TEST_CASE("FTPSYST, FTPNOOP and FTPSTAT", "[sim]") {
  SimHarness sim;
  PtyClient host(sim.link());
  start_session(host);
  CHECK(host.exchange("AT+FTPSYST", "+FTPSYST: 1\r\n") ==
        "OK\r\n+FTPSYST: 2,UNIX Type: L8\r\n+FTPSYST: 1\r\n");
  CHECK(host.exchange("AT+FTPNOOP", "+FTPNOOP: 1\r\n") == "OK\r\n+FTPNOOP: 1\r\n");
  std::string stat = host.exchange("AT+FTPSTAT", "+FTPSTAT: 1\r\n");
  CHECK(stat.starts_with("OK\r\n+FTPSTAT: 2,FTP server status:\r\n"));
  CHECK(host.exchange("AT+FTPSTAT=\"missing\"", "+FTPSTAT: 0\r\n") == "OK\r\n+FTPSTAT: 0\r\n");
}

TEST_CASE("'..' and outward symlinks never leave the root", "[sim]") {
  SimHarness sim;
  write_file(sim.base() / "secret.txt", "secret");
  fs::create_directory_symlink(sim.base(), sim.root() / "out");
  PtyClient host(sim.link());
  start_session(host);
  enable_ftpinfo(host);
  CHECK(host.exchange("AT+FTPCWD=\"../..\"", "+FTPCWD: 1\r\n") ==
        "OK\r\n+FTPINFO: 250 Directory successfully changed.\r\n+FTPCWD: 1\r\n");
  CHECK(host.exchange("AT+FTPPWD", "+FTPPWD: 1\r\n").find("+FTPPWD: 2,\"/\"\r\n") != std::string::npos);
  CHECK(host.exchange("AT+FTPLIST=\"../secret.txt\"", "+FTPLIST: 0\r\n") ==
        "OK\r\n+FTPINFO: 550 No such file or directory.\r\n+FTPLIST: 0\r\n");
  CHECK(host.exchange("AT+FTPGET=\"out/secret.txt\"", "+FTPGET: 0\r\n") ==
        "OK\r\n+FTPINFO: 550 Failed to open file.\r\n+FTPGET: 0\r\n");
  CHECK(host.exchange("AT+FTPCWD=\"out\"", "+FTPCWD: 0\r\n").ends_with("+FTPCWD: 0\r\n"));
  CHECK(host.exchange("AT+FTPDEL=\"../secret.txt\"", "+FTPDEL: 0\r\n").ends_with("+FTPDEL: 0\r\n"));
  CHECK(fs::exists(sim.base() / "secret.txt"));
}
