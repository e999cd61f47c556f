// Open files against the changes around them: another client writing the server's file
// behind our cached listing, and names unlinked while a descriptor is open.
#include <catch2/catch.hpp>

#include <thread>

#include "mount_fixture.hpp"

using namespace mfs::e2e;

TEST_CASE("append and touch keep a file another client made after our listing", "[e2e]") {
  MountFixture mount;
  fs::create_directories(mount.remote() / "logs");
  REQUIRE(run("ls " + q(mount.mnt() / "logs")).status == 0);
  write_file(mount.remote() / "logs" / "x.csv", "important\n");  // the other client
  write_file(mount.remote() / "logs" / "y.csv", "keep me\n");
  REQUIRE(run("echo cron >> " + q(mount.mnt() / "logs" / "x.csv")).status == 0);
  REQUIRE(run("touch " + q(mount.mnt() / "logs" / "y.csv")).status == 0);
  CHECK(read_file(mount.remote() / "logs" / "x.csv") == "important\ncron\n");
  CHECK(read_file(mount.remote() / "logs" / "y.csv") == "keep me\n");
}

TEST_CASE("append and touch of a file listed a while ago see another client's change",
          "[e2e]") {
  MountFixture mount;
  write_file(mount.remote() / "z.csv", "v1\n");
  write_file(mount.remote() / "t.csv", "v1\n");
  REQUIRE(run("ls -l " + q(mount.mnt())).status == 0);  // cached: 3 bytes each
  std::this_thread::sleep_for(std::chrono::milliseconds(2200));
  write_file(mount.remote() / "z.csv", "version two\n");
  write_file(mount.remote() / "t.csv", "version two\n");
  REQUIRE(run("echo cron >> " + q(mount.mnt() / "z.csv")).status == 0);
  REQUIRE(run("touch " + q(mount.mnt() / "t.csv")).status == 0);
  CHECK(read_file(mount.remote() / "z.csv") == "version two\ncron\n");
  CHECK(read_file(mount.remote() / "t.csv") == "version two\n");
}

TEST_CASE("a descriptor opened before rm keeps reading and writing the file", "[e2e]") {
  MountFixture mount;
  write_file(mount.remote() / "served.txt", "from the server\n");
  const std::string m = q(mount.mnt());
  const RunResult reader = run("cd " + m + " && echo hello > f && exec 3<f && rm f && cat <&3 &&"
                               " exec 4<served.txt && rm served.txt && cat <&4 && ls -A");
  INFO(mount.fs_log());
  CHECK(reader.status == 0);
  CHECK(reader.output == "hello\nfrom the server\n");
  const RunResult writer = run("cd " + m + " && exec 5>w && echo one >&5 && rm w &&"
                               " echo two >&5 && exec 5>&- && ls -A");
  CHECK(writer.status == 0);
  CHECK(writer.output.empty());
  CHECK(fs::is_empty(mount.remote()));
}
