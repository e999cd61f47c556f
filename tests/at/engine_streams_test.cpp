// AtEngine and the modem's data modes over a pty: a block header announcing more than was
// asked for is never data, a stream command whose data-mode result comes before its OK
// enters the stream there (its late OK answers nothing), and resync brings back a module a
// dead host left inside an upload stream.
#include <catch2/catch.hpp>

#include <chrono>
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
using mfs::test::text_of;
using Clock = std::chrono::steady_clock;

namespace {

struct Header {
  std::string command;  // asks for 100 bytes
  std::string header;   // the spec's binary_header
  int field;
  std::string announce;  // the header line for a given length, without it
};

CommandSpec block_spec(const Header& h, std::size_t asked) {
  CommandSpec spec{500ms, h.header, h.field};
  spec.max_block = asked;
  return spec;
}

// Reads the raw stream up to its (unescaped) end byte and gives back what follows it.
std::string read_stream(Rig& rig) {
  std::string got;
  char buf[64];
  for (;;) {
    auto n = rig.engine.read_raw(buf, Clock::now() + 500ms);
    REQUIRE(n);
    got.append(buf, n.value());
    for (std::size_t i = 0; i < got.size(); ++i) {
      if (got[i] == '\x10') {
        ++i;
      } else if (got[i] == '\x03') {
        rig.engine.unread_raw(std::string_view(got).substr(i + 1));
        return got.substr(0, i + 1);
      }
    }
  }
}

}  // namespace

TEST_CASE("engine: a block longer than asked for is a protocol error, never data", "[at]") {
  const Header h = GENERATE(Header{"AT+FTPRECV=100", "+FTPRECV:", 0, "+FTPRECV: "},
                            Header{"AT+FTPGET=2,100", "+FTPGET: 2,", 1, "+FTPGET: 2,"},
                            Header{"AT+FTPLIST=2,100", "+FTPLIST: 2,", 1, "+FTPLIST: 2,"});
  CAPTURE(h.command);
  const std::string lie(150, 'L');
  const std::string good(100, 'g');
  Rig rig;
  rig.modem.on(h.command + "\r", "\r\n" + h.announce + "150\r\n" + lie + "\r\nOK\r\n");
  rig.modem.on("AT\r", crlf({"OK"}));
  rig.modem.on(h.command + "\r", "\r\n" + h.announce + "100\r\n" + good + "\r\nOK\r\n");
  rig.modem.start();
  auto bad = rig.engine.command(h.command, block_spec(h, 100));
  CHECK(code_of(bad) == at_errc::oversized_block);
  CHECK(rig.engine.dirty());
  auto retried = rig.engine.command(h.command, block_spec(h, 100));  // resyncs first
  REQUIRE(retried);
  CHECK(retried.value().block == good);
  CHECK(rig.modem.finish().empty());
}

TEST_CASE("engine: a download stream whose +FTPRETR: 2 comes before OK", "[at]") {
  const std::string stream = std::string("ab\x10\x03" "c\r\nOK\r\n+FTPRETR: 1\r\n", 21) + "\x03";
  // The OK after the stream: right after its result line, a little later, or between the
  // end byte and the result line.
  const int where = GENERATE(0, 1, 2);
  CAPTURE(where);
  Rig rig;
  const std::string head = crlf({"+FTPRETR: 2"}) + stream;
  if (where == 2) {
    rig.modem.on("AT+FTPRETR=\"f\",1\r", head + crlf({"OK", "+FTPRETR: 1"}));
  } else {
    rig.modem.on("AT+FTPRETR=\"f\",1\r", head + crlf({"+FTPRETR: 1"}));
    rig.modem.on("", crlf({"OK"}), where == 0 ? 0ms : 40ms);
  }
  rig.modem.on("AT+CSQ\r", crlf({"+CSQ: 6,99", "OK"}));
  rig.modem.start();
  CommandSpec retr{500ms};
  retr.data_mode_result = "+FTPRETR: 2";
  auto accepted = rig.engine.command(R"(AT+FTPRETR="f",1)", retr);
  REQUIRE(accepted);
  CHECK(accepted.value().lines == Lines{"+FTPRETR: 2"});
  REQUIRE(text_of(rig.engine.await_line("+FTPRETR:", Clock::now() + 300ms)) == "+FTPRETR: 2");
  CHECK(read_stream(rig) == stream);
  CHECK(text_of(rig.engine.await_line("+FTPRETR:", Clock::now() + 300ms)) == "+FTPRETR: 1");
  auto csq = rig.engine.command("AT+CSQ", CommandSpec{500ms});
  REQUIRE(csq);
  CHECK(csq.value().lines == Lines{"+CSQ: 6,99"});
  CHECK_FALSE(rig.engine.dirty());
  CHECK(rig.modem.finish().empty());
}

