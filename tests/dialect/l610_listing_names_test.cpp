// L610 listings whose names look like modem events (issue 13, item 5): a CR inside a name is
// the server's byte, so "x\rRDY" is no reboot and "x\r+FTPLIST: 0" no end, with the listing's
// result before or after OK (core/dialect/l610_ops.cpp over core/at's captures).
#include <catch2/catch.hpp>

#include "core/dialect/l610.hpp"
#include "tests/dialect/l610_fixture.hpp"

using namespace mfs::dialect;
using namespace mfs::dialect::test;
using mfs::sim::Quirk;

TEST_CASE("names holding a CR and a modem line list whole", "[dialect.l610]") {
  const auto quirks = GENERATE(values<std::set<Quirk>>({{}, {Quirk::result_before_ok}, {Quirk::lf_only}}));
  CAPTURE(quirks.size());
  SimModem sim(quirks);
  const std::set<std::pair<std::string, std::uint64_t>> files = {
      {"x\rRDY", 1}, {"x\r+FTPLIST: 0", 2}, {"x\r+FTPLIST: 1", 3}, {"x\r+CPIN: READY", 4}, {"plain", 5}};
  for (const auto& [name, size] : files) write_file(sim.root() / name, std::string(size, 'f'));
  sim.start_and_open();
  for (int i = 0; i < 2; ++i) {  // and the module takes the next listing as usual
    auto listing = sim.modem().list("/");
    REQUIRE(listing.has_value());
    CHECK(names_and_sizes(listing.value()) == files);
  }
  CHECK(sim.count_of("FTPLIST") == 2);
}
