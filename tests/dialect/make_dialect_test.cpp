// make_dialect (core/dialect/make_dialect.cpp): the family table, and modem=auto's
// identification by ATI and AT+CGMM against both simulators and a module we do not drive.
#include "core/dialect/make_dialect.hpp"

#include <catch2/catch.hpp>

#include "core/dialect/dialect_error.hpp"
#include "tests/at/scripted_modem.hpp"
#include "tests/dialect/l610_fixture.hpp"
#include "tests/dialect/sim7000_fixture.hpp"

using namespace mfs::dialect;

TEST_CASE("make_dialect knows l610 and sim7000 and refuses other families", "[dialect]") {
  test::SimModem sim;
  auto l610 = make_dialect("l610", sim.engine());
  REQUIRE(l610.has_value());
  CHECK(l610.value()->family() == "l610");
  REQUIRE(l610.value()->start_modem(BearerConfig{"internet", "", ""}).has_value());
  auto sim7000 = make_dialect("sim7000", sim.engine());
  REQUIRE(sim7000.has_value());
  CHECK(sim7000.value()->family() == "sim7000");
  for (auto family : {"L610", "SIM7000", "bg96", ""}) {
    auto other = make_dialect(family, sim.engine());
    REQUIRE(other.has_error());
    CHECK(other.error() == dialect_errc::unknown_family);
  }
}

TEST_CASE("modem=auto picks the L610 dialect for the L610 simulator", "[dialect]") {
  test::SimModem sim;
  auto chosen = make_dialect("auto", sim.engine());
  REQUIRE(chosen.has_value());
  CHECK(chosen.value()->family() == "l610");
  REQUIRE(chosen.value()->start_modem(BearerConfig{"internet", "", ""}).has_value());
  REQUIRE(chosen.value()->open_session(test::SimModem::server()).has_value());
}

TEST_CASE("modem=auto picks the SIM7000 dialect for the SIM7000 simulator", "[dialect]") {
  test::Sim7000Modem sim;
  auto identity = identify_modem(sim.engine());
  REQUIRE(identity.has_value());
  CHECK(identity.value().family == "sim7000");
  CHECK(identity.value().answer == "SIM7000E R1351");
  auto chosen = make_dialect("auto", sim.engine());
  REQUIRE(chosen.has_value());
  CHECK(chosen.value()->family() == "sim7000");
  REQUIRE(chosen.value()->start_modem(BearerConfig{}).has_value());
  REQUIRE(chosen.value()->open_session(test::SimModem::server()).has_value());
  REQUIRE(chosen.value()->list("/").has_value());
}

TEST_CASE("modem=auto refuses a module it does not drive and keeps its answers", "[dialect]") {
  mfs::test::ScriptedModem peer;
  for (int ask = 0; ask < 2; ++ask) {  // identify_modem, then make_dialect asks the same
    peer.on("AT\r", "\r\nOK\r\n");
    peer.on("ATI\r", "\r\nQuectel\r\nBG96\r\nRevision: BG96MAR02A07M1G\r\n\r\nOK\r\n");
    peer.on("AT+CGMM\r", "\r\nBG96\r\n\r\nOK\r\n");
  }
  peer.start();
  mfs::link::SerialLink link(mfs::link::SerialConfig{peer.slave_path()});
  REQUIRE(link.open().has_value());
  mfs::at::AtEngine engine(link);
  auto identity = identify_modem(engine);
  REQUIRE(identity.has_value());
  CHECK_FALSE(identity.value().family.has_value());
  CHECK(identity.value().answer == "Quectel / BG96 / Revision: BG96MAR02A07M1G / BG96");
  auto chosen = make_dialect("auto", engine);
  REQUIRE(chosen.has_error());
  CHECK(chosen.error() == dialect_errc::unknown_module);
  CHECK(peer.finish().empty());
}
