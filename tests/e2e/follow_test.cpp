// tail -f through a real mount: lines another client appends on the server show within a few
// seconds (the reader at the end re-lists at most once a second), lines appended through the
// mount show too.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <fstream>
#include <thread>

#include "mount_fixture.hpp"

using namespace mfs::e2e;

namespace {

using Clock = std::chrono::steady_clock;

// Until `path` holds `text` or `limit` passed.
bool shows_within(const fs::path& path, const std::string& text, std::chrono::seconds limit) {
  const auto deadline = Clock::now() + limit;
  while (Clock::now() < deadline) {
    if (read_file(path).find(text) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

}  // namespace

TEST_CASE("tail -f follows lines appended on the server and through the mount", "[e2e]") {
  MountFixture fx;  // dir_cache_ttl stays at its default: following does not wait for it
  write_file(fx.remote() / "log", "one\n");
  const fs::path out = fx.scratch() / "tail.out";
  write_file(out, "");
  const pid_t tail = ::fork();
  REQUIRE(tail >= 0);
  if (tail == 0) {
    const std::string target = (fx.mnt() / "log").string();
    const std::string sink = out.string();
    ::execlp("sh", "sh", "-c", ("exec tail -n +1 -f ---disable-inotify -s 0.5 '" + target + "' > '" +
                                 sink + "' 2>&1").c_str(),
             static_cast<char*>(nullptr));
    ::_exit(127);
  }
  CHECK(shows_within(out, "one\n", std::chrono::seconds(10)));
  {
    std::ofstream other(fx.remote() / "log", std::ios::app);  // another client of the server
    other << "two\n";
  }
  CHECK(shows_within(out, "one\ntwo\n", std::chrono::seconds(5)));
  REQUIRE(run("echo three >> " + q(fx.mnt() / "log")).status == 0);
  CHECK(shows_within(out, "one\ntwo\nthree\n", std::chrono::seconds(5)));
  ::kill(tail, SIGTERM);
  int status = 0;
  ::waitpid(tail, &status, 0);
  INFO(read_file(out) << fx.fs_log());
  CHECK(read_file(fx.remote() / "log") == "one\ntwo\nthree\n");
}
