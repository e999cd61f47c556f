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

// Nothing counts the bytes of an FTPETPUT stream: a module that lost some between the host and
// the server and still says "+FTPETPUT: 1,0" must not get the file published short. Chunks
// are counted (each prompted at its length), so their "+FTPPUT: 1,0" is trusted: no FTPSIZE.
TEST_CASE("a SIM7000 stream upload is checked by its stored size, chunks by their count",
          "[session]") {
  SimHarness sim([](sim::SimConfig& c) {
    c.dialect = "sim7000";
    c.faults = "drop-upload@100000";
    c.quirks.insert(sim::Quirk::confirms_cut_streams);
  });
  auto session = start_on(sim, TransferPath::automatic, "sim7000");
  const auto content = pattern(200'000, 43);
  REQUIRE(session->upload("/up", std::make_shared<MemorySource>(content)));
  CHECK(read_file(sim.root() / "up") == content);
  CHECK(stats_count(sim.stats_json(), "drop") == 1);
  const auto size_queries = stats_count(sim.stats_json(), "FTPSIZE");
  CHECK(size_queries >= 1);

  const auto streams = stats_count(sim.stats_json(), "FTPETPUT");
  const auto small = pattern(12'000, 44);  // under chunked_upload_limit: FTPPUT chunks
  REQUIRE(session->upload("/small", std::make_shared<MemorySource>(small)));
  CHECK(read_file(sim.root() / "small") == small);
  CHECK(stats_count(sim.stats_json(), "FTPETPUT") == streams);
  CHECK(stats_count(sim.stats_json(), "FTPSIZE") == size_queries);
}

}  // namespace
}  // namespace mfs::session

namespace mfs::session {
namespace {

// The host's device vanishes mid-upload while the module stays inside it (an FTPSTOR stream or
// an FTPPUT prompt still owed bytes): the recovery's resync bytes, and the filler that frees a
// prompt, go into the file on the server. The retry must not resume after them: the whole
// file goes again and arrives exact.
TEST_CASE("an upload whose module swallowed the resync starts over and arrives exact", "[session]") {
  struct Case {
    const char* family;
    TransferPath path;
  };
  const auto which = GENERATE(Case{"l610", TransferPath::stream}, Case{"l610", TransferPath::chunked},
                              Case{"sim7000", TransferPath::automatic});
  CAPTURE(which.family, static_cast<int>(which.path));
  SimHarness sim([&](sim::SimConfig& c) {
    c.dialect = which.family;
    c.faults = "vanish-upload@100000:300";
  });
  auto session = start_on(sim, which.path, which.family);
  const auto content = pattern(200'000, 43);
  REQUIRE(session->upload("/up", std::make_shared<MemorySource>(content)));
  CHECK(stats_count(sim.stats_json(), "vanish") == 1);
  CHECK(read_file(sim.root() / "up") == content);
}

}  // namespace
}  // namespace mfs::session
