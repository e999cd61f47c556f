// What operations cost on the wire, counted by the simulator: the design's promises that a
// listing fills every entry's attributes and that cached blocks are never fetched twice.
#include <catch2/catch.hpp>

#include "mount_fixture.hpp"

using namespace mfs::e2e;

TEST_CASE("a 2000-entry listing costs one FTPLIST and repeats within the TTL cost none", "[e2e]") {
  MountFixture m;
  fs::create_directories(m.remote() / "many");
  for (int i = 0; i < 2000; ++i) write_file(m.remote() / "many" / ("file" + std::to_string(i)), "");
  REQUIRE(run("stat " + q(m.mnt() / "many")).status == 0);  // lists the root, not "many"
  const auto before = m.count("FTPLIST");

  CHECK(run("ls -l " + q(m.mnt() / "many") + " | grep -c '^-'").output == "2000\n");
  CHECK(m.count("FTPLIST") == before + 1);

  CHECK(run("ls -l " + q(m.mnt() / "many") + " | grep -c '^-'").output == "2000\n");
  CHECK(m.count("FTPLIST") == before + 1);

  const RunResult stats = run("cd " + q(m.mnt() / "many") + " && stat -- * | grep -c 'Size: 0'");
  CHECK(stats.output == "2000\n");
  CHECK(m.count("FTPLIST") == before + 1);
}

TEST_CASE("a cold 5 MiB read costs one FTPGET and reading it again costs none", "[e2e]") {
  MountFixture m;
  write_file(m.remote() / "f", random_bytes(5 << 20, 9));
  REQUIRE(run("stat " + q(m.mnt() / "f")).status == 0);
  const auto before = m.count("FTPGET");

  REQUIRE(run("cat " + q(m.mnt() / "f") + " > " + q(m.scratch() / "first")).status == 0);
  CHECK(run("cmp " + q(m.remote() / "f") + " " + q(m.scratch() / "first")).status == 0);
  CHECK(m.count("FTPGET") == before + 1);

  REQUIRE(run("cat " + q(m.mnt() / "f") + " > " + q(m.scratch() / "second")).status == 0);
  CHECK(run("cmp " + q(m.remote() / "f") + " " + q(m.scratch() / "second")).status == 0);
  CHECK(m.count("FTPGET") == before + 1);
}
