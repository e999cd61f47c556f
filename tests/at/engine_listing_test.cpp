// AtEngine listing captures over a pty: the bytes are the server's (names holding a CR and what
// looks like a banner or an end marker stay in the listing), an overlong line is skipped, and
// the OK of a listing command that ended at "+FTPLIST: 2" never becomes part of it.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "core/at/at_engine.hpp"
#include "core/at/at_error.hpp"
#include "tests/at/engine_rig.hpp"

using namespace std::chrono_literals;
using mfs::at::CommandSpec;
using mfs::test::crlf;
using mfs::test::Rig;
using mfs::test::text_of;
using Clock = std::chrono::steady_clock;

namespace {

const std::vector<std::string> list_end = {"+FTPLIST: 1", "+FTPLIST: 0"};

std::string entry(const std::string& name) {
  return "-rw-r--r--    1 ftp      ftp          5 Jan 01  2020 " + name;
}

CommandSpec list_spec() {
  CommandSpec spec{300ms};
  spec.data_mode_result = "+FTPLIST: 2";
  return spec;
}

}  // namespace

TEST_CASE("engine: names that look like modem events stay names inside a listing", "[at]") {
  const std::string name = GENERATE(as<std::string>{}, "x\rRDY", "x\r+FTPLIST: 0",
                                    "x\r+FTPLIST: 1", "x\r+CPIN: READY", "x\rOK", "x\r+FTPLIST:1");
  const std::string eol = GENERATE(as<std::string>{}, "\r\n", "\n");
  CAPTURE(name, eol);
  const std::string listing = entry("a") + eol + entry(name) + eol + entry("b") + eol;
  Rig rig;
  int restarts = 0;
  rig.engine.subscribe("RDY", [&](std::string_view) { ++restarts; });
  rig.modem.on("AT+FTPLIST\r", crlf({"OK", "+FTPLIST: 2"}) + listing + "+FTPLIST: 1\r\n");
  rig.modem.on("AT+CSQ\r", crlf({"+CSQ: 4,99", "OK"}));
  rig.modem.start();
  REQUIRE(rig.engine.command("AT+FTPLIST", list_spec()));
  REQUIRE(text_of(rig.engine.await_line("+FTPLIST:", Clock::now() + 300ms)) == "+FTPLIST: 2");
  auto capture = rig.engine.capture_until(list_end, Clock::now() + 1s);
  REQUIRE(capture);
  CHECK(capture.value().bytes == listing);
  CHECK(capture.value().terminator == "+FTPLIST: 1");
  CHECK(restarts == 0);
  CHECK_FALSE(rig.engine.dirty());
  // Back to modem lines: a bare CR ends a line again.
  auto csq = rig.engine.command("AT+CSQ", CommandSpec{300ms});
  REQUIRE(csq);
  CHECK(csq.value().lines == mfs::test::Lines{"+CSQ: 4,99"});
  CHECK(rig.modem.finish().empty());
}

TEST_CASE("engine: a listing before OK is captured whole, its late OK dropped", "[at]") {
  const std::string listing = entry("x\rRDY") + "\r\n" + entry("y") + "\r\n";
  // Firmware that sends the result first: OK right after it, or only after the listing.
  const bool ok_after = GENERATE(false, true);
  CAPTURE(ok_after);
  const std::string reply = ok_after
                                ? crlf({"+FTPLIST: 2"}) + listing + "+FTPLIST: 1\r\n\r\nOK\r\n"
                                : crlf({"+FTPLIST: 2", "OK"}) + listing + "+FTPLIST: 1\r\n";
  Rig rig;
  rig.modem.on("AT+FTPLIST\r", reply);
  rig.modem.on("AT+CSQ\r", crlf({"+CSQ: 5,99", "OK"}));
  rig.modem.start();
  auto accepted = rig.engine.command("AT+FTPLIST", list_spec());
  REQUIRE(accepted);
  CHECK(accepted.value().lines == mfs::test::Lines{"+FTPLIST: 2"});
  REQUIRE(text_of(rig.engine.await_line("+FTPLIST:", Clock::now() + 300ms)) == "+FTPLIST: 2");
  auto capture = rig.engine.capture_until(list_end, Clock::now() + 1s);
  REQUIRE(capture);
  CHECK(capture.value().bytes == listing);
  auto csq = rig.engine.command("AT+CSQ", CommandSpec{1s});
  REQUIRE(csq);
  CHECK(csq.value().lines == mfs::test::Lines{"+CSQ: 5,99"});
  CHECK(rig.modem.finish().empty());
}

TEST_CASE("engine: a listing line over the line limit is skipped, the rest kept", "[at]") {
  const std::string head = entry("a") + "\r\n";
  const std::string tail = entry("b") + "\r\n";
  const std::string huge = entry(std::string(10'000, 'n') + "\r+FTPLIST: 1") + "\r\n";
  Rig rig;
  rig.modem.on("AT+FTPLIST\r", crlf({"OK", "+FTPLIST: 2"}) + head + huge + tail + "+FTPLIST: 1\r\n");
  rig.modem.start();
  REQUIRE(rig.engine.command("AT+FTPLIST", list_spec()));
  REQUIRE(rig.engine.await_line("+FTPLIST: 2", Clock::now() + 300ms));
  auto capture = rig.engine.capture_until(list_end, Clock::now() + 1s);
  REQUIRE(capture);
  CHECK(capture.value().bytes == head + tail);
  CHECK(capture.value().terminator == "+FTPLIST: 1");
  CHECK_FALSE(rig.engine.dirty());
  CHECK(rig.modem.finish().empty());
}
