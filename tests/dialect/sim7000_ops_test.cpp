// SIM7000 one-result actions (core/dialect/sim7000_ops.cpp) against the simulator: DELE, MKD,
// RMD, RENAME, SIZE and MDTM, their result codes as filesystem errors, and names refused
// before anything is sent.
#include "core/dialect/sim7000.hpp"

#include <catch2/catch.hpp>

#include <chrono>

#include "core/ftp/ftp_error.hpp"
#include "tests/dialect/sim7000_fixture.hpp"

using namespace mfs::dialect;
using namespace mfs::dialect::test;
using mfs::ftp::ftp_errc;
namespace fs = std::filesystem;

TEST_CASE("delete, mkdir, rmdir and rename change the server's tree", "[dialect.sim7000]") {
  Sim7000Modem sim;
  write_file(sim.root() / "a" / "f", "data");
  sim.start_and_open();
  REQUIRE(sim.modem().make_directory("/a/new").has_value());
  CHECK(fs::is_directory(sim.root() / "a" / "new"));
  REQUIRE(sim.modem().rename("/a/f", "/a/g").has_value());
  CHECK(read_file(sim.root() / "a" / "g") == "data");
  REQUIRE(sim.modem().rename("/a/g", "/a/new/h").has_value());  // into another directory
  CHECK(read_file(sim.root() / "a" / "new" / "h") == "data");
  CHECK_FALSE(fs::exists(sim.root() / "a" / "g"));
  REQUIRE(sim.modem().remove_file("/a/new/h").has_value());
  CHECK_FALSE(fs::exists(sim.root() / "a" / "new" / "h"));
  REQUIRE(sim.modem().remove_directory("/a/new").has_value());
  CHECK_FALSE(fs::exists(sim.root() / "a" / "new"));
  CHECK(sim.logins() == 1 + 5);  // open_session's, then one per action
}

TEST_CASE("refusals become the errors the filesystem reports", "[dialect.sim7000]") {
  Sim7000Modem sim;
  write_file(sim.root() / "full" / "f", "x");
  sim.start_and_open();
  CHECK(sim.modem().remove_file("/missing").error() == ftp_errc::not_found);
  CHECK(sim.modem().remove_directory("/full").error() == ftp_errc::not_empty);
  CHECK(sim.modem().make_directory("/full").error() == ftp_errc::already_exists);
  CHECK(sim.modem().rename("/missing", "/x").error() == ftp_errc::not_found);
  CHECK(fs::exists(sim.root() / "full" / "f"));
}

TEST_CASE("SIZE and MDTM of a file", "[dialect.sim7000]") {
  Sim7000Modem sim;
  write_file(sim.root() / "d" / "f", std::string(1234, 'z'));
  const auto when = std::chrono::file_clock::from_sys(
      std::chrono::sys_days(std::chrono::year(2014) / 4 / 9) + std::chrono::hours(6) +
      std::chrono::minutes(9) + std::chrono::seconds(51));
  fs::last_write_time(sim.root() / "d" / "f", when);
  sim.start_and_open();
  CHECK(sim.modem().file_size("/d/f").value() == 1234);
  auto mtime = sim.modem().modification_time("/d/f");
  REQUIRE(mtime.has_value());
  CHECK(mtime.value() == std::chrono::file_clock::to_sys(when));
  CHECK(sim.modem().file_size("/d/missing").error() == ftp_errc::not_found);
  CHECK(sim.logins() == 1 + 3);
}

TEST_CASE("names the wire cannot carry are refused before anything is sent", "[dialect.sim7000]") {
  Sim7000Modem sim;
  sim.start_and_open();
  const auto commands = sim.at_commands();
  const std::string too_long = "/" + std::string(300, 'n');
  MemorySource source("x");
  for (const std::string& bad : {std::string("/a\"b"), std::string("/a\rb"), std::string("/a\nb"),
                                 std::string("/a\0b", 4)}) {
    INFO(bad);
    CHECK(sim.modem().remove_file(bad).error() != std::error_code());
    CHECK(sim.modem().make_directory(bad).has_error());
    CHECK(sim.modem().rename("/ok", bad).has_error());
    CHECK(sim.modem().upload(bad, source).has_error());
    CHECK(sim.modem().begin_download(bad, 0).has_error());
    CHECK(sim.modem().list(bad).has_error());
  }
  CHECK(sim.modem().remove_file("/q\"").error() == ftp_errc::name_has_quote);
  CHECK(sim.modem().remove_file("/q\n").error() == ftp_errc::name_has_control_char);
  CHECK(sim.modem().remove_file(too_long).error() == ftp_errc::name_too_long);
  CHECK(sim.modem().upload(too_long, source).error() == ftp_errc::name_too_long);
  CHECK(sim.at_commands() == commands);
}
