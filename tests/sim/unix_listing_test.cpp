// LIST bytes over the wire against a tree built here: names, sizes, modes and dates are the
// ones this test set, written out in vsftpd's column layout by hand.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <filesystem>

#include "sim/unix_listing.hpp"
#include "tests/sim/sim_harness.hpp"

using namespace mfs::sim::test;
namespace fs = std::filesystem;

namespace {

constexpr std::time_t old_time = 1551675960;  // 2019-03-04 05:06:00 UTC

void set_mtime(const fs::path& p, std::time_t t) {
  timespec times[2] = {{t, 0}, {t, 0}};
  REQUIRE(utimensat(AT_FDCWD, p.c_str(), times, AT_SYMLINK_NOFOLLOW) == 0);
}

// "1000     1000     ": owner and group, each left-aligned in 8 columns plus a separator.
std::string ids() {
  std::string uid = std::to_string(getuid()), gid = std::to_string(getgid());
  return uid + std::string(9 - uid.size(), ' ') + gid + std::string(9 - gid.size(), ' ');
}

std::string recent_date(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%b %d %H:%M", &tm);  // the C locale: English months
  return buf;
}

std::string right(std::uint64_t n, std::size_t width) {
  std::string s = std::to_string(n);
  return std::string(s.size() < width ? width - s.size() : 0, ' ') + s;
}

}  // namespace

TEST_CASE("FTPLIST sends the tree as vsftpd would list it", "[sim]") {
  SimHarness sim;
  const fs::path& r = sim.root();
  std::time_t recent = std::time(nullptr) - 7200;
  write_file(r / "b c.bin", std::string(1234, 'x'));
  write_file(r / "a.txt", "hello");
  write_file(r / ".hidden", "h");
  write_file(r / "sub" / "inner" / "deep.txt", "deep");
  fs::permissions(r / "b c.bin", fs::perms(0644));
  fs::permissions(r / "a.txt", fs::perms(0755));
  fs::permissions(r / "sub", fs::perms(0750));
  fs::create_symlink("a.txt", r / "link");
  set_mtime(r / "a.txt", recent);
  set_mtime(r / "b c.bin", old_time);
  set_mtime(r / "link", recent);
  set_mtime(r / "sub", recent);
  struct stat sub_st {};
  REQUIRE(lstat((r / "sub").c_str(), &sub_st) == 0);

  std::string expected =
      "-rwxr-xr-x    1 " + ids() + right(5, 8) + " " + recent_date(recent) + " a.txt\r\n" +
      "-rw-r--r--    1 " + ids() + right(1234, 8) + " Mar 04  2019 b c.bin\r\n" +
      "lrwxrwxrwx    1 " + ids() + right(5, 8) + " " + recent_date(recent) + " link -> a.txt\r\n" +
      "drwxr-x---    3 " + ids() + right(static_cast<std::uint64_t>(sub_st.st_size), 8) + " " +
      recent_date(recent) + " sub\r\n";

  PtyClient host(sim.link());
  start_session(host);
  CHECK(host.exchange("AT+FTPLIST", "+FTPLIST: 1\r\n") ==
        "OK\r\n+FTPLIST: 2\r\n" + expected + "+FTPLIST: 1\r\n");
  CHECK(host.exchange("AT+FTPLIST=\"/b c.bin\"", "+FTPLIST: 1\r\n") ==
        "OK\r\n+FTPLIST: 2\r\n-rw-r--r--    1 " + ids() + right(1234, 8) +
            " Mar 04  2019 b c.bin\r\n+FTPLIST: 1\r\n");
  CHECK(host.exchange("AT+FTPLIST=\"sub/inner\"", "+FTPLIST: 1\r\n").find(" deep.txt\r\n+FTPLIST: 1") !=
        std::string::npos);
  CHECK(host.exchange("AT+FTPLIST=\"nope\"", "+FTPLIST: 0\r\n") == "OK\r\n+FTPLIST: 0\r\n");
}

