// Radio awareness: while the module is registered on no network (the simulator's bearer-lost
// fault: CREG/CEREG answer "searching" and the network refuses a bearer for a while), requests
// fail at once with EIO instead of spending their retries, and the mount comes back by itself.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "mount_fixture.hpp"

using namespace mfs::e2e;
using Clock = std::chrono::steady_clock;

namespace {

nlohmann::json status_json(const MountFixture& fx) {
  const RunResult r = run(MFS_BINARY_DIR "/fusefs/modemftpfs status --json " + q(fx.mnt()));
  INFO(r.output);
  REQUIRE(r.status == 0);
  return nlohmann::json::parse(r.output);
}

}  // namespace

TEST_CASE("unregistered requests fail fast with EIO and the mount recovers by itself",
          "[e2e]") {
  MountSettings settings;
  settings.sim_args = {"--faults", "bearer-lost@FTPLIST#2:3000"};
  settings.extra_options = ",radio_poll=1,retries=3,retry_backoff=200,keepalive=0";
  MountFixture fx(settings);
  const std::string bearer = fx.dialect() == "l610" ? "MIPCALL" : "CNACT";
  fs::create_directories(fx.remote() / "d");
  write_file(fx.remote() / "d" / "f", "back");
  const auto bearer_commands = fx.count(bearer);
  const RunResult lost = run("ls " + q(fx.mnt() / "d"));
  INFO(lost.output << fx.fs_log());
  CHECK(lost.status != 0);
  CHECK_THAT(lost.output, Catch::Matchers::Contains("Input/output error"));
  // One recovery found the network gone; the three retries would have asked for a bearer
  // three more times.
  CHECK(fx.count(bearer) - bearer_commands <= 2);
  CHECK_THAT(fx.fs_log(), Catch::Matchers::Contains("radio: searching"));
  const auto down = status_json(fx);
  CHECK(down["last_error"]["message"].get<std::string>().find("not registered") != std::string::npos);

  bool registered = false;
  for (const auto until = Clock::now() + std::chrono::seconds(20); !registered && Clock::now() < until;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    registered = status_json(fx)["radio"]["registered"] == true;
  }
  REQUIRE(registered);  // the idle poll saw it come back
  const std::string log = fx.fs_log();
  CHECK(log.rfind("radio: home") > log.find("radio: searching"));  // the change is logged
  CHECK(read_file(fx.mnt() / "d" / "f") == "back");
}
