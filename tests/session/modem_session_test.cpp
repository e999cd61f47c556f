// ModemSession against the real L610 simulator: listing, stream continuation across reads,
// settling an open stream before other requests, spills, uploads, and recovery after the
// module drops the FTP session.
#include <catch2/catch.hpp>

#include <map>
#include <mutex>

#include "core/ftp/ftp_error.hpp"
#include "core/session/session.hpp"
#include "tests/session/session_fixture.hpp"
#include "tests/sim/sim_harness.hpp"
#include "tests/support/stats_json.hpp"

namespace mfs::session {
namespace {

using sim::test::SimHarness;
using sim::test::pattern;
using sim::test::read_file;
using sim::test::write_file;
using test::MemorySource;
using test::start_on;
using test::stats_count;

// The error of a failed result; an empty error_code when it unexpectedly succeeded.
std::error_code error_of(const result<void>& r) { return r ? std::error_code() : r.error(); }

}  // namespace

TEST_CASE("list parses the directory the simulator serves", "[session]") {
  SimHarness sim;
  write_file(sim.root() / "a.bin", pattern(1234));
  std::filesystem::create_directory(sim.root() / "sub");
  auto session = start_on(sim);

  auto entries = session->list("/");
  REQUIRE(entries);
  std::map<std::string, std::pair<ftp::EntryType, std::uint64_t>> seen;
  for (const auto& e : entries.value()) seen[e.name] = {e.type, e.size};
  CHECK(seen.size() == 2);
  CHECK(seen["a.bin"] == std::pair{ftp::EntryType::file, std::uint64_t{1234}});
  CHECK(seen["sub"].first == ftp::EntryType::directory);
}

TEST_CASE("consecutive sequential reads continue one download stream", "[session]") {
  SimHarness sim;
  const auto content = pattern(1'200'000);
  write_file(sim.root() / "big.bin", content);
  auto session = start_on(sim);

  std::string assembled;
  constexpr std::size_t request = 128 * 1024;
  for (std::uint64_t off = 0; off < content.size(); off += request) {
    auto chunk = session->read("/big.bin", off, request, content.size());
    REQUIRE(chunk);
    assembled += chunk.value();
  }
  CHECK(assembled == content);
  CHECK(stats_count(sim.stats_json(), "FTPGET") == 1);
}

TEST_CASE("a read of another file abandons a long stream and reads correctly", "[session]") {
  SimHarness sim;
  const auto first = pattern(900'000, 1);
  const auto second = pattern(700'000, 2);
  write_file(sim.root() / "one.bin", first);
  write_file(sim.root() / "two.bin", second);
  auto session = start_on(sim);

  auto head = session->read("/one.bin", 0, 10'000, first.size());
  REQUIRE(head);
  CHECK(head.value() == first.substr(0, 10'000));
  auto other = session->read("/two.bin", 5, 50'000, second.size());
  REQUIRE(other);
  CHECK(other.value() == second.substr(5, 50'000));
  const auto stats = sim.stats_json();
  CHECK(stats_count(stats, "FTPGET") == 2);
  CHECK(stats_count(stats, "FTPCLOSE") == 1);  // the first stream was abandoned
  CHECK(stats_count(stats, "ftp_sessions") == 2);
  CHECK(stats_count(stats, "FTPINFO") == 1);  // still echoing replies: not asked again
}

TEST_CASE("a short stream remainder is drained into the spill handler", "[session]") {
  SimHarness sim;
  const auto content = pattern(100'000);
  write_file(sim.root() / "f.bin", content);
  auto session = start_on(sim);
  std::mutex mu;
  std::string spilled;
  std::uint64_t spilled_at = 0;
  session->set_spill_handler([&](const std::string& path, std::uint64_t off, const std::string& b) {
    std::lock_guard lock(mu);
    CHECK(path == "/f.bin");
    spilled_at = off;
    spilled += b;
  });

  REQUIRE(session->read("/f.bin", 0, 60'000, content.size()));
  REQUIRE(session->list("/"));  // settles the stream first

  std::lock_guard lock(mu);
  CHECK(spilled_at == 60'000);
  CHECK(spilled == content.substr(60'000));
  CHECK(stats_count(sim.stats_json(), "FTPCLOSE") == 0);  // drained, not abandoned
}

TEST_CASE("a stream read to its end is not abandoned", "[session]") {
  SimHarness sim;
  const auto content = pattern(10'000);
  write_file(sim.root() / "f.bin", content);
  auto session = start_on(sim);

  auto whole = session->read("/f.bin", 0, content.size(), content.size());
  REQUIRE(whole);
  CHECK(whole.value() == content);
  REQUIRE(session->list("/"));
  const auto stats = sim.stats_json();
  CHECK(stats_count(stats, "FTPCLOSE") == 0);
  CHECK(stats_count(stats, "ftp_sessions") == 1);
}

TEST_CASE("uploads and metadata operations reach the server's tree", "[session]") {
  SimHarness sim;
  auto session = start_on(sim);
  const auto data = pattern(5000);

  REQUIRE(session->make_directory("/d"));
  REQUIRE(session->upload("/d/x.bin", std::make_shared<MemorySource>(data)));
  CHECK(read_file(sim.root() / "d" / "x.bin") == data);
  REQUIRE(session->rename("/d/x.bin", "/d/y.bin"));
  CHECK(std::filesystem::exists(sim.root() / "d" / "y.bin"));
  CHECK(error_of(session->remove_directory("/d")) == ftp::ftp_errc::not_empty);
  REQUIRE(session->remove_file("/d/y.bin"));
  REQUIRE(session->remove_directory("/d"));
  CHECK(!std::filesystem::exists(sim.root() / "d"));
  CHECK(error_of(session->remove_file("/nope")) == ftp::ftp_errc::not_found);
}

TEST_CASE("an upload the server answered with 226 needs no listing to verify it", "[session]") {
  const bool echoes_replies = GENERATE(true, false);
  SimHarness sim([&](sim::SimConfig& c) {
    if (!echoes_replies) c.quirks.insert(sim::Quirk::no_reply_echo);
  });
  auto session = start_on(sim);
  const auto data = pattern(6000);
  REQUIRE(session->upload("/x.bin", std::make_shared<MemorySource>(data)));
  CHECK(read_file(sim.root() / "x.bin") == data);
  // Without the module's echo of "226 Transfer complete" only a listing can tell.
  CHECK(stats_count(sim.stats_json(), "FTPLIST") == (echoes_replies ? 0 : 1));
}

TEST_CASE("a session the module dropped is reopened by the next request", "[session]") {
  SimHarness sim([](sim::SimConfig& c) { c.unread_timeout = std::chrono::milliseconds(200); });
  const auto content = pattern(200'000);
  write_file(sim.root() / "f.bin", content);
  auto session = start_on(sim);

  // Leave a stream unread past the module's unread timeout: it drops the FTP session.
  REQUIRE(session->read("/f.bin", 0, 3000, content.size()));
  std::this_thread::sleep_for(std::chrono::milliseconds(600));  // lets the module time out

  auto entries = session->list("/");
  REQUIRE(entries);
  CHECK(entries.value().size() == 1);
  auto rest = session->read("/f.bin", 3000, 10'000, content.size());
  REQUIRE(rest);
  CHECK(rest.value() == content.substr(3000, 10'000));
  CHECK(stats_count(sim.stats_json(), "ftp_sessions") == 2);
}

}  // namespace mfs::session
