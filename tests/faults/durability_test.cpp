// Durability (issue 4): data handed to close() survives the daemon being killed while it
// uploads. The next mount finds the spool in cache_dir, uploads it and says so in its log.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "fault_workload.hpp"

namespace mfs::faults {

TEST_CASE("a file whose upload was cut by killing the daemon is uploaded by the next mount",
          "[faults]") {
  using Clock = std::chrono::steady_clock;
  // The server never answers the upload: it is in progress for as long as we like.
  const auto settings = fault_settings(",retries=2,retry_backoff=100,timeout=60,keepalive=0",
                                       "stall@FTPSTOR#1,stall@FTPPUT#2,stall@FTPETPUT#1");
  e2e::MountFixture mount(settings);
  const auto expected = seed_both(mount);

  e2e::RunResult writer;
  std::thread copy([&] { writer = run_op(mount, Op::upload); });
  const auto deadline = Clock::now() + std::chrono::seconds(30);
  while (faults_injected(mount) == 0 && Clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  REQUIRE(faults_injected(mount) >= 1);  // close() is now waiting on the stalled upload

  mount.kill_and_remount(settings);
  copy.join();
  INFO("cp said: " << writer.output << "\nmodemftpfs log:\n" << mount.fs_log());
  CHECK(writer.status != 0);  // its close() never got an answer

  mirror_op(expected, Op::upload);
  const auto want = tree_digest(expected);
  const auto upload_deadline = Clock::now() + std::chrono::seconds(60);
  while (tree_digest(mount.remote()) != want && Clock::now() < upload_deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK(tree_digest(mount.remote()) == want);
  CHECK(mount.fs_log().find("left unsent by an earlier run") != std::string::npos);
  CHECK(e2e::read_file(mount.mnt() / "up.bin") == e2e::read_file(expected / "up.bin"));
}

}  // namespace mfs::faults
