// Each quirk switch visible on the wire (PROTOCOL.md section 1), and never inside a listing or
// a binary block.
#include <catch2/catch.hpp>

#include <filesystem>

#include "tests/sim/sim_harness.hpp"

using namespace mfs::sim::test;
using mfs::sim::Quirk;
using mfs::sim::SimConfig;

namespace {

auto with(Quirk q) {
  return [q](SimConfig& c) { c.quirks.insert(q); };
}

void bring_up(PtyClient& host, std::string_view eol = "\r\n") {
  host.command("ATE0");
  host.read_until(std::string("OK") + std::string(eol));
  host.command("AT+MIPCALL=1,\"internet\"");
  host.read_until(std::string("10.0.0.2") + std::string(eol));
}

const std::string open_cmd = "AT+FTPOPEN=\"h\",\"demo\",\"demo\",\"\",0,21,0";

}  // namespace

TEST_CASE("quirk echo: commands are echoed even after ATE0", "[sim]") {
  SimHarness sim(with(Quirk::echo));
  PtyClient host(sim.link());
  CHECK(host.exchange("ATE0", "OK\r\n") == "ATE0\r\nOK\r\n");
  CHECK(host.exchange("AT+CSQ", "OK\r\n") == "AT+CSQ\r\n+CSQ: 20,99\r\nOK\r\n");
}

TEST_CASE("quirk no_space: +X:1", "[sim]") {
  SimHarness sim(with(Quirk::no_space));
  write_file(sim.root() / "f", "abc");
  PtyClient host(sim.link());
  bring_up(host);
  CHECK(host.exchange(open_cmd, "+FTPOPEN:1\r\n") == "OK\r\n+FTPOPEN:1\r\n");
  CHECK(host.exchange("AT+FTPGET=\"f\"", "+FTPGET:2\r\n") == "OK\r\n+FTPGET:1\r\n+FTPGET:2\r\n");
  CHECK(host.exchange("AT+FTPRECV=10", "OK\r\n") == "+FTPRECV:3\r\nabc\r\nOK\r\n");
}

TEST_CASE("quirk lf_only: bare LF line ends, listing bytes untouched", "[sim]") {
  SimHarness sim(with(Quirk::lf_only));
  write_file(sim.root() / "f", "abc");
  PtyClient host(sim.link());
  bring_up(host, "\n");
  CHECK(host.exchange(open_cmd, "+FTPOPEN: 1\n") == "OK\n+FTPOPEN: 1\n");
  std::string list = host.exchange("AT+FTPLIST", "+FTPLIST: 1\n");
  CHECK(list.starts_with("OK\n+FTPLIST: 2\n-rw-"));
  CHECK(list.ends_with(" f\r\n+FTPLIST: 1\n"));
  host.exchange("AT+FTPGET=\"f\"", "+FTPGET: 2\n");
  CHECK(host.exchange("AT+FTPRECV=10", "OK\n") == "+FTPRECV: 3\nabc\nOK\n");
}

TEST_CASE("quirk empty_lines: empty lines between lines, none inside the listing", "[sim]") {
  SimHarness sim(with(Quirk::empty_lines));
  write_file(sim.root() / "f", "abc");
  PtyClient host(sim.link());
  bring_up(host);
  CHECK(host.exchange(open_cmd, "+FTPOPEN: 1\r\n") == "\r\nOK\r\n\r\n+FTPOPEN: 1\r\n");
  std::string list = host.exchange("AT+FTPLIST", "+FTPLIST: 1\r\n");
  CHECK(list.starts_with("\r\nOK\r\n\r\n+FTPLIST: 2\r\n-rw-"));
  CHECK(list.ends_with(" f\r\n+FTPLIST: 1\r\n"));
  host.exchange("AT+FTPGET=\"f\"", "+FTPGET: 2\r\n");
  CHECK(host.exchange("AT+FTPRECV=10", "OK\r\n") == "\r\n+FTPRECV: 3\r\nabc\r\nOK\r\n");
}

TEST_CASE("quirk result_before_ok: the result URC precedes OK", "[sim]") {
  SimHarness sim(with(Quirk::result_before_ok));
  write_file(sim.root() / "d" / "x", "x");
  PtyClient host(sim.link());
  bring_up(host);
  CHECK(host.exchange(open_cmd, "OK\r\n") == "+FTPOPEN: 1\r\nOK\r\n");
  CHECK(host.exchange("AT+FTPCWD=\"d\"", "OK\r\n") == "+FTPCWD: 1\r\nOK\r\n");
  CHECK(host.exchange("AT+FTPPWD", "OK\r\n") == "+FTPPWD: 2,\"/d\"\r\n+FTPPWD: 1\r\nOK\r\n");
  std::string list = host.exchange("AT+FTPLIST", "OK\r\n");
  CHECK(list.starts_with("+FTPLIST: 2\r\n-rw-"));
  CHECK(list.ends_with(" x\r\n+FTPLIST: 1\r\nOK\r\n"));
  CHECK(host.exchange("AT+FTPCLOSE", "OK\r\n") == "+FTPCLOSE: 1\r\nOK\r\n");
}

namespace {

// A fixed script under noise_urcs; returns every byte received. Checks on the way that the
// listing and each binary block arrive whole, with no noise inside them.
std::string noisy_transcript(unsigned seed) {
  SimHarness sim([seed](SimConfig& c) {
    c.quirks.insert(Quirk::noise_urcs);
    c.seed = seed;
  });
  write_file(sim.root() / "f", "abc\r\nOK\r\n");
  // An old date, so both runs list the same bytes whatever minute it is.
  std::filesystem::last_write_time(sim.root() / "f", std::filesystem::file_time_type{});
  PtyClient host(sim.link());
  std::string all = host.exchange("ATE0", "OK\r\n");
  all += host.exchange("AT+MIPCALL=1,\"internet\"", "+MIPCALL: 10.0.0.2\r\n");
  all += host.exchange(open_cmd, "+FTPOPEN: 1\r\n");
  for (int i = 0; i < 12; ++i) {
    std::string list = host.exchange("AT+FTPLIST", "+FTPLIST: 1\r\n");
    std::size_t start = list.find("+FTPLIST: 2\r\n");
    REQUIRE(start != std::string::npos);
    std::string listing = list.substr(start + 13, list.size() - start - 13 - 13);
    CHECK(listing.starts_with("-rw-"));
    CHECK(listing.ends_with(" f\r\n"));
    CHECK(listing.find("\r\n") == listing.size() - 2);  // exactly one line
    all += list + host.exchange("AT+FTPGET=\"f\"", "+FTPGET: 2\r\n");
    all += host.exchange("AT+FTPRECV=100", "+FTPRECV: 9\r\n");
    std::string block = host.read_exact(9 + 6);
    CHECK(block == "abc\r\nOK\r\n\r\nOK\r\n");
    all += block;
  }
  return all;
}

std::size_t count(const std::string& hay, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("quirk noise_urcs: seeded URCs between lines, never inside data", "[sim]") {
  std::string first = noisy_transcript(5);
  std::size_t noise = count(first, "+CSQ: 20,99\r\n") + count(first, "+CREG: 1\r\n") +
                      count(first, "+CEREG: 1\r\n") + count(first, "RING\r\n");
  CHECK(noise > 5);
  CHECK(noisy_transcript(5) == first);   // reproducible from the seed
  CHECK(noisy_transcript(6) != first);
}
