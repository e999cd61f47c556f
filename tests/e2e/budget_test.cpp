// Data accounting and -o data_budget=: a spent budget refuses transfers with EDQUOT while the
// caches still serve, writes still spool, and the period's count survives a remount.
#include <catch2/catch.hpp>

#include <chrono>

#include <nlohmann/json.hpp>

#include "mount_fixture.hpp"

using namespace mfs::e2e;

namespace {

const std::string modemftpfs = MFS_BINARY_DIR "/fusefs/modemftpfs";

nlohmann::json status_json(const MountFixture& fx) {
  const RunResult r = run(modemftpfs + " status --json " + q(fx.mnt()));
  INFO(r.output);
  REQUIRE(r.status == 0);
  return nlohmann::json::parse(r.output);
}

}  // namespace

TEST_CASE("status counts payload bytes each way", "[e2e]") {
  MountFixture fx;
  write_file(fx.remote() / "f", random_bytes(5000, 3));
  write_file(fx.scratch() / "g", random_bytes(3000, 4));
  REQUIRE(read_file(fx.mnt() / "f").size() == 5000);
  REQUIRE(run("cp " + q(fx.scratch() / "g") + " " + q(fx.mnt() / "g")).status == 0);
  const auto data = status_json(fx)["data"];
  INFO(data.dump(2));
  CHECK(data["since_mount"]["payload_down"].get<std::uint64_t>() >= 5000);
  CHECK(data["since_mount"]["payload_up"].get<std::uint64_t>() >= 3000);
  CHECK(data["since_mount"]["serial_in"].get<std::uint64_t>() > 5000);
  CHECK(data["this_period"]["payload_down"].get<std::uint64_t>() >= 5000);
  CHECK(data["budget"]["budget"].is_null());
}

TEST_CASE("a spent data budget refuses transfers with EDQUOT but caches still serve", "[e2e]") {
  MountSettings settings;
  settings.extra_options = ",data_budget=30K";
  MountFixture fx(settings);
  for (const char* name : {"a", "b", "c"}) write_file(fx.remote() / name, random_bytes(20000, 7));
  REQUIRE(read_file(fx.mnt() / "a").size() == 20000);  // ~20 KB: under the budget
  REQUIRE(read_file(fx.mnt() / "b").size() == 20000);  // goes; now over it
  const RunResult refused = run("head -c 1 " + q(fx.mnt() / "c"));
  CHECK(refused.status != 0);
  CHECK_THAT(refused.output, Catch::Matchers::Contains("Disk quota exceeded"));
  CHECK(read_file(fx.mnt() / "a").size() == 20000);  // from the block cache
  CHECK(run("ls " + q(fx.mnt())).status == 0);        // from the cached listing
  write_file(fx.scratch() / "new", "written while over budget");
  CHECK(run("cp " + q(fx.scratch() / "new") + " " + q(fx.mnt() / "new")).status == 0);
  CHECK_FALSE(fs::exists(fx.remote() / "new"));  // spooled, waiting
  auto s = status_json(fx);
  CHECK(s["data"]["budget"]["spent"] == true);
  CHECK(s["uploads"]["pending"].size() == 1);
  const auto used = s["data"]["this_period"]["payload_down"].get<std::uint64_t>();
  CHECK(used >= 40000);
  CHECK_THAT(fx.fs_log(), Catch::Matchers::Contains("80 % of the data budget used"));

  REQUIRE(fx.stop_filesystem(0, std::chrono::seconds(20)));
  CHECK_THAT(fx.fs_log(), Catch::Matchers::Contains("data: "));
  REQUIRE(fx.remount(settings));
  s = status_json(fx);
  CHECK(s["data"]["this_period"]["payload_down"].get<std::uint64_t>() >= used);
  CHECK(s["data"]["since_mount"]["payload_down"] == 0);
  CHECK(s["data"]["budget"]["spent"] == true);
  CHECK_THAT(run("head -c 1 " + q(fx.mnt() / "c")).output,
             Catch::Matchers::Contains("Disk quota exceeded"));
}
