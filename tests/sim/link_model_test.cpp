// The link model: the timed output queue and the serial pacer on their own (no I/O), then the
// serial rate over a real pty. Timing tests assert lower bounds only: a busy machine may be
// slower than the model, never faster.
#include <catch2/catch.hpp>

#include <thread>

#include "sim/link_model.hpp"
#include "sim/output_queue.hpp"
#include "sim/wire_writer.hpp"
#include "tests/sim/sim_harness.hpp"
#include "tests/support/stats_json.hpp"

using namespace mfs::sim::test;
using mfs::sim::LinePacer;
using mfs::sim::OutputQueue;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

TEST_CASE("OutputQueue releases held bytes at their moment, in order", "[sim]") {
  OutputQueue out;
  const auto t0 = Clock::now();
  out.append("OK\r\n");
  out.hold_until(t0 + 50ms);
  out.append("+FTPNOOP: 1\r\n");
  out.hold_until(t0 + 20ms);  // earlier than the gate before it: changes nothing
  out.append("RING\r\n");
  CHECK(out.ready(t0) == "OK\r\n");
  CHECK(out.next_release() == t0 + 50ms);
  out.pop(2);
  CHECK(out.ready(t0 + 49ms) == "\r\n");
  CHECK(out.ready(t0 + 50ms) == "\r\n+FTPNOOP: 1\r\nRING\r\n");
  CHECK(out.next_release() == Clock::time_point::max());
  out.clear();
  CHECK(out.empty());
  out.hold_until(t0 + 10ms);  // a cleared queue forgets its old gates
  out.append("x");
  CHECK(out.ready(t0).empty());
  CHECK(out.ready(t0 + 10ms) == "x");
}

TEST_CASE("LinePacer hands over baud/10 bytes a second, starting afresh after a pause", "[sim]") {
  LinePacer pacer(9600);  // 960 bytes/s
  const auto t0 = Clock::now();
  CHECK(pacer.allowance(t0, 5000) == 0);          // the first byte is not carried yet
  CHECK(pacer.next_byte_at() > t0);
  CHECK(pacer.allowance(t0 + 1s, 5000) == 960);
  pacer.consume(900);
  CHECK(pacer.allowance(t0 + 1s, 5000) == 60);
  CHECK(pacer.allowance(t0 + 2s, 100) == 100);    // never more than what waits
  pacer.consume(100);
  CHECK(pacer.allowance(t0 + 10s, 0) == 0);       // the line goes quiet
  CHECK(pacer.allowance(t0 + 20s, 5000) == 0);    // no credit saved up from the pause
  CHECK(pacer.allowance(t0 + 20500ms, 5000) == 480);
  LinePacer unpaced(0);
  CHECK(unpaced.allowance(t0, 123456) == 123456);
}

namespace {

constexpr unsigned test_baud = 230400;  // 23040 bytes/s each way

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The least time `bytes` take on a line at `baud`.
double line_time(std::size_t bytes, unsigned baud) { return static_cast<double>(bytes) * 10 / baud; }

}  // namespace

TEST_CASE("baud paces the modem's bytes to the host", "[sim]") {
  SimHarness sim([](mfs::sim::SimConfig& c) { c.link.baud = test_baud; });
  write_file(sim.root() / "f.bin", pattern(24000));
  PtyClient host(sim.link());
  start_session(host);
  host.exchange("AT+FTPGET=\"f.bin\",1", "+FTPGET: 2\r\n");
  const std::size_t before = host.bytes_received();
  const auto start = Clock::now();
  std::string got;
  while (got.size() < 24000) got += recv_block(host, 3000);
  const double elapsed = seconds_since(start);
  CHECK(got == pattern(24000));
  CHECK(elapsed >= line_time(host.bytes_received() - before, test_baud));
}

TEST_CASE("baud paces the host's bytes to the modem", "[sim]") {
  SimHarness sim([](mfs::sim::SimConfig& c) { c.link.baud = test_baud; });
  PtyClient host(sim.link());
  start_session(host);
  const std::string data = pattern(20 * 1024);
  const std::size_t before = host.bytes_sent();
  const auto start = Clock::now();
  for (std::size_t at = 0; at < data.size(); at += 1024) {
    bool last = at + 1024 == data.size();
    host.exchange("AT+FTPPUT=\"up.bin\",1024," + std::string(last ? "1" : "0"), ",1024\r\n");
    host.send(data.substr(at, 1024));
    host.read_until("OK\r\n");
  }
  const double elapsed = seconds_since(start);
  CHECK(read_file(sim.root() / "up.bin") == data);
  // The last reply cannot start before the last host byte reached the modem.
  CHECK(elapsed >= line_time(host.bytes_sent() - before, test_baud));
}

