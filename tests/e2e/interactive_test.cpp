// Issue 14 through a real mount: an `ls` of a directory never listed is answered while a long
// upload and a long download run (at a 921600-baud line, each ~4 s), and both then complete
// with exact data.
#include <catch2/catch.hpp>

#include <future>
#include <thread>

#include "mount_fixture.hpp"

using namespace mfs::e2e;

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

bool running(std::future<RunResult>& job) { return job.wait_for(0s) != std::future_status::ready; }

}  // namespace

TEST_CASE("ls of an uncached directory is answered while a long upload and download run",
          "[e2e]") {
  MountSettings settings;
  settings.sim_args = {"--baud", "921600", "--rtt-ms", "20"};
  settings.extra_options = ",baud=921600";
  MountFixture fx(settings);
  const std::string down = random_bytes(400'000, 21);
  const std::string up = random_bytes(400'000, 22);
  write_file(fx.remote() / "down.bin", down);
  fs::create_directory(fx.remote() / "dir");
  write_file(fx.remote() / "dir" / "a.txt", "a");
  write_file(fx.scratch() / "up.bin", up);
  REQUIRE(run("ls " + q(fx.mnt())).status == 0);

  auto download = std::async(std::launch::async, [&] {
    return run("cat " + q(fx.mnt() / "down.bin") + " > " + q(fx.scratch() / "down.bin"));
  });
  auto upload = std::async(std::launch::async, [&] {
    return run("cp " + q(fx.scratch() / "up.bin") + " " + q(fx.mnt() / "up.bin"));
  });
  // Whichever transfer the modem took first is under way (the other one waits behind it).
  const std::string store = fx.dialect() == "sim7000" ? "FTPPUT" : "FTPSTOR";
  const auto started = [&] { return fx.count("FTPGET") + fx.count(store) > 0; };
  const auto by = Clock::now() + 10s;
  while (!started() && Clock::now() < by) std::this_thread::sleep_for(20ms);
  REQUIRE(started());

  const RunResult listed = run("ls " + q(fx.mnt() / "dir"));
  INFO(listed.output << fx.fs_log());
  CHECK(listed.status == 0);
  CHECK(listed.output == "a.txt\n");
  // Answered before the transfers were done: the L610 pre-empts both; the SIM7000's upload
  // (chunks, no pre-emption) may hold it, but not the download queued after it.
  CHECK((running(download) || running(upload)));
  if (fx.dialect() == "l610") CHECK((running(download) && running(upload)));

  const RunResult downloaded = download.get();
  const RunResult uploaded = upload.get();
  INFO(downloaded.output << uploaded.output);
  CHECK(downloaded.status == 0);
  CHECK(uploaded.status == 0);
  CHECK(run("cmp " + q(fx.scratch() / "down.bin") + " " + q(fx.remote() / "down.bin")).status == 0);
  CHECK(run("cmp " + q(fx.scratch() / "up.bin") + " " + q(fx.remote() / "up.bin")).status == 0);
}
