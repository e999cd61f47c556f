// The SIM7000 dialect's start-up, bearer, parameters and listings (core/dialect/sim7000.cpp)
// against the SIM7000 simulator over a real pty, with the tolerated wire variations.
#include "core/dialect/sim7000.hpp"

#include <catch2/catch.hpp>

#include "core/dialect/dialect_error.hpp"
#include "core/ftp/ftp_error.hpp"
#include "tests/dialect/sim7000_fixture.hpp"

using namespace mfs::dialect;
using namespace mfs::dialect::test;
using mfs::ftp::ftp_errc;

TEST_CASE("start-up brings the bearer up once and sets the server parameters once", "[dialect.sim7000]") {
  Sim7000Modem sim;
  sim.start_and_open();
  CHECK(sim.count_of("CNACT") == 1);
  CHECK(sim.count_of("CNACT?") == 1);
  CHECK(sim.count_of("FTPSERV") == 1);
  CHECK(sim.count_of("FTPPW") == 1);
  CHECK(sim.logins() == 1);  // the login is proven with one action (FTPSIZE)
  CHECK(sim.count_of("FTPSIZE") == 1);
  // Again, as after a recovery: the bearer is up and the parameters are already set.
  sim.start_and_open();
  CHECK(sim.count_of("CNACT") == 1);
  CHECK(sim.count_of("CNACT?") == 2);
  CHECK(sim.count_of("FTPSERV") == 2);  // a restart may have lost them: sent once more
  REQUIRE(sim.modem().open_session(SimModem::server()).has_value());
  CHECK(sim.count_of("FTPSERV") == 2);  // unchanged: not sent
  CHECK(sim.modem().open_session(SimModem::server("other")).error() == ftp_errc::permission_denied);
  CHECK(sim.count_of("FTPPW") == 3);    // only the changed parameter goes out
  CHECK(sim.count_of("FTPSERV") == 2);
}

TEST_CASE("a listing is one login, and the path parameter is sent only when it changes", "[dialect.sim7000]") {
  Sim7000Modem sim;
  write_file(sim.root() / "a.txt", "hello");
  write_file(sim.root() / "dir" / "b.bin", std::string(3000, 'x'));
  sim.start_and_open();
  auto root = sim.modem().list("/");
  REQUIRE(root.has_value());
  CHECK(names_and_sizes(root.value()) ==
        std::set<std::pair<std::string, std::uint64_t>>{{"a.txt", 5}, {"dir", 4096}});
  CHECK(sim.logins() == 2);  // open_session's, the listing's
  auto again = sim.modem().list("");
  REQUIRE(again.has_value());
  CHECK(again.value() == root.value());
  CHECK(sim.count_of("FTPGETPATH") == 1);  // "/" since open_session
  auto dir = sim.modem().list("/dir");
  REQUIRE(dir.has_value());
  CHECK(names_and_sizes(dir.value()) ==
        std::set<std::pair<std::string, std::uint64_t>>{{"b.bin", 3000}});
  CHECK(sim.count_of("FTPGETPATH") == 2);
  CHECK(sim.logins() == 4);
}

TEST_CASE("a listing longer than one read block arrives whole", "[dialect.sim7000]") {
  Sim7000Modem sim;
  for (int i = 0; i < 300; ++i) write_file(sim.root() / "many" / ("file-" + std::to_string(i)), "x");
  sim.start_and_open();
  auto listing = sim.modem().list("/many");
  REQUIRE(listing.has_value());
  CHECK(listing.value().size() > 3 * 1460);
  CHECK(names_and_sizes(listing.value()).size() == 300);
}

TEST_CASE("an empty directory lists as nothing; a missing one is not found", "[dialect.sim7000]") {
  Sim7000Modem sim;
  std::filesystem::create_directories(sim.root() / "empty");
  sim.start_and_open();
  auto empty = sim.modem().list("/empty");
  REQUIRE(empty.has_value());
  CHECK(names_and_sizes(empty.value()).empty());
  auto missing = sim.modem().list("/missing");
  REQUIRE(missing.has_error());
  CHECK(missing.error() == ftp_errc::not_found);
}

TEST_CASE("a wrong password fails open_session, as FTPOPEN does on the L610", "[dialect.sim7000]") {
  Sim7000Modem sim;
  REQUIRE(sim.modem().start_modem(BearerConfig{}).has_value());
  auto opened = sim.modem().open_session(SimModem::server("wrong"));
  REQUIRE(opened.has_error());
  CHECK(opened.error() == ftp_errc::permission_denied);
  CHECK_FALSE(sim.modem().is_transient(opened.error()));
  CHECK_FALSE(sim.modem().session_open());
  CHECK(sim.modem().list("/").error() == ftp_errc::permission_denied);  // each try logs in again
}

TEST_CASE("the tolerated wire variations", "[dialect.sim7000]") {
  auto quirk = GENERATE(mfs::sim::Quirk::echo, mfs::sim::Quirk::no_space, mfs::sim::Quirk::lf_only,
                        mfs::sim::Quirk::empty_lines, mfs::sim::Quirk::result_before_ok,
                        mfs::sim::Quirk::noise_urcs);
  INFO("quirk " << static_cast<int>(quirk));
  Sim7000Modem sim([quirk](mfs::sim::SimConfig& config) { config.quirks = {quirk}; });
  const std::string bytes = random_bytes(5000, 3);
  write_file(sim.root() / "f", bytes);
  sim.start_and_open();
  auto listing = sim.modem().list("/");
  REQUIRE(listing.has_value());
  CHECK(names_and_sizes(listing.value()).count({"f", 5000}) == 1);
  CHECK(download_all(sim.modem(), "/f") == bytes);
  MemorySource source(bytes);
  REQUIRE(sim.modem().upload("/g", source).has_value());
  CHECK(read_file(sim.root() / "g") == bytes);
  REQUIRE(sim.modem().remove_file("/g").has_value());
  CHECK_FALSE(std::filesystem::exists(sim.root() / "g"));
}

TEST_CASE("keepalive asks the module locally; PWD, CWD, SYST and STAT do not exist", "[dialect.sim7000]") {
  Sim7000Modem sim;
  sim.start_and_open();
  const auto states = sim.count_of("FTPSTATE");  // start-up asks too (a stale action?)
  REQUIRE(sim.modem().noop().has_value());
  CHECK(sim.count_of("FTPSTATE") == states + 1);
  CHECK(sim.logins() == 1);  // open_session's only
  CHECK(sim.modem().ftp_busy().value() == false);
  const auto unsupported = std::make_error_code(std::errc::operation_not_supported);
  CHECK(sim.modem().working_directory().error() == unsupported);
  CHECK(sim.modem().change_directory("/").error() == unsupported);
  CHECK(sim.modem().system_type().error() == unsupported);
  CHECK(sim.modem().status("/").error() == unsupported);
}

TEST_CASE("an action before open_session is refused without a word to the modem", "[dialect.sim7000]") {
  Sim7000Modem sim;
  REQUIRE(sim.modem().start_modem(BearerConfig{}).has_value());
  const auto commands = sim.at_commands();
  CHECK(sim.modem().list("/").error() == dialect_errc::session_not_open);
  CHECK(sim.at_commands() == commands);
  REQUIRE(sim.modem().open_session(SimModem::server()).has_value());
  REQUIRE(sim.modem().close_session().has_value());
  CHECK_FALSE(sim.modem().session_open());
}
