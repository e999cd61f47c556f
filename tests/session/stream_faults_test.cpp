// Faults inside escaped streams, end to end through ModemSession against the L610 simulator: a
// module that reboots inside an FTPRETR stream prints its banner where data would be; the
// session must hand over (and spill to the block cache) only proven bytes, notice the reboot in
// seconds rather than after the 90 s stall timeout, and resume at the last proven byte. An
// upload stream the module reports broken is not sent on.
#include <catch2/catch.hpp>

#include <chrono>
#include <map>
#include <mutex>

#include "tests/session/session_fixture.hpp"
#include "tests/sim/sim_harness.hpp"
#include "tests/support/stats_json.hpp"

namespace mfs::session {
namespace {

using sim::test::SimHarness;
using sim::test::pattern;
using sim::test::write_file;
using test::start_on;
using test::stats_count;
using namespace std::chrono_literals;

TEST_CASE("a reboot inside a small file's stream costs seconds and no byte", "[session]") {
  SimHarness sim([](sim::SimConfig& c) { c.faults = "reboot-download@5000:300"; });
  const auto content = pattern(40'000, 31);  // small: the default plan streams it whole
  write_file(sim.root() / "small", content);
  auto session = start_on(sim);
  std::mutex mu;
  std::map<std::uint64_t, std::string> spilled;
  session->set_spill_handler([&](const std::string&, std::uint64_t offset, const std::string& b) {
    std::lock_guard lock(mu);
    spilled[offset] = b;
  });
  const auto started = std::chrono::steady_clock::now();
  auto head = session->read("/small", 0, 4096, content.size());
  auto rest = session->read("/small", 4096, content.size() - 4096, content.size());
  const auto took = std::chrono::steady_clock::now() - started;
  REQUIRE(head);
  REQUIRE(rest);
  CHECK(head.value() + rest.value() == content);
  CHECK(took < 15s);
  CHECK(stats_count(sim.stats_json(), "reboot") == 1);
  CHECK(stats_count(sim.stats_json(), "FTPRETR") == 2);
  std::lock_guard lock(mu);
  for (const auto& [offset, bytes] : spilled) {
    CAPTURE(offset);
    CHECK(bytes == content.substr(offset, bytes.size()));
  }
}

TEST_CASE("an upload stream the module broke off is not sent on, and resumes", "[session]") {
  SimHarness sim([](sim::SimConfig& c) { c.faults = "drop-upload@100000"; });
  const auto content = pattern(2'000'000, 32);
  auto session = start_on(sim);
  REQUIRE(session->upload("/up", std::make_shared<test::MemorySource>(content)));
  CHECK(sim::test::read_file(sim.root() / "up") == content);
  CHECK(stats_count(sim.stats_json(), "drop") == 1);
  CHECK(stats_count(sim.stats_json(), "FTPSTOR") == 2);
  // The first stream stops soon after byte 100000 (what was already on its way), the resumed
  // one sends the rest: not the whole file twice.
  const auto from_host = stats_count(sim.stats_json(), "serial_bytes_from_host");
  CHECK(from_host < content.size() * 102 / 100 + 300'000);
}

}  // namespace
}  // namespace mfs::session
