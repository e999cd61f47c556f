// L610 listings and one-exchange commands (core/dialect/l610_ops.cpp) against the simulator:
// results checked on the simulator's disk, failures mapped per operation, and refusals of
// names the wire cannot carry, with nothing sent.
#include "core/dialect/l610.hpp"

#include <catch2/catch.hpp>

#include "core/ftp/ftp_error.hpp"
#include "tests/dialect/l610_fixture.hpp"

using namespace mfs::dialect;
using namespace mfs::dialect::test;
using mfs::ftp::ftp_errc;
namespace fs = std::filesystem;

TEST_CASE("list returns the server's raw LIST bytes", "[dialect.l610]") {
  SimModem sim;
  write_file(sim.root() / "a.txt", "hello");
  write_file(sim.root() / "b.bin", random_bytes(1234, 1));
  write_file(sim.root() / "with space.txt", "xy");
  fs::create_directory(sim.root() / "sub");
  write_file(sim.root() / "sub" / "inner", std::string(77, 'i'));
  sim.start_and_open();

  auto top = sim.modem().list("");
  REQUIRE(top.has_value());
  auto entries = names_and_sizes(top.value());
  CHECK(entries.count({"a.txt", 5}) == 1);
  CHECK(entries.count({"b.bin", 1234}) == 1);
  CHECK(entries.count({"with space.txt", 2}) == 1);
  CHECK(entries.size() == 4);
  CHECK(top.value().find("\r\n") != std::string::npos);  // the server's line ends, kept
  CHECK(sim.count_of("FTPLIST") == 1);

  CHECK(sim.modem().list("/").value() == top.value());
  CHECK(names_and_sizes(sim.modem().list("/sub").value()) ==
        std::set<std::pair<std::string, std::uint64_t>>{{"inner", 77}});
  auto missing = sim.modem().list("/nope");
  REQUIRE(missing.has_error());
  CHECK(missing.error() == ftp_errc::not_found);
  CHECK(sim.modem().last_reply_code() == 550);
}

TEST_CASE("directories: mkdir, rmdir, and their failures", "[dialect.l610]") {
  SimModem sim;
  sim.start_and_open();
  REQUIRE(sim.modem().make_directory("/new").has_value());
  CHECK(fs::is_directory(sim.root() / "new"));
  CHECK(sim.modem().make_directory("/new").error() == ftp_errc::already_exists);
  write_file(sim.root() / "new" / "f", "f");
  CHECK(sim.modem().remove_directory("/new").error() == ftp_errc::not_empty);
  CHECK(fs::exists(sim.root() / "new" / "f"));
  fs::remove(sim.root() / "new" / "f");
  REQUIRE(sim.modem().remove_directory("/new").has_value());
  CHECK_FALSE(fs::exists(sim.root() / "new"));
}

TEST_CASE("files: delete and rename, and their failures", "[dialect.l610]") {
  SimModem sim;
  write_file(sim.root() / "old", "content");
  write_file(sim.root() / "doomed", "x");
  sim.start_and_open();
  REQUIRE(sim.modem().remove_file("/doomed").has_value());
  CHECK_FALSE(fs::exists(sim.root() / "doomed"));
  CHECK(sim.modem().remove_file("/doomed").error() == ftp_errc::not_found);

  REQUIRE(sim.modem().rename("/old", "/renamed").has_value());
  CHECK_FALSE(fs::exists(sim.root() / "old"));
  CHECK(read_file(sim.root() / "renamed") == "content");
  auto missing = sim.modem().rename("/old", "/other");
  REQUIRE(missing.has_error());
  CHECK(missing.error() == ftp_errc::not_found);
  CHECK_FALSE(fs::exists(sim.root() / "other"));
}

TEST_CASE("pwd, cwd, syst, noop and stat", "[dialect.l610]") {
  SimModem sim;
  fs::create_directories(sim.root() / "a b" / "c");
  write_file(sim.root() / "a b" / "file", "12345");
  sim.start_and_open();
  CHECK(sim.modem().working_directory().value() == "/");
  REQUIRE(sim.modem().change_directory("/a b").has_value());
  CHECK(sim.modem().working_directory().value() == "/a b");
  REQUIRE(sim.modem().change_directory("c").has_value());
  CHECK(sim.modem().working_directory().value() == "/a b/c");
  CHECK(sim.modem().change_directory("/missing").error() == ftp_errc::not_found);
  CHECK(sim.modem().working_directory().value() == "/a b/c");

  auto syst = sim.modem().system_type();
  REQUIRE(syst.has_value());
  CHECK(syst.value() == "UNIX Type: L8");
  REQUIRE(sim.modem().noop().has_value());
  CHECK(sim.count_of("FTPNOOP") == 1);

  auto general = sim.modem().status("");
  REQUIRE(general.has_value());
  CHECK_FALSE(general.value().empty());
  auto of_file = sim.modem().status("/a b/file");
  REQUIRE(of_file.has_value());
  bool mentions = false;
  for (const auto& line : of_file.value()) mentions = mentions || line.find("file") != line.npos;
  CHECK(mentions);
}

TEST_CASE("names the wire cannot carry are refused and nothing is sent", "[dialect.l610]") {
  SimModem sim;
  sim.start_and_open();
  const auto before = sim.at_commands();
  const std::string quoted = "/a\"b";
  const std::string long_name = "/" + std::string(300, 'n');
  CHECK(sim.modem().make_directory(quoted).error() == ftp_errc::name_has_quote);
  CHECK(sim.modem().remove_directory(quoted).error() == ftp_errc::name_has_quote);
  CHECK(sim.modem().remove_file(quoted).error() == ftp_errc::name_has_quote);
  CHECK(sim.modem().rename("/ok", quoted).error() == ftp_errc::name_has_quote);
  CHECK(sim.modem().rename(quoted, "/ok").error() == ftp_errc::name_has_quote);
  CHECK(sim.modem().change_directory(quoted).error() == ftp_errc::name_has_quote);
  CHECK(sim.modem().list(quoted).error() == ftp_errc::name_has_quote);
  CHECK(sim.modem().status(quoted).error() == ftp_errc::name_has_quote);
  CHECK(sim.modem().begin_download(quoted, 0).error() == ftp_errc::name_has_quote);
  MemorySource source("data");
  CHECK(sim.modem().upload(quoted, source).error() == ftp_errc::name_has_quote);
  CHECK(sim.modem().remove_file("/a\r\nAT+FTPDEL=\"x\"").error() ==
        ftp_errc::name_has_control_char);
  CHECK(sim.modem().make_directory(long_name).error() == ftp_errc::name_too_long);
  CHECK(sim.modem().upload(long_name, source).error() == ftp_errc::name_too_long);
  CHECK(sim.modem().begin_download(long_name, 0).error() == ftp_errc::name_too_long);
  // A command that is sent, so the counters below are known to be current.
  REQUIRE(sim.modem().noop().has_value());
  CHECK(sim.at_commands() == before + 1);
  CHECK(sim.count_of("FTPMKD") == 0);
  CHECK(sim.count_of("FTPDEL") == 0);
  CHECK(sim.count_of("FTPPUT") == 0);
  CHECK(sim.count_of("FTPGET") == 0);
  CHECK(sim.count_of("invalid") == 0);
}
