// make_dialect (core/dialect/make_dialect.cpp): the family table.
#include "core/dialect/make_dialect.hpp"

#include <catch2/catch.hpp>

#include "core/dialect/dialect_error.hpp"
#include "tests/dialect/l610_fixture.hpp"

using namespace mfs::dialect;

TEST_CASE("make_dialect knows l610 and refuses other families", "[dialect.l610]") {
  test::SimModem sim;
  auto l610 = make_dialect("l610", sim.engine());
  REQUIRE(l610.has_value());
  CHECK(l610.value()->family() == "l610");
  REQUIRE(l610.value()->start_modem(BearerConfig{"internet", "", ""}).has_value());
  for (auto family : {"sim7000", "L610", ""}) {
    auto other = make_dialect(family, sim.engine());
    REQUIRE(other.has_error());
    CHECK(other.error() == dialect_errc::unknown_family);
  }
}