TEST_CASE("engine: an upload stream whose +FTPSTOR: 2 comes before OK", "[at]") {
  const std::string stream = "xy\x10\x10\r\nOK\r\n\x03";
  Rig rig;
  rig.modem.on("AT+FTPSTOR=\"f\",1\r", crlf({"+FTPSTOR: 2"}));
  rig.modem.on(stream, crlf({"+FTPSTOR: 1", "OK"}));
  rig.modem.on("AT+CSQ\r", crlf({"+CSQ: 7,99", "OK"}));
  rig.modem.start();
  CommandSpec stor{500ms};
  stor.data_mode_result = "+FTPSTOR: 2";
  REQUIRE(rig.engine.command(R"(AT+FTPSTOR="f",1)", stor));
  REQUIRE(text_of(rig.engine.await_line("+FTPSTOR:", Clock::now() + 300ms)) == "+FTPSTOR: 2");
  REQUIRE(rig.engine.write_raw(stream, Clock::now() + 300ms));
  CHECK(text_of(rig.engine.await_line("+FTPSTOR:", Clock::now() + 300ms)) == "+FTPSTOR: 1");
  auto csq = rig.engine.command("AT+CSQ", CommandSpec{500ms});
  REQUIRE(csq);
  CHECK(csq.value().lines == Lines{"+CSQ: 7,99"});
  CHECK(rig.modem.finish().empty());
}

TEST_CASE("engine: resync ends an upload stream a dead host left open", "[at]") {
  // The stream was cut anywhere, also right after a DLE: the host's next byte is escaped.
  const bool cut_after_dle = GENERATE(false, true);
  CAPTURE(cut_after_dle);
  Rig rig;
  rig.modem.on_stream_end(crlf({"+FTPSTOR: 1"}), cut_after_dle);
  // Back in command mode the rest of the end bytes is an empty command line, then our AT.
  const std::string rest = "\x03\r" + std::string(mfs::at::stray_prompt_filler, '-') + "\r";
  rig.modem.on(rest + "AT\r", crlf({"OK"}));
  rig.modem.on("AT+CSQ\r", crlf({"+CSQ: 8,99", "OK"}));
  rig.modem.start();
  const auto start = Clock::now();
  REQUIRE(rig.engine.resync(Clock::now() + 5s));
  CHECK(Clock::now() - start < 2s);
  auto csq = rig.engine.command("AT+CSQ", CommandSpec{500ms});
  REQUIRE(csq);
  CHECK(csq.value().lines == Lines{"+CSQ: 8,99"});
  CHECK(rig.modem.finish().empty());
}

TEST_CASE("engine: resync ends a prompted upload a dead host left waiting for its bytes", "[at]") {
  // The module still wants `owed` raw bytes of an AT+FTPPUT=2,<len> chunk (at most the longest
  // prompt) and answers nothing until it has them; the rest of the filler is a junk line.
  const std::size_t owed = GENERATE(std::size_t{1}, std::size_t{700}, std::size_t{1360});
  CAPTURE(owed);
  Rig rig;
  rig.modem.on_prompt_rest(owed, "");
  const std::string sent = "AT\r\x03\x03\r" + std::string(mfs::at::stray_prompt_filler, '-') + "\r";
  REQUIRE(owed < sent.size());
  rig.modem.on(sent.substr(owed), "");
  rig.modem.on("AT\r", crlf({"OK"}));
  rig.modem.on("AT+CSQ\r", crlf({"+CSQ: 8,99", "OK"}));
  rig.modem.start();
  const auto start = Clock::now();
  REQUIRE(rig.engine.resync(Clock::now() + 5s));
  CHECK(Clock::now() - start < 2s);
  CHECK(rig.engine.counters().unanswered_syncs == 1);
  auto csq = rig.engine.command("AT+CSQ", CommandSpec{500ms});
  REQUIRE(csq);
  CHECK(csq.value().lines == Lines{"+CSQ: 8,99"});
  CHECK(rig.modem.finish().empty());
}
