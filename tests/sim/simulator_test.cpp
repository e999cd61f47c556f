// The serve loop and the modem-sim binary: hosts that come and go, the link symlink's
// lifetime, and a clean exit on SIGTERM.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>
#include <filesystem>
#include <optional>

#include "tests/sim/sim_harness.hpp"

using namespace mfs::sim::test;
namespace fs = std::filesystem;

TEST_CASE("modem state survives the host closing and reopening the port", "[sim]") {
  SimHarness sim;
  {
    PtyClient host(sim.link());
    start_session(host);
  }
  PtyClient host(sim.link());
  CHECK(host.exchange("AT+FTPOPEN?", "OK\r\n") == "+FTPOPEN: 1\r\nOK\r\n");
  CHECK(host.exchange("AT+FTPPWD", "+FTPPWD: 1\r\n") == "OK\r\n+FTPPWD: 2,\"/\"\r\n+FTPPWD: 1\r\n");
}

TEST_CASE("the link symlink exists while serving and is gone after", "[sim]") {
  fs::path link;
  {
    SimHarness sim;
    link = sim.link();
    CHECK(fs::is_symlink(link));
    CHECK(fs::read_symlink(link).string().starts_with("/dev/pts/"));
  }
  CHECK_FALSE(fs::exists(fs::symlink_status(link)));
}

namespace {

// modem-sim as a child process; stdout is read for its READY line.
struct Child {
  pid_t pid = -1;
  FILE* out = nullptr;
};

Child spawn(const std::vector<std::string>& args) {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    freopen("/dev/null", "w", stderr);  // usage and logs are not under test
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(fds[1]);
  return {pid, fdopen(fds[0], "r")};
}

int stop(Child& child) {
  kill(child.pid, SIGTERM);
  int status = 0;
  waitpid(child.pid, &status, 0);
  fclose(child.out);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("modem-sim serves, checks credentials, and exits cleanly on SIGTERM", "[sim]") {
  SimHarness scratch;  // only for its temporary directory
  fs::path root = scratch.base() / "served";
  fs::create_directory(root);
  write_file(scratch.base() / "pass", "s3cret\n");
  fs::path link = scratch.base() / "child-tty";
  Child child = spawn({MFS_BINARY_DIR "/sim/modem-sim", "--dialect", "l610", "--root",
                       root.string(), "--link", link.string(), "--user", "me",
                       "--password-file", (scratch.base() / "pass").string(), "--stats",
                       (scratch.base() / "child.json").string()});
  char line[256] = {};
  REQUIRE(fgets(line, sizeof line, child.out) != nullptr);
  CHECK(std::string(line) == "READY " + link.string() + "\n");
  {
    PtyClient host(link);
    host.exchange("ATE0", "OK\r\n");
    host.exchange("AT+MIPCALL=1,\"internet\"", "+MIPCALL: 10.0.0.2\r\n");
    CHECK(host.exchange("AT+FTPOPEN=\"h\",\"me\",\"nope\"", "+FTPOPEN: 0\r\n") == "OK\r\n+FTPOPEN: 0\r\n");
    CHECK(host.exchange("AT+FTPOPEN=\"h\",\"me\",\"s3cret\"", "+FTPOPEN: 1\r\n") == "OK\r\n+FTPOPEN: 1\r\n");
  }
  CHECK(stop(child) == 0);
  CHECK_FALSE(fs::exists(fs::symlink_status(link)));
  CHECK(read_file(scratch.base() / "child.json").find("\"ftp_sessions\": 1") != std::string::npos);
}

TEST_CASE("modem-sim refuses bad arguments", "[sim]") {
  Child child = spawn({MFS_BINARY_DIR "/sim/modem-sim", "--root", "/tmp", "--quirks", "bogus",
                       "--link", "/tmp/never"});
  int status = 0;
  waitpid(child.pid, &status, 0);
  fclose(child.out);
  CHECK(WEXITSTATUS(status) == 2);
}
