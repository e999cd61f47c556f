// What the modem can make the engine hold is bounded: a flood of lines or binary garbage during
// one command fails it and the line resyncs; a listing that never ends fails at the capture
// limit. Peak memory is the process's resident high-water mark, reset before each measure.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <optional>
#include <random>
#include <string>

#include "core/at/at_engine.hpp"
#include "core/at/at_error.hpp"
#include "tests/at/engine_rig.hpp"

using namespace std::chrono_literals;
using mfs::at::at_errc;
using mfs::at::CommandSpec;
using mfs::test::code_of;
using mfs::test::crlf;
using mfs::test::Lines;
using mfs::test::Rig;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t kib = 1024;
constexpr std::size_t mib = 1024 * kib;

// What the engine may hold at most: a block or an unread stream chunk, a line, a few reads.
constexpr std::size_t held_bound = 256 * kib;

std::string garbage(std::size_t n, bool with_line_ends) {
  std::mt19937 gen(7);
  std::string out(n, '\0');
  for (auto& c : out) {
    c = static_cast<char>(gen());
    if (!with_line_ends && (c == '\r' || c == '\n')) c = 'g';
  }
  return out;
}

const std::string listing_line = "-rw-r--r--    1 ftp      ftp       1234 Jan 01  2020 file.bin\r\n";

// A field of /proc/self/status in KiB ("VmRSS", "VmHWM").
std::size_t status_kib(const std::string& field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stoul(line.substr(field.size() + 1));
  }
  return 0;
}

// How far the resident size rose above its level at the start while `body` ran: the peak is
// reset first (clear_refs 5), so earlier tests in this process do not hide the growth. Nothing
// where the kernel refuses the reset.
std::optional<std::size_t> peak_growth_kib(const std::function<void()>& body) {
  std::ofstream reset("/proc/self/clear_refs");
  reset << "5";
  reset.close();
  const std::size_t before = status_kib("VmRSS");
  body();
  if (!reset) return std::nullopt;
  return status_kib("VmHWM") - std::min(before, status_kib("VmHWM"));
}

}  // namespace

TEST_CASE("engine: a flood during one command fails it, bounded, and the line resyncs", "[at]") {
  const bool with_line_ends = GENERATE(true, false);
  CAPTURE(with_line_ends);
  Rig rig;
  rig.engine.set_resync_timing({2s, 50ms});  // the flood's tail is over well within one try
  rig.modem.on_flood("AT+FTPSTAT\r", "", garbage(64 * kib, with_line_ends), 4 * mib);
  rig.modem.on("AT\r", crlf({"OK"}));
  rig.modem.on("AT+CSQ\r", crlf({"+CSQ: 9,99", "OK"}));
  rig.modem.start();
  auto flooded = rig.engine.command("AT+FTPSTAT", CommandSpec{5s});
  REQUIRE_FALSE(flooded);
  CHECK((flooded.error() == at_errc::reply_too_large || flooded.error() == at_errc::line_overflow));
  CHECK(rig.engine.dirty());
  CHECK(rig.engine.held_bytes() < held_bound);
  auto csq = rig.engine.command("AT+CSQ", CommandSpec{10s});
  REQUIRE(csq);
  CHECK(csq.value().lines == Lines{"+CSQ: 9,99"});
  CHECK(rig.engine.held_bytes() < held_bound);
  CHECK(rig.modem.finish().empty());
}

TEST_CASE("engine: a listing that never ends fails at the capture limit", "[at]") {
  Rig rig;
  rig.engine.set_capture_limit(2 * mib);
  rig.modem.on("AT+FTPLIST\r", crlf({"OK", "+FTPLIST: 2"}));
  rig.modem.on_flood("", "", listing_line, SIZE_MAX);
  rig.modem.start();
  REQUIRE(rig.engine.command("AT+FTPLIST", CommandSpec{1s}));
  REQUIRE(rig.engine.await_line("+FTPLIST: 2", Clock::now() + 1s));
  auto capture = rig.engine.capture_until({"+FTPLIST: 1", "+FTPLIST: 0"}, Clock::now() + 20s);
  CHECK(code_of(capture) == at_errc::reply_too_large);
  CHECK(rig.engine.dirty());
  CHECK(rig.engine.held_bytes() < held_bound);
}

TEST_CASE("engine: peak memory under an endless listing and a garbage flood", "[at]") {
  Rig rig;
  rig.modem.on("AT+FTPLIST\r", crlf({"OK", "+FTPLIST: 2"}));
  rig.modem.on_flood("", "", listing_line, SIZE_MAX);
  rig.modem.start();
  std::error_code outcome;
  const auto growth = peak_growth_kib([&] {
    REQUIRE(rig.engine.command("AT+FTPLIST", CommandSpec{1s}));
    REQUIRE(rig.engine.await_line("+FTPLIST: 2", Clock::now() + 1s));
    outcome = code_of(rig.engine.capture_until({"+FTPLIST: 1"}, Clock::now() + 60s));
  });
  CHECK(outcome == at_errc::reply_too_large);
  // The capture's string doubles as it grows: twice the limit at most, for a moment.
  if (growth) {
    WARN("peak RSS growth under an endless listing: " << *growth << " KiB");
    CHECK(*growth * kib < 2 * mfs::at::max_listing_bytes + 16 * mib);
  }

  Rig flood;
  flood.modem.on_flood("AT+FTPSTAT\r", "", garbage(64 * kib, true), 32 * mib);
  flood.modem.start();
  const auto flood_growth = peak_growth_kib([&] {
    outcome = code_of(flood.engine.command("AT+FTPSTAT", CommandSpec{2s}));
    (void)flood.engine.resync(Clock::now() + 1s);  // the rest of the flood, kept nowhere
  });
  CHECK(outcome == at_errc::reply_too_large);
  if (flood_growth) {
    WARN("peak RSS growth under a 32 MiB garbage flood: " << *flood_growth << " KiB");
    CHECK(*flood_growth * kib < 4 * mib);
  }
}
