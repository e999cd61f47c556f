// The transfer paths: TransferPlan's decisions from tables, then ModemSession against the L610
// simulator choosing streams (FTPRETR/FTPSTOR) or chunks (FTPGET/FTPRECV, FTPPUT) per
// -o transfer=, switching a continued download to a stream, and falling back to chunks when
// the modem refuses a stream.
#include "core/session/transfer_plan.hpp"

#include <catch2/catch.hpp>

#include "core/ftp/ftp_error.hpp"
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
using namespace std::chrono_literals;

// Reads `size` bytes of `path` in 256 KiB requests, as the block cache's readahead does.
std::string read_sequentially(Session& session, const std::string& path, std::uint64_t size) {
  std::string out;
  while (out.size() < size) {
    auto chunk = session.read(path, out.size(), 256 * 1024, size);
    REQUIRE(chunk);
    REQUIRE_FALSE(chunk.value().empty());
    out += chunk.value();
  }
  return out;
}

std::uint64_t count(const SimHarness& sim, const std::string& key) {
  return stats_count(sim.stats_json(), key);
}

}  // namespace

TEST_CASE("a continued download turns into a stream only when the rest is worth it",
          "[session]") {
  constexpr double line = 92'160;  // 921600 baud
  const TransferPlan plan(TransferPath::automatic, 96s, line);
  constexpr std::uint64_t mib = 1 << 20;
  const ChunkedRate slow_chunks{50'000, true};  // per-exchange overhead, module kept up
  CHECK(plan.promote(mib, mib, 8 * mib, {90'000, true}));      // ~80 s at the line rate
  CHECK(plan.promote(mib, mib, 8 * mib, slow_chunks));         // 147 s by chunks, ~80 s streamed
  CHECK_FALSE(plan.promote(mib, mib, 16 * mib, slow_chunks));  // ~175 s even at the line rate
  CHECK_FALSE(plan.promote(mib, mib, 8 * mib, {50'000, false}));  // the cellular side limits
  CHECK_FALSE(plan.promote(768 * 1024, 5 * mib, 8 * mib, {1e9, true}));  // three blocks: random?
  CHECK_FALSE(plan.promote(mib, mib, 2 * mib - 1, {1e9, true}));      // under 1 MiB left
  CHECK_FALSE(plan.promote(8 * mib, 8 * mib, 8 * mib, {1e9, true}));
  CHECK_FALSE(plan.promote(mib, mib, 8 * mib, {0, true}));            // nothing measured
  CHECK_FALSE(TransferPlan(TransferPath::chunked, 96s, line).promote(mib, mib, 8 * mib, {1e9, true}));
  CHECK_FALSE(TransferPlan(TransferPath::stream, 96s, line).promote(mib, mib, 8 * mib, {1e9, true}));
}

TEST_CASE("a download starts as a stream when the rest of the file is short", "[session]") {
  const TransferPlan automatic(TransferPath::automatic, 96s, 92'160);
  CHECK(automatic.stream_from(0, 8'000));             // a small file, whole
  CHECK(automatic.stream_from(1'000'000, 1'050'000));  // the last 50 kB of a large one
  CHECK_FALSE(automatic.stream_from(0, 1'000'000));   // random access stays possible
  CHECK_FALSE(automatic.stream_from(0, 0));           // size unknown
  CHECK(TransferPlan(TransferPath::stream, 96s, 92'160).stream_from(0, 1 << 30));
  CHECK_FALSE(TransferPlan(TransferPath::chunked, 96s, 92'160).stream_from(0, 8'000));
}

TEST_CASE("a stream is expected at the line rate, or faster when the chunks were", "[session]") {
  const TransferPlan plan(TransferPath::automatic, 96s, 11'520);  // 115200 baud
  CHECK(plan.stream_rate({5'000, true}) == 11'520);
  CHECK(plan.stream_rate({400'000, true}) == 400'000);  // a USB module: baud means nothing
  CHECK(plan.stream_rate({5'000, false}) == 5'000);     // the module's buffer ran short
}

TEST_CASE("uploads stream above one FTPPUT chunk, or always, or never", "[session]") {
  const TransferPlan automatic(TransferPath::automatic, 96s, 92'160);
  CHECK_FALSE(automatic.stream_upload(1024, 1024));
  CHECK(automatic.stream_upload(1025, 1024));
  CHECK_FALSE(automatic.stream_upload(1360, 1360));
  CHECK(TransferPlan(TransferPath::stream, 96s, 92'160).stream_upload(1, 1024));
  CHECK_FALSE(TransferPlan(TransferPath::chunked, 96s, 92'160).stream_upload(1 << 30, 1024));
  CHECK(TransferPlan::worth_fallback(ftp::ftp_errc::operation_failed));
  CHECK_FALSE(TransferPlan::worth_fallback(ftp::ftp_errc::not_found));
}

TEST_CASE("transfer=stream reads with one FTPRETR and writes with one FTPSTOR", "[session]") {
  SimHarness sim;
  const auto content = pattern(700'000, 3);
  write_file(sim.root() / "f", content);
  auto session = start_on(sim, TransferPath::stream);
  CHECK(read_sequentially(*session, "/f", content.size()) == content);
  const auto upload = pattern(5'000, 4);
  REQUIRE(session->upload("/up", std::make_shared<MemorySource>(upload)));
  CHECK(read_file(sim.root() / "up") == upload);
  CHECK(session->list("/"));  // the module takes commands after the stream
  const auto json = sim.stats_json();
  CHECK(stats_count(json, "FTPRETR") == 1);
  CHECK(stats_count(json, "FTPRECV") == 0);
  CHECK(stats_count(json, "FTPSTOR") == 1);
  CHECK(stats_count(json, "FTPPUT") == 0);
}

TEST_CASE("transfer=auto streams the rest of a file a reader continues", "[session]") {
  SimHarness sim;
  const auto content = pattern(3'000'000, 5);
  write_file(sim.root() / "big", content);
  auto session = start_on(sim, TransferPath::automatic);
  CHECK(read_sequentially(*session, "/big", content.size()) == content);
  CHECK(count(sim, "FTPGET") == 1);   // the first requests, as for any read
  CHECK(count(sim, "FTPRETR") == 1);  // once 1 MiB was read in sequence
  CHECK(count(sim, "FTPRECV") <= 4 * (256 * 1024 / 3000 + 1));  // four 256 KiB requests
  CHECK(count(sim, "FTPGET?") == 0);
}

TEST_CASE("transfer=auto reads a random block by chunks and stops at the listed size",
          "[session]") {
  SimHarness sim;
  const auto content = pattern(3'000'000, 6);
  write_file(sim.root() / "big", content);
  auto session = start_on(sim, TransferPath::automatic);
  auto tail = session->read("/big", 2'900'000, 256 * 1024, content.size());
  REQUIRE(tail);
  CHECK(tail.value() == content.substr(2'900'000));
  CHECK(session->list("/"));
  CHECK(count(sim, "FTPRETR") == 0);
  CHECK(count(sim, "FTPRECV") == 34);  // 100000 bytes in 3000-byte exchanges, no empty one
  CHECK(count(sim, "FTPGET?") == 0);
  CHECK(count(sim, "FTPCLOSE") == 0);
}

TEST_CASE("a refused stream falls back to chunks", "[session]") {
  SimHarness sim([](sim::SimConfig& c) { c.faults = "error@FTPRETR,error@FTPSTOR"; });
  const auto content = pattern(100'000, 7);
  write_file(sim.root() / "f", content);
  auto session = start_on(sim, TransferPath::stream);
  const auto upload = pattern(5'000, 8);
  REQUIRE(session->upload("/up", std::make_shared<MemorySource>(upload)));
  CHECK(read_file(sim.root() / "up") == upload);
  CHECK(read_sequentially(*session, "/f", content.size()) == content);
  CHECK(count(sim, "FTPPUT") == 5);
  CHECK(count(sim, "FTPGET") == 1);
}

TEST_CASE("transfer=chunked never streams", "[session]") {
  SimHarness sim;
  const auto content = pattern(3'000'000, 9);
  write_file(sim.root() / "big", content);
  auto session = start_on(sim, TransferPath::chunked);
  CHECK(read_sequentially(*session, "/big", content.size()) == content);
  REQUIRE(session->upload("/up", std::make_shared<MemorySource>(pattern(5'000, 10))));
  CHECK(count(sim, "FTPRETR") == 0);
  CHECK(count(sim, "FTPSTOR") == 0);
  CHECK(count(sim, "FTPPUT") == 5);
}

}  // namespace mfs::session
