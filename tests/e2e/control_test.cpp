// `modemftpfs status|flush|pause-uploads|resume-uploads|forget|reconnect MOUNTPOINT` against a
// live mount: the control socket, what each verb does, and how each fails.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "mount_fixture.hpp"

using namespace mfs::e2e;
using Clock = std::chrono::steady_clock;

namespace {

const std::string modemftpfs = MFS_BINARY_DIR "/fusefs/modemftpfs";

RunResult control(const std::string& verb, const fs::path& mnt, const std::string& more = "") {
  return run(modemftpfs + " " + verb + " " + q(mnt) + more);
}

nlohmann::json status_json(const MountFixture& fx) {
  const RunResult r = control("status --json", fx.mnt());
  INFO(r.output);
  REQUIRE(r.status == 0);
  return nlohmann::json::parse(r.output);
}

}  // namespace

TEST_CASE("status names the modem, its radio and the counters, as text and as JSON", "[e2e]") {
  MountFixture fx;
  const auto s = status_json(fx);
  CHECK(s["mountpoint"] == fs::canonical(fx.mnt()).string());
  CHECK(s["modem"]["family"] == fx.dialect());
  CHECK(s["modem"]["model"].is_string());
  CHECK(s["radio"]["registered"] == true);
  CHECK(s["radio"]["signal_dbm"].is_number());
  CHECK(s["radio"]["signal_bars"].get<int>() >= 0);
  CHECK(s["radio"]["signal_bars"].get<int>() <= 5);
  CHECK(s["link"] == "up");
  CHECK(s["transfer"].is_null());
  CHECK(s["uploads"]["paused"] == false);
  CHECK(s["data"]["serial_bytes_out"].get<std::uint64_t>() > 0);
  const RunResult text = control("status", fx.mnt());
  INFO(text.output);
  CHECK(text.status == 0);
  CHECK_THAT(text.output, Catch::Matchers::Contains("modem:        " + fx.dialect()) &&
                              Catch::Matchers::Contains(" dBm (") &&
                              Catch::Matchers::Contains("transfer:     none"));
}

TEST_CASE("status during a download shows its path, bytes, rate and ETA", "[e2e]") {
  MountSettings slow;
  slow.sim_args = {"--bandwidth", "40000"};  // 240 KB take some 6 s
  MountFixture fx(slow);
  const std::string data = random_bytes(240 * 1000, 17);
  write_file(fx.remote() / "big", data);
  std::thread reader([&] { run("cat " + q(fx.mnt() / "big") + " > " + q(fx.scratch() / "big")); });
  nlohmann::json seen;
  for (const auto until = Clock::now() + std::chrono::seconds(20); Clock::now() < until;) {
    const auto s = status_json(fx);
    if (s["transfer"].is_object() && s["transfer"]["bytes"].get<std::uint64_t>() > 0 &&
        s["transfer"]["eta_s"].is_number()) {
      seen = s;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const RunResult text = control("status", fx.mnt());
  reader.join();
  INFO(seen.dump(2));
  REQUIRE(seen.is_object());
  CHECK(seen["transfer"]["path"] == "/big");
  CHECK(seen["transfer"]["direction"] == "download");
  CHECK(seen["transfer"]["total"] == data.size());
  CHECK(seen["transfer"]["rate_bytes_per_s"].get<std::uint64_t>() > 0);
  INFO(text.output);
  CHECK(text.status == 0);
  CHECK(read_file(fx.scratch() / "big") == data);
}

TEST_CASE("pause-uploads keeps closed files local until resume-uploads or flush", "[e2e]") {
  MountFixture fx;
  const RunResult paused = control("pause-uploads", fx.mnt());
  INFO(paused.output);
  REQUIRE(paused.status == 0);
  CHECK_THAT(paused.output, Catch::Matchers::Contains("uploads paused"));
  write_file(fx.scratch() / "a", "first file");
  write_file(fx.scratch() / "b", "second file");
  REQUIRE(run("cp " + q(fx.scratch() / "a") + " " + q(fx.mnt() / "a")).status == 0);
  REQUIRE(run("cp " + q(fx.scratch() / "b") + " " + q(fx.mnt() / "b")).status == 0);
  CHECK_FALSE(fs::exists(fx.remote() / "a"));
  CHECK(read_file(fx.mnt() / "a") == "first file");  // the mount shows its own spool
  auto s = status_json(fx);
  CHECK(s["uploads"]["paused"] == true);
  REQUIRE(s["uploads"]["pending"].size() == 2);
  CHECK(s["uploads"]["pending"][0]["size"].get<std::uint64_t>() > 0);

  const RunResult flushed = control("flush", fx.mnt());
  INFO(flushed.output);
  CHECK(flushed.status == 0);
  CHECK_THAT(flushed.output, Catch::Matchers::Contains("2 files uploaded"));
  CHECK(read_file(fx.remote() / "a") == "first file");
  CHECK(read_file(fx.remote() / "b") == "second file");

  REQUIRE(run("cp " + q(fx.scratch() / "a") + " " + q(fx.mnt() / "c")).status == 0);
  CHECK_FALSE(fs::exists(fx.remote() / "c"));
  const RunResult resumed = control("resume-uploads", fx.mnt());
  INFO(resumed.output);
  CHECK(resumed.status == 0);
  CHECK_THAT(resumed.output, Catch::Matchers::Contains("uploads resumed; 1 file uploaded"));
  CHECK(read_file(fx.remote() / "c") == "first file");
  s = status_json(fx);
  CHECK(s["uploads"]["paused"] == false);
  CHECK(s["uploads"]["pending"].empty());
}

TEST_CASE("forget drops cached listings, reconnect logs in again", "[e2e]") {
  MountFixture fx;
  fs::create_directories(fx.remote() / "d");
  write_file(fx.remote() / "d" / "f", "x");
  REQUIRE(run("ls " + q(fx.mnt() / "d")).status == 0);
  const auto lists = fx.count("FTPLIST");
  REQUIRE(run("ls " + q(fx.mnt() / "d")).status == 0);
  CHECK(fx.count("FTPLIST") == lists);  // cached
  const RunResult forgot = control("forget", fx.mnt(), " " + q(fx.mnt() / "d"));
  INFO(forgot.output);
  CHECK(forgot.status == 0);
  CHECK_THAT(forgot.output, Catch::Matchers::Contains("dropped the cached listings and blocks of /d"));
  REQUIRE(run("ls " + q(fx.mnt() / "d")).status == 0);
  CHECK(fx.count("FTPLIST") > lists);

  const RunResult outside = control("forget", fx.mnt(), " /etc");
  CHECK(outside.status == 1);
  CHECK_THAT(outside.output, Catch::Matchers::Contains("is not inside"));

  const RunResult again = control("reconnect", fx.mnt());
  INFO(again.output);
  CHECK(again.status == 0);
  CHECK_THAT(again.output, Catch::Matchers::Contains("reconnected"));
  CHECK(status_json(fx)["data"]["reconnects"] == 1);
  CHECK(read_file(fx.mnt() / "d" / "f") == "x");
}

TEST_CASE("a control verb without a mount fails with the reason", "[e2e]") {
  MountFixture fx;
  const RunResult r = control("status", fx.scratch());
  CHECK(r.status == 1);
  CHECK_THAT(r.output, Catch::Matchers::Contains("modemftpfs status: no modemftpfs mount"));
  CHECK(run(modemftpfs + " status").status == 2);  // usage
}
