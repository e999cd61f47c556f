// Pre-emption: Preemption's decisions (with the time passed in), then against the real
// simulators: a listing asked while a long upload or download runs is served before the
// transfer ends, and the transfer then completes with exact data, resumed where it stopped.
#include <catch2/catch.hpp>

#include <future>
#include <thread>

#include "core/session/preemption.hpp"
#include "tests/session/session_fixture.hpp"
#include "tests/sim/sim_harness.hpp"
#include "tests/support/stats_json.hpp"

namespace mfs::session {
namespace {

using namespace std::chrono_literals;
using sim::test::SimHarness;
using sim::test::pattern;
using sim::test::read_file;
using sim::test::write_file;
using test::MemorySource;
using test::start_on;
using test::stats_count;
using Clock = std::chrono::steady_clock;

void await_command(const SimHarness& sim, const std::string& command) {
  const auto by = Clock::now() + 10s;
  while (stats_count(sim.stats_json(), command) == 0 && Clock::now() < by)
    std::this_thread::sleep_for(20ms);
  REQUIRE(stats_count(sim.stats_json(), command) > 0);
}

}  // namespace

TEST_CASE("a bulk job yields after its turn, and only to a waiting interactive one", "[session]") {
  Preemption p;
  const auto t0 = Clock::now();
  p.begin(Priority::bulk, t0);
  CHECK_FALSE(p.should_yield(true, t0 + Preemption::min_turn / 2));
  CHECK_FALSE(p.should_yield(false, t0 + Preemption::min_turn));
  CHECK(p.may_stream(t0 + Preemption::min_turn));
  CHECK(p.should_yield(true, t0 + Preemption::min_turn));
  CHECK_FALSE(p.may_stream(t0 + Preemption::min_turn + Preemption::quiet_before_stream / 2));
  CHECK(p.may_stream(t0 + Preemption::min_turn + Preemption::quiet_before_stream));
  p.end();

  p.begin(Priority::interactive, t0);
  CHECK_FALSE(p.should_yield(true, t0 + 10 * Preemption::min_turn));
}

TEST_CASE("a listing goes between the bytes of a long upload stream", "[session]") {
  // The L610's FTPSTOR, the SIM7000's FTPETPUT: each ends at the current byte and resumes at
  // what the server holds (FTPSTOR at an offset; FTPETPUT with APPE).
  const std::string dialect = GENERATE("l610", "sim7000");
  const std::string stream = dialect == "l610" ? "FTPSTOR" : "FTPETPUT";
  INFO(dialect);
  SimHarness sim([&](sim::SimConfig& c) {
    c.dialect = dialect;
    c.link.baud = 460'800;  // 46 KB/s: ~7 s
  });
  auto session = start_on(sim, TransferPath::automatic, dialect);
  const auto data = pattern(300'000, 14);
  auto upload = std::async(std::launch::async, [&] {
    return session->upload("/up.bin", std::make_shared<MemorySource>(data));
  });
  await_command(sim, stream);
  std::this_thread::sleep_for(Preemption::min_turn);
  REQUIRE(session->list("/"));
  CHECK(upload.wait_for(0s) == std::future_status::timeout);  // served before the upload ended
  REQUIRE(upload.get());
  CHECK(read_file(sim.root() / "up.bin") == data);
  // Two streams (the SIM7000 sends =1 and =2 for each), and every byte crossed once.
  CHECK(stats_count(sim.stats_json(), stream) == (dialect == "l610" ? 2U : 4U));
  CHECK(stats_count(sim.stats_json(), "files_uploaded_bytes") == data.size());
}

TEST_CASE("a listing goes between the chunks of a long download", "[session]") {
  const std::string dialect = GENERATE("l610", "sim7000");
  INFO(dialect);
  SimHarness sim([&](sim::SimConfig& c) {
    c.dialect = dialect;
    c.link.baud = 460'800;
  });
  const auto data = pattern(300'000, 15);
  write_file(sim.root() / "down.bin", data);
  auto session = start_on(sim, TransferPath::automatic, dialect);
  auto read = std::async(std::launch::async,
                         [&] { return session->read("/down.bin", 0, data.size(), data.size()); });
  await_command(sim, "FTPGET");
  std::this_thread::sleep_for(Preemption::min_turn);
  REQUIRE(session->list("/"));
  CHECK(read.wait_for(0s) == std::future_status::timeout);  // served before the read ended
  const auto got = read.get();
  REQUIRE(got);
  CHECK(got.value() == data);
}

}  // namespace mfs::session
