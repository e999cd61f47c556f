// What a real server's listing carries that our own directory store never exercised: UTF-8
// names with spaces, a year column for old files, dotfiles, and errors that differ between a
// missing path and a refused one. Runs in every server= variant.
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <ctime>
#include <thread>

#include "mount_fixture.hpp"

using namespace mfs::e2e;

namespace {

int errno_of(int result) { return result < 0 ? errno : 0; }

}  // namespace

TEST_CASE("UTF-8 names with spaces and an old file's year show as on the server", "[e2e]") {
  MountFixture m(MountSettings{std::chrono::seconds(0), "", {}});
  const std::string unicode = "\xc3\xbc" "ber m" "\xc3\xa4" "rz.txt";  // "über märz.txt"
  write_file(m.remote() / unicode, "utf8");
  write_file(m.remote() / "old.txt", "old");
  utimbuf old{1551675960, 1551675960};  // 2019-03-04 05:06 UTC: listed with a year, no time
  REQUIRE(::utime((m.remote() / "old.txt").c_str(), &old) == 0);

  CHECK(read_file(m.mnt() / unicode) == "utf8");
  const RunResult listed = run("ls " + q(m.mnt()));
  CHECK(listed.output.find(unicode + "\n") != std::string::npos);
  struct stat st {};
  REQUIRE(::stat((m.mnt() / "old.txt").c_str(), &st) == 0);
  std::tm utc{};
  gmtime_r(&st.st_mtime, &utc);
  CHECK(utc.tm_year + 1900 == 2019);
  CHECK(utc.tm_mon == 2);
  CHECK(utc.tm_mday == 4);
}

// Pure-FTPd splits "LIST /my dir" at the space and finds nothing (with success); the driver
// enters such a directory with CWD and lists it without an argument.
TEST_CASE("a directory whose name has spaces lists its files", "[e2e]") {
  MountFixture m;
  fs::create_directories(m.remote() / "my dir" / "deeper");
  write_file(m.remote() / "my dir" / "inner.txt", "in");
  CHECK(run("ls " + q(m.mnt() / "my dir")).output == "deeper\ninner.txt\n");
  CHECK(read_file(m.mnt() / "my dir" / "inner.txt") == "in");
}

// Dotfiles (issue 12 item 4): vsftpd, Pure-FTPd and the directory store leave them out of a
// plain LIST and show them for LIST -a, which the L610 sends once the server takes it;
// pyftpdlib refuses "LIST -a <path>" and shows them anyway. The SIM7000 has no way to pass
// options (man page): there, only a server that lists dotfiles shows them.
TEST_CASE("a dotfile stays listed, readable and removable when the listing is refreshed",
          "[e2e]") {
  MountFixture m(MountSettings{std::chrono::seconds(0), "", {}});  // every lookup lists again
  const bool shown = m.dialect() == "l610" || (m.server() && m.server()->lists_dotfiles());
  fs::create_directories(m.remote() / "d" / ".git");
  write_file(m.remote() / "d" / ".hidden", "dot");
  write_file(m.remote() / "d" / ".git" / "HEAD", "ref");
  write_file(m.mnt() / "d" / ".written", "new dotfile");
  CHECK(read_file(m.remote() / "d" / ".written") == "new dotfile");

  const std::string listed = run("ls -A " + q(m.mnt() / "d")).output;
  if (!shown) {
    CHECK(listed.empty());
    return;
  }
  CHECK(listed == ".git\n.hidden\n.written\n");
  CHECK(read_file(m.mnt() / "d" / ".written") == "new dotfile");
  CHECK(read_file(m.mnt() / "d" / ".hidden") == "dot");
  CHECK(read_file(m.mnt() / "d" / ".git" / "HEAD") == "ref");
  CHECK(errno_of(::unlink((m.mnt() / "d" / ".hidden").c_str())) == 0);
  CHECK_FALSE(fs::exists(m.remote() / "d" / ".hidden"));
  CHECK(run("rm -r " + q(m.mnt() / "d")).status == 0);
  CHECK_FALSE(fs::exists(m.remote() / "d"));
}

TEST_CASE("a missing path is ENOENT and one the server refuses is EACCES", "[e2e]") {
  MountFixture m(MountSettings{std::chrono::seconds(0), "", {}});
  fs::create_directories(m.remote() / "locked");
  write_file(m.remote() / "locked" / "inside", "x");
  write_file(m.remote() / "secret", "s");
  CHECK(errno_of(::access((m.mnt() / "missing").c_str(), F_OK)) == ENOENT);
  CHECK(errno_of(::unlink((m.mnt() / "missing").c_str())) == ENOENT);
  CHECK(errno_of(::rename((m.mnt() / "missing").c_str(), (m.mnt() / "other").c_str())) == ENOENT);
  CHECK(errno_of(::rmdir((m.mnt() / "missing").c_str())) == ENOENT);

  // Only a server that acts as an unprivileged user can refuse anything here (root reads all).
  if (!m.server() || m.server()->runs_as_root()) return;
  ::chmod((m.remote() / "secret").c_str(), 0);
  ::chmod((m.remote() / "locked").c_str(), 0555);
  CHECK(read_file(m.mnt() / "secret").empty());
  CHECK(run("cat " + q(m.mnt() / "secret")).output.find("Permission denied") != std::string::npos);
  CHECK(errno_of(::unlink((m.mnt() / "locked" / "inside").c_str())) == EACCES);
  CHECK(errno_of(::mkdir((m.mnt() / "locked" / "sub").c_str(), 0755)) == EACCES);
  ::chmod((m.remote() / "locked").c_str(), 0777);
}

TEST_CASE("a listed directory's link count is 2 + its subdirectories", "[e2e]") {
  MountFixture m;
  fs::create_directories(m.remote() / "d" / "a");
  fs::create_directories(m.remote() / "d" / "b");
  write_file(m.remote() / "d" / "file", "x");
  REQUIRE(run("ls " + q(m.mnt() / "d")).status == 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // the kernel's attribute cache
  CHECK(run("stat -c %h " + q(m.mnt() / "d")).output == "4\n");
  CHECK(run("find " + q(m.mnt()) + " -type d | wc -l").output == "4\n");  // no leaf shortcut
}
