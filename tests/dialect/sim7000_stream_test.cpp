// SIM7000 escaped streams (core/dialect/sim7000_stream.cpp): FTPETGET downloads and FTPETPUT
// uploads against the SIM7000 simulator, compared byte for byte with its disk, with the module
// cut inside a stream (drop, reboot) and a firmware that refuses the stream commands.
#include <catch2/catch.hpp>

#include "core/at/at_error.hpp"
#include "core/dialect/sim7000.hpp"
#include "core/ftp/ftp_error.hpp"
#include "tests/dialect/sim7000_fixture.hpp"

using namespace mfs::dialect;
using namespace mfs::dialect::test;
namespace fs = std::filesystem;

TEST_CASE("an FTPETGET download is byte-exact, from the start and from an offset",
          "[dialect.sim7000]") {
  Sim7000Modem sim;
  const std::string bytes = random_bytes(300'000, 51) + nasty_bytes();
  write_file(sim.root() / "dir" / "big.bin", bytes);
  write_file(sim.root() / "special", nasty_bytes());
  write_file(sim.root() / "empty", "");
  sim.start_and_open();
  CHECK(download_all(sim.modem(), "/dir/big.bin", 0, true) == bytes);
  CHECK(download_all(sim.modem(), "/dir/big.bin", 123'457, true) == bytes.substr(123'457));
  CHECK(download_all(sim.modem(), "/special", 0, true) == nasty_bytes());
  CHECK(download_all(sim.modem(), "/empty", 0, true).empty());
  CHECK(sim.count_of("FTPETGET") == 4);
  CHECK(sim.count_of("FTPGET") == 0);
  CHECK(sim.logins() == 5);  // open_session's and one per stream
  REQUIRE(sim.modem().list("/").has_value());  // the module is back in command mode
}

TEST_CASE("an FTPETGET stream left early is drained, and the next action just runs",
          "[dialect.sim7000]") {
  Sim7000Modem sim;
  write_file(sim.root() / "f", random_bytes(200'000, 52));
  sim.start_and_open();
  REQUIRE(sim.modem().begin_stream_download("/f", 0).has_value());
  std::string out;
  REQUIRE(sim.modem().read_download(out, 1000).value() > 0);
  REQUIRE(sim.modem().make_directory("/after").has_value());
  CHECK(fs::is_directory(sim.root() / "after"));
  CHECK_FALSE(sim.modem().download_active());
  CHECK(sim.count_of("FTPQUIT") == 0);  // a stream is drained, not quit
}

TEST_CASE("FTPETPUT uploads are byte-exact at every escaping edge, and resume with APPE",
          "[dialect.sim7000]") {
  Sim7000Modem sim;
  sim.start_and_open();
  auto [name, bytes] = GENERATE(from_range(escaping_edges(53)));
  CAPTURE(name);
  MemorySource source(bytes);
  REQUIRE(sim.modem().upload_stream("/" + name, source, 0).has_value());
  CHECK(read_file(sim.root() / name) == bytes);
  CHECK(sim.count_of("FTPETPUT") == 2);  // =1 and =2
  CHECK(sim.count_of("FTPPUT") == 0);
  if (bytes.size() > 1) {
    write_file(sim.root() / "resumed", bytes.substr(0, bytes.size() / 2));
    REQUIRE(sim.modem().resume_upload("/resumed", source, bytes.size() / 2, true).has_value());
    CHECK(read_file(sim.root() / "resumed") == bytes);
    // A fresh stream afterwards stores again (STOR, not the APPE left set).
    REQUIRE(sim.modem().upload_stream("/resumed", source, 0).has_value());
    CHECK(read_file(sim.root() / "resumed") == bytes);
  }
}

TEST_CASE("a module that drops or reboots inside a stream loses nothing it proved",
          "[dialect.sim7000]") {
  const std::string bytes = random_bytes(100'000, 54);
  SECTION("drop-download@N: the bytes before N, then the transfer's error") {
    Sim7000Modem sim([](mfs::sim::SimConfig& c) { c.faults = "drop-download@40000"; });
    write_file(sim.root() / "f", bytes);
    sim.start_and_open();
    REQUIRE(sim.modem().begin_stream_download("/f", 0).has_value());
    std::string out;
    while (true) {
      auto got = sim.modem().read_download(out, 4096);
      if (!got) break;
      REQUIRE(got.value() > 0);
    }
    CHECK(out == bytes.substr(0, out.size()));
    CHECK(out.size() == 40'000);
    CHECK(download_all(sim.modem(), "/f", out.size(), true) == bytes.substr(out.size()));
  }
  SECTION("reboot-download@N: the banner inside the stream is never taken for data") {
    Sim7000Modem sim([](mfs::sim::SimConfig& c) { c.faults = "reboot-download@40000:300"; });
    write_file(sim.root() / "f", bytes);
    sim.start_and_open();
    REQUIRE(sim.modem().begin_stream_download("/f", 0).has_value());
    std::string out;
    std::error_code failed;
    while (!failed) {
      auto got = sim.modem().read_download(out, 4096);
      if (!got) failed = got.error();
    }
    CHECK(failed == mfs::at::at_errc::modem_restarted);
    CHECK(out.size() <= 40'000);
    CHECK(out == bytes.substr(0, out.size()));
  }
  SECTION("drop-upload@N: the upload fails and the server holds a prefix") {
    Sim7000Modem sim([](mfs::sim::SimConfig& c) { c.faults = "drop-upload@30000"; });
    sim.start_and_open();
    MemorySource source(bytes);
    REQUIRE(sim.modem().upload_stream("/up", source, 0).has_error());
    const std::string held = read_file(sim.root() / "up");
    CHECK(held.size() == 30'000);
    CHECK(held == bytes.substr(0, held.size()));
    REQUIRE(sim.modem().resume_upload("/up", source, held.size(), true).has_value());
    CHECK(read_file(sim.root() / "up") == bytes);
  }
}

TEST_CASE("a firmware without FTPETPUT resumes by FTPPUT chunks with APPE", "[dialect.sim7000]") {
  Sim7000Modem sim([](mfs::sim::SimConfig& c) { c.faults = "error@FTPETPUT"; });
  const std::string bytes = random_bytes(5'000, 55);
  write_file(sim.root() / "f", bytes.substr(0, 1000));
  sim.start_and_open();
  MemorySource source(bytes);
  REQUIRE(sim.modem().resume_upload("/f", source, 1000, true).has_value());
  CHECK(read_file(sim.root() / "f") == bytes);
  CHECK(sim.count_of("FTPPUT") > 0);
}
