// A cut upload resumes after what the server holds instead of sending the whole file again:
// the SIM7000 with AT+FTPPUTOPT="APPE" (seed 004 section 3, PROTOCOL.md 3), through
// ModemSession against the SIM7000 simulator; the next fresh upload is a STOR again.
#include <catch2/catch.hpp>

#include "tests/session/session_fixture.hpp"
#include "tests/sim/sim_harness.hpp"
#include "tests/support/stats_json.hpp"

namespace mfs::session {
namespace {

using sim::test::SimHarness;
using sim::test::pattern;
using sim::test::read_file;
using test::MemorySource;
using test::start_on;
using test::stats_count;

TEST_CASE("a cut SIM7000 upload resumes with APPE at the size the server holds", "[session]") {
  SimHarness sim([](sim::SimConfig& c) {
    c.dialect = "sim7000";
    c.faults = "drop-upload@100000";
  });
  auto session = start_on(sim, TransferPath::automatic, "sim7000");
  const auto content = pattern(200'000, 41);
  REQUIRE(session->upload("/up", std::make_shared<MemorySource>(content)));
  CHECK(read_file(sim.root() / "up") == content);
  CHECK(stats_count(sim.stats_json(), "drop") == 1);
  // The server got bytes 1..100000 before the drop, then only the rest: nothing twice.
  CHECK(stats_count(sim.stats_json(), "files_uploaded_bytes") == content.size());
  // STOR (the option is unknown at start-up: a killed daemon may have left APPE), then APPE.
  CHECK(stats_count(sim.stats_json(), "FTPPUTOPT") == 2);
  // A fresh upload over the same name replaces it (STOR), whatever it held.
  const auto next = pattern(50'000, 42);
  REQUIRE(session->upload("/up", std::make_shared<MemorySource>(next)));
  CHECK(read_file(sim.root() / "up") == next);
  CHECK(stats_count(sim.stats_json(), "FTPPUTOPT") == 3);
}

}  // namespace
}  // namespace mfs::session
