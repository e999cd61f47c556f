// The -o timeout= promise through a real mount, with the simulator's server stalled: a caller
// fails within the timeout and the next one is served at once; close() of a stalled upload
// returns within the timeout (its clean-up gets no time of its own); and the daemon exits
// within seconds of an unmount or a SIGTERM, whatever the modem is doing, releasing the tty.
#include <signal.h>

#include <catch2/catch.hpp>

#include <future>
#include <thread>

#include "mount_fixture.hpp"

using namespace mfs::e2e;

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The modem family modem-sim plays (as MountFixture::dialect() will say).
std::string family() { return variant_dialect(); }

MountSettings stalled(const std::string& rule, const std::string& options) {
  MountSettings settings;
  settings.extra_options = options;
  settings.sim_args = {"--faults", rule};
  return settings;
}

// Until the simulator has seen `n` commands named `name` (the stall is then in place).
void await_command(const MountFixture& fx, const std::string& name, std::uint64_t n) {
  const auto limit = Clock::now() + 10s;
  while (fx.count(name) < n && Clock::now() < limit) std::this_thread::sleep_for(20ms);
  REQUIRE(fx.count(name) >= n);
}

}  // namespace

TEST_CASE("a stalled listing fails within the timeout and the next one is served at once",
          "[e2e]") {
  MountFixture fx(stalled("stall@FTPLIST#1", ",timeout=3,retries=1,keepalive=0"));
  write_file(fx.remote() / "a.txt", "a");
  auto start = Clock::now();
  const RunResult first = run("ls " + q(fx.mnt()));
  CHECK(first.status != 0);
  CHECK(seconds_since(start) < 4.5);

  start = Clock::now();
  const RunResult second = run("ls " + q(fx.mnt()));
  INFO(second.output << fx.fs_log());
  CHECK(second.status == 0);
  CHECK(second.output == "a.txt\n");
  CHECK(seconds_since(start) < 2.5);
}

TEST_CASE("close() of a stalled upload returns within the timeout", "[e2e]") {
  // 10 kB: FTPPUT chunks on the SIM7000 (counted, so no FTPSIZE), a stream on the L610.
  const std::string rule = family() == "sim7000" ? "stall@FTPPUT#1" : "stall@FTPSTOR#1";
  MountFixture fx(stalled(rule, ",timeout=3,retries=1,keepalive=0"));
  write_file(fx.scratch() / "f.bin", random_bytes(10'000, 1));
  const auto start = Clock::now();
  const RunResult copy = run("cp " + q(fx.scratch() / "f.bin") + " " + q(fx.mnt() / "f.bin"));
  const double took = seconds_since(start);
  INFO(copy.output << fx.fs_log());
  CHECK(copy.status != 0);
  CHECK(took < 5.0);  // one timeout: the hidden name's clean-up shares the upload's deadline
  CHECK_FALSE(fs::exists(fx.remote() / "f.bin"));

  const RunResult next = run("cp " + q(fx.scratch() / "f.bin") + " " + q(fx.mnt() / "g.bin"));
  CHECK(next.status == 0);
  CHECK(read_file(fx.remote() / "g.bin") == read_file(fx.scratch() / "f.bin"));
}

TEST_CASE("SIGTERM ends the daemon within seconds while a listing waits on a stalled server",
          "[e2e]") {
  MountFixture fx(stalled("stall@FTPLIST#1", ",timeout=60,keepalive=0"));
  auto listing = std::async(std::launch::async, [&] { return run("ls " + q(fx.mnt())); });
  await_command(fx, "FTPLIST", 1);
  const auto took = fx.stop_filesystem(SIGTERM, 10s);
  INFO(fx.fs_log());
  REQUIRE(took);
  CHECK(*took < 5s);
  REQUIRE(listing.wait_for(5s) == std::future_status::ready);
  CHECK(listing.get().status != 0);
}

TEST_CASE("the daemon exits within seconds of an unmount while the modem is stalled", "[e2e]") {
  if (family() != "l610") return;  // the SIM7000's keepalive is a local query, no FTP command
  // The keepalive's FTPNOOP meets a server that never answers: the modem thread is inside its
  // 30 s wait when the unmount comes, and no request of the mount is pending.
  MountFixture fx(stalled("stall@FTPNOOP#1", ",timeout=60,keepalive=1"));
  await_command(fx, "FTPNOOP", 1);
  const auto took = fx.stop_filesystem(0, 10s);
  INFO(fx.fs_log());
  REQUIRE(took);
  CHECK(*took < 5s);
  WARN("modemftpfs exited " << took->count() << " ms after fusermount3 -u");
}
