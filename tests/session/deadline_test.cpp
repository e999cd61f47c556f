// Request deadlines against the real simulators: a stalled server costs a request its timeout
// and no more, and the modem thread serves the next request at once; a transfer fails once it
// moved no byte for the timeout, and goes on while bytes move; upload progress renews the
// retry budget; shutdown releases a stalled modem within seconds.
#include <catch2/catch.hpp>

#include <future>
#include <thread>

#include "core/session/session.hpp"
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
using test::stats_count;
using Clock = std::chrono::steady_clock;

std::unique_ptr<Session> start_with(const SimHarness& sim, const std::string& dialect,
                                    std::chrono::seconds timeout, int retries = 3) {
  SessionConfig config;
  config.serial.device = sim.link().string();
  config.server = {"127.0.0.1", 21, "demo", "demo"};
  config.modem = dialect;
  config.request_timeout = timeout;
  config.retries = retries;
  config.retry_backoff = 100ms;
  config.keepalive_interval = 0s;
  auto session = Session::start(config);
  REQUIRE(session);
  return std::move(session).value();
}

std::function<void(sim::SimConfig&)> simulating(const std::string& dialect, std::string faults) {
  return [dialect, faults](sim::SimConfig& c) {
    c.dialect = dialect;
    c.faults = faults;
  };
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

template <class T>
std::error_code error_of(const result<T>& r) {
  return r ? std::error_code() : r.error();
}

}  // namespace

TEST_CASE("a stalled listing costs its timeout, and the next request is served at once",
          "[session]") {
  const std::string dialect = GENERATE("l610", "sim7000");
  INFO(dialect);
  SimHarness sim(simulating(dialect, "stall@FTPLIST#1"));
  write_file(sim.root() / "a.bin", pattern(100));
  auto session = start_with(sim, dialect, 3s);

  auto start = Clock::now();
  const auto stalled = session->list("/");
  CHECK(error_of(stalled) == std::errc::timed_out);
  CHECK(seconds_since(start) < 4.5);

  start = Clock::now();
  const auto listed = session->list("/");
  REQUIRE(listed);
  CHECK(listed.value().size() == 1);
  CHECK(seconds_since(start) < 2.5);  // the modem thread no longer waits out FTPLIST's 120 s
}

TEST_CASE("a download that stops moving fails after the timeout, not the per-KB allowance",
          "[session]") {
  const std::string dialect = GENERATE("l610", "sim7000");
  INFO(dialect);
  // The third block read never gets an answer: the modem's own wait for it is 10 s.
  SimHarness sim(simulating(dialect, dialect == "l610" ? "stall@FTPRECV#3" : "stall@FTPGET#4"));
  const auto content = pattern(600'000);
  write_file(sim.root() / "f.bin", content);
  auto session = start_with(sim, dialect, 2s);

  const auto start = Clock::now();
  const auto read = session->read("/f.bin", 0, content.size(), content.size());
  CHECK(error_of(read) == std::errc::timed_out);
  CHECK(seconds_since(start) < 3.5);  // the 600 KB asked once allowed 602 s

  const auto again = session->read("/f.bin", 0, 10'000, content.size());
  REQUIRE(again);
  CHECK(again.value() == content.substr(0, 10'000));
}

TEST_CASE("a download that keeps moving goes on past the timeout", "[session]") {
  SimHarness sim([](sim::SimConfig& c) { c.link.baud = 460'800; });  // 46 KB/s
  const auto content = pattern(150'000);
  write_file(sim.root() / "f.bin", content);
  auto session = start_with(sim, "l610", 1s);

  const auto start = Clock::now();
  const auto read = session->read("/f.bin", 0, content.size(), content.size());
  REQUIRE(read);
  CHECK(read.value() == content);
  CHECK(seconds_since(start) > 2.0);  // far longer than the timeout, and never idle that long
}

TEST_CASE("waiting behind a long transfer costs a request none of its timeout", "[session]") {
  SimHarness sim([](sim::SimConfig& c) { c.link.baud = 460'800; });  // 46 KB/s
  const auto content = pattern(150'000);
  write_file(sim.root() / "f.bin", content);
  write_file(sim.root() / "g.bin", content);
  auto session = start_with(sim, "l610", 1s);

  // Two transfers of ~3 s each, and a listing queued behind the first: each waits longer than
  // the 1 s timeout, and each is served.
  auto first = std::async(std::launch::async,
                          [&] { return session->read("/f.bin", 0, content.size(), content.size()); });
  const auto sent_by = Clock::now() + 5s;
  while (stats_count(sim.stats_json(), "FTPGET") == 0 && Clock::now() < sent_by)
    std::this_thread::sleep_for(20ms);
  REQUIRE(stats_count(sim.stats_json(), "FTPGET") == 1);
  auto second = std::async(std::launch::async,
                           [&] { return session->read("/g.bin", 0, content.size(), content.size()); });
  const auto listed = session->list("/");
  CHECK(error_of(listed) == std::error_code());
  const auto first_read = first.get();
  const auto second_read = second.get();
  REQUIRE(first_read);
  REQUIRE(second_read);
  CHECK(first_read.value() == content);
  CHECK(second_read.value() == content);
}

TEST_CASE("an upload that moves on at every resume renews its retries", "[session]") {
  // Five drops, each 100000 bytes into its transfer: every resume gets further.
  std::string drops;
  for (int i = 0; i < 5; ++i) drops += std::string(i ? "," : "") + "drop-upload@100000";
  SimHarness sim(simulating("l610", drops));
  auto session = start_with(sim, "l610", 20s, 2);
  const auto data = pattern(600'000);

  REQUIRE(session->upload("/x.bin", std::make_shared<MemorySource>(data)));
  CHECK(read_file(sim.root() / "x.bin") == data);
  CHECK(stats_count(sim.stats_json(), "drop") == 5);
}

TEST_CASE("shutdown releases a modem stalled inside a long wait within seconds", "[session]") {
  const std::string dialect = GENERATE("l610", "sim7000");
  INFO(dialect);
  SimHarness sim(simulating(dialect, "stall@FTPLIST#1"));
  auto session = start_with(sim, dialect, 60s);

  auto listing = std::async(std::launch::async, [&] { return session->list("/"); });
  const auto sent_by = Clock::now() + 5s;  // the stall needs the FTPLIST on the wire first
  while (stats_count(sim.stats_json(), "FTPLIST") == 0 && Clock::now() < sent_by)
    std::this_thread::sleep_for(20ms);
  REQUIRE(stats_count(sim.stats_json(), "FTPLIST") == 1);

  const auto start = Clock::now();
  session->shutdown();
  CHECK(seconds_since(start) < 3.5);
  REQUIRE(listing.wait_for(1s) == std::future_status::ready);
  CHECK_FALSE(listing.get());
  const auto after = session->list("/");
  CHECK(error_of(after) == std::errc::operation_canceled);
}

}  // namespace mfs::session