TEST_CASE("an empty directory lists as nothing between 2 and 1", "[sim]") {
  SimHarness sim;
  fs::create_directory(sim.root() / "empty");
  PtyClient host(sim.link());
  start_session(host);
  CHECK(host.exchange("AT+FTPLIST=\"empty\"", "+FTPLIST: 1\r\n") ==
        "OK\r\n+FTPLIST: 2\r\n+FTPLIST: 1\r\n");
}

TEST_CASE("list_line: future dates and big sizes as in the vsftpd capture", "[sim]") {
  SimHarness sim;
  fs::path f = sim.root() / "size5G.bin";
  write_file(f, "");
  fs::resize_file(f, 5368709120ULL);  // sparse
  fs::permissions(f, fs::perms(0644));
  set_mtime(f, 1893456000);  // 2030-01-01 00:00:00 UTC: in the future, so a year
  auto now = std::chrono::system_clock::from_time_t(1795282555);  // 2026-11-21 17:35:55 UTC
  auto line = mfs::sim::list_line(f, "size5G.bin", now);
  REQUIRE(line);
  CHECK(*line == "-rw-r--r--    1 " + ids() + "5368709120 Jan 01  2030 size5G.bin");
}

// vsftpd hides dotfiles from a plain LIST and shows them, with "." and "..", for LIST -a
// (/work/shared/ftp-listings/vsftpd/README.md); the directory store does the same.
TEST_CASE("FTPLIST hides dotfiles unless its argument starts with -a", "[sim]") {
  SimHarness sim;
  write_file(sim.root() / "sub" / ".dot", "d");
  write_file(sim.root() / "sub" / "plain", "p");
  write_file(sim.root() / "-dash" / ".in", "i");
  PtyClient host(sim.link());
  start_session(host);
  auto listed = [&](const std::string& command) {
    return host.exchange(command, "+FTPLIST: 1\r\n");
  };
  auto shows = [](const std::string& listing, const std::string& name) {
    return listing.find(" " + name + "\r\n") != std::string::npos;
  };
  const std::string plain = listed("AT+FTPLIST=\"/sub\"");
  CHECK(shows(plain, "plain"));
  CHECK_FALSE(shows(plain, ".dot"));
  for (const char* argument : {"-a /sub", "-la /sub", "-a sub"}) {
    INFO(argument);
    const std::string all = listed("AT+FTPLIST=\"" + std::string(argument) + "\"");
    CHECK(shows(all, ".dot"));
    CHECK(shows(all, "plain"));
    CHECK(shows(all, "."));
    CHECK(shows(all, ".."));
  }
  CHECK(shows(listed("AT+FTPLIST=\"-a\""), "sub"));           // the working directory
  CHECK(shows(listed("AT+FTPLIST=\"-a /-dash\""), ".in"));    // a path starting with '-'
  CHECK_FALSE(shows(listed("AT+FTPLIST=\"/-dash\""), ".in"));
}

TEST_CASE("parse_list_argument reads options as vsftpd does, or as pyftpdlib", "[sim]") {
  using mfs::sim::parse_list_argument;
  using mfs::sim::ListStyle;
  const auto vsftpd = ListStyle::vsftpd;
  CHECK_FALSE(parse_list_argument(std::nullopt, vsftpd).all);
  CHECK_FALSE(parse_list_argument(std::nullopt, vsftpd).path);
  CHECK(parse_list_argument("/a b", vsftpd).path == "/a b");
  CHECK_FALSE(parse_list_argument("/a b", vsftpd).all);
  CHECK(parse_list_argument("-a", vsftpd).all);
  CHECK_FALSE(parse_list_argument("-a", vsftpd).path);
  CHECK(parse_list_argument("-la /x y", vsftpd).path == "/x y");
  CHECK(parse_list_argument("-la /x y", vsftpd).all);
  CHECK_FALSE(parse_list_argument("-l /x", vsftpd).all);
  CHECK(parse_list_argument("-l /x", vsftpd).path == "/x");
  const auto py = ListStyle::pyftpdlib;
  CHECK(parse_list_argument("/x", py).all);
  CHECK(parse_list_argument("-a", py).all);
  CHECK_FALSE(parse_list_argument("-a", py).path);
  CHECK(parse_list_argument("-a /x", py).path == "-a /x");
}