TEST_CASE("a paced command is answered once its bytes crossed, not at the loop's next poll",
          "[sim]") {
  SimHarness sim([](mfs::sim::SimConfig& c) { c.link.baud = 921'600; });
  PtyClient host(sim.link());
  host.exchange("ATE0", "OK\r\n");
  constexpr int exchanges = 8;
  Clock::duration answering{};
  for (int i = 0; i < exchanges; ++i) {
    // A quiet line, long enough for the simulator to save its stats between commands: the
    // work that once made a command arriving on an idle line wait for the 20 ms idle poll.
    std::this_thread::sleep_for(150ms);
    const auto start = Clock::now();
    CHECK(host.exchange("AT+CSQ", "OK\r\n") == "+CSQ: 20,99\r\nOK\r\n");
    answering += Clock::now() - start;
  }
  // Each is ~0.3 ms of line time; generous for a loaded machine, below 20 ms each.
  CHECK(answering < exchanges * 12ms);
}

TEST_CASE("cmd-latency-ms delays each response, after the echo", "[sim]") {
  SimHarness sim([](mfs::sim::SimConfig& c) { c.link.command_latency = 150ms; });
  PtyClient host(sim.link());
  auto start = Clock::now();
  host.command("ATE0");
  CHECK(host.read_until("\r\n") == "ATE0\r\n");
  CHECK(host.read_until("\r\n") == "OK\r\n");
  CHECK(Clock::now() - start >= 150ms);
  start = Clock::now();
  CHECK(host.exchange("AT+CSQ", "OK\r\n") == "+CSQ: 20,99\r\nOK\r\n");
  CHECK(Clock::now() - start >= 150ms);
}

TEST_CASE("rtt-ms holds each FTP result URC, and the loop reads on meanwhile", "[sim]") {
  SimHarness sim([](mfs::sim::SimConfig& c) { c.link.rtt = 500ms; });
  PtyClient host(sim.link());
  CHECK(host.exchange("ATE0", "OK\r\n") == "ATE0\r\nOK\r\n");
  host.exchange("AT+MIPCALL=1,\"internet\"", "+MIPCALL: 10.0.0.2\r\n");
  host.exchange("AT+FTPOPEN=\"h\",\"demo\",\"demo\"", "+FTPOPEN: 1\r\n");
  const auto start = Clock::now();
  CHECK(host.exchange("AT+FTPNOOP", "OK\r\n") == "OK\r\n");  // OK at once, the URC held
  host.command("AT+CSQ");
  // The simulator takes the next command while the URC is still held back.
  while (mfs::test::stats_count(sim.stats_json(), "CSQ") == 0) REQUIRE(Clock::now() - start < 10s);
  CHECK(host.read_for(0ms).empty());
  CHECK(host.read_until("OK\r\n") == "+FTPNOOP: 1\r\n+CSQ: 20,99\r\nOK\r\n");
  CHECK(Clock::now() - start >= 500ms);
}

TEST_CASE("bandwidth fills the module buffer at that rate, pausing at full", "[sim]") {
  constexpr std::size_t size = 600000;
  constexpr double rate = 1'000'000;
  SimHarness sim([](mfs::sim::SimConfig& c) { c.link.bandwidth = 1'000'000; });
  write_file(sim.root() / "f", pattern(size));
  PtyClient host(sim.link());
  start_session(host);
  const auto start = Clock::now();
  host.exchange("AT+FTPGET=\"f\",1", "+FTPGET: 2\r\n");
  auto available = [&host] {
    std::string reply = host.exchange("AT+FTPRECV?", "OK\r\n");
    return std::stoul(reply.substr(10));
  };
  std::size_t seen = 0;
  while ((seen = available()) < 512000) REQUIRE(Clock::now() - start < 10s);
  CHECK(seen == 512000);  // full: it pauses there
  CHECK(seconds_since(start) >= 512000 / rate);
  std::string got;
  while (got.size() < 256000) got += recv_block(host, 3000);  // half free: reading resumes
  while (got.size() + available() < size) REQUIRE(Clock::now() - start < 10s);
  while (got.size() < size) got += recv_block(host, 3000);
  CHECK(got == pattern(size));
  CHECK(seconds_since(start) >= size / rate);
}

TEST_CASE("a listing is relayed segment by segment as it arrives over the cellular side",
          "[sim]") {
  mfs::sim::SimStats stats;
  mfs::sim::WireWriter wire({}, 1, stats);
  mfs::sim::LinkParams link;
  link.bandwidth = 14'600;  // one 1460-byte segment per 100 ms
  const std::string listing = pattern(4000);
  const auto before = Clock::now();
  wire.relay(listing, link);
  const auto after = Clock::now();
  OutputQueue& out = wire.output();
  CHECK(out.ready(before + 99ms).empty());
  CHECK(out.ready(after + 100ms) == listing.substr(0, 1460));  // not held for the whole
  CHECK(out.ready(after + 200ms) == listing.substr(0, 2920));
  CHECK(out.ready(before + 273ms).size() == 2920);
  CHECK(out.ready(after + 274ms) == listing);
}
