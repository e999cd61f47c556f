// AtEngine over a real pty against a scripted peer: final results, information lines, URCs
// at every line boundary, echo, bare LF, result lines before and after OK, binary blocks,
// prompted payloads, timeout + resync, a restarting modem, listing capture and raw streams.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

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

constexpr CommandSpec quick{300ms};

}  // namespace

TEST_CASE("engine: OK with information lines", "[at]") {
  Rig rig;
  rig.modem.on("AT+CSQ\r", crlf({"+CSQ: 20,99", "OK"}));
  rig.modem.on("ATI\r", crlf({"Fibocom", "L610", "OK"}));
  rig.modem.on("AT+CSQ\r", "\r\n+CSQ:7,99\r\n\r\nOK\r\n");
  rig.modem.start();
  auto csq = rig.engine.command("AT+CSQ", quick);
  REQUIRE(csq);
  CHECK(csq.value().lines == Lines{"+CSQ: 20,99"});
  CHECK_FALSE(csq.value().has_block);
  auto ati = rig.engine.command("ATI", quick);
  REQUIRE(ati);
  CHECK(ati.value().lines == Lines{"Fibocom", "L610"});
  auto tight = rig.engine.command("AT+CSQ", quick);
  REQUIRE(tight);
  CHECK(tight.value().lines == Lines{"+CSQ: 7,99"});
  CHECK(rig.modem.finish().empty());
  CHECK(rig.engine.counters().commands == 3);
}

TEST_CASE("engine: ERROR, +CME ERROR and +CMS ERROR", "[at]") {
  Rig rig;
  rig.modem.on("AT+FTPCWD=\"/x\"\r", crlf({"ERROR"}));
  rig.modem.on("AT+FTPOPEN?\r", crlf({"+CME ERROR: 2031"}));
  rig.modem.on("AT+FTPGET?\r", crlf({"+CME ERROR:3"}));
  rig.modem.on("AT+CMGS\r", crlf({"+CMS ERROR: 500"}));
  rig.modem.start();
  auto plain = rig.engine.command("AT+FTPCWD=\"/x\"", quick);
  REQUIRE_FALSE(plain);
  CHECK(plain.error() == at_errc::error);
  auto cme = rig.engine.command("AT+FTPOPEN?", quick);
  REQUIRE_FALSE(cme);
  CHECK(cme.error() == std::error_code(2031, mfs::at::cme_category()));
  auto tight = rig.engine.command("AT+FTPGET?", quick);
  REQUIRE_FALSE(tight);
  CHECK(tight.error() == std::error_code(3, mfs::at::cme_category()));
  auto cms = rig.engine.command("AT+CMGS", quick);
  REQUIRE_FALSE(cms);
  CHECK(cms.error() == std::error_code(500, mfs::at::cms_category()));
  CHECK_FALSE(rig.engine.dirty());
  CHECK(rig.modem.finish().empty());
}

TEST_CASE("engine: URCs at every line boundary are routed, never taken as replies", "[at]") {
  const Lines urcs = {"+CSQ: 20,99", "+CREG: 1", "+CEREG: 1,\"1A2B\"", "RING",
                      "+FTPINFO: 257 \"/pub\"", "+FTPCLOSE: 1"};
  const Lines reply = {"+FTPPWD: 2,\"/pub\"", "+FTPPWD: 1"};
  Rig rig;
  Lines info_seen;
  rig.engine.subscribe("+FTPINFO:", [&](std::string_view line) { info_seen.emplace_back(line); });
  for (const auto& urc : urcs) {
    for (std::size_t pos = 0; pos <= reply.size(); ++pos) {
      Lines wire = reply;
      wire.insert(wire.begin() + static_cast<long>(pos), urc);
      wire.push_back("OK");
      rig.modem.on("AT+FTPPWD\r", crlf(wire));
    }
  }
  rig.modem.start();
  for (const auto& urc : urcs) {
    for (std::size_t pos = 0; pos <= reply.size(); ++pos) {
      INFO(urc << " at " << pos);
      auto got = rig.engine.command("AT+FTPPWD", quick);
      REQUIRE(got);
      CHECK(got.value().lines == reply);
    }
  }
  CHECK(info_seen == Lines(3, "+FTPINFO: 257 \"/pub\""));
  // The one unknown URC waits, once per arrival, for whoever asks for it.
  for (int i = 0; i < 3; ++i) CHECK(text_of(rig.engine.await_line("+FTPCLOSE:", Clock::now())) == "+FTPCLOSE: 1");
  CHECK(code_of(rig.engine.await_line("+CSQ:", Clock::now() + 50ms)) == at_errc::timeout);
  CHECK(rig.modem.finish().empty());
}

TEST_CASE("engine: command echo and bare LF line ends", "[at]") {
  Rig rig;
  rig.modem.on("AT+CSQ\r", "AT+CSQ\r\r\n+CSQ: 9,99\r\n\r\nOK\r\n");
  rig.modem.on("AT+CSQ\r", "\n+CSQ: 8,99\n\nOK\n");
  rig.modem.on("ATE0\r", "ATE0\r\r\nOK\r\n");
  rig.modem.start();
  auto echoed = rig.engine.command("AT+CSQ", quick);
  REQUIRE(echoed);
  CHECK(echoed.value().lines == Lines{"+CSQ: 9,99"});
  auto bare = rig.engine.command("AT+CSQ", quick);
  REQUIRE(bare);
  CHECK(bare.value().lines == Lines{"+CSQ: 8,99"});
  auto ate0 = rig.engine.command("ATE0", quick);
  REQUIRE(ate0);
  CHECK(ate0.value().lines.empty());
  CHECK(rig.modem.finish().empty());
}

TEST_CASE("engine: a result line before or after OK reaches await_line", "[at]") {
  Rig rig;
  rig.modem.on("AT+FTPOPEN=\"h\",\"u\",\"p\",\"\",0,21,0\r", crlf({"+FTPOPEN: 1", "OK"}));
  rig.modem.on("AT+FTPCWD=\"/a\"\r", crlf({"OK", "+FTPCWD:1"}));
  rig.modem.on("AT+FTPCWD=\"/b\"\r", crlf({"+FTPCWD: 0", "OK"}));
  rig.modem.on("AT\r", crlf({"OK"}));
  rig.modem.start();
  auto open = rig.engine.command(R"(AT+FTPOPEN="h","u","p","",0,21,0)", quick);
  REQUIRE(open);
  CHECK(open.value().lines == Lines{"+FTPOPEN: 1"});
  CHECK(text_of(rig.engine.await_line("+FTPOPEN:", Clock::now() + 300ms)) == "+FTPOPEN: 1");
  auto after = rig.engine.command(R"(AT+FTPCWD="/a")", quick);
  REQUIRE(after);
  CHECK(after.value().lines.empty());
  CHECK(text_of(rig.engine.await_line("+FTPCWD:", Clock::now() + 300ms)) == "+FTPCWD: 1");
  REQUIRE(rig.engine.command(R"(AT+FTPCWD="/b")", quick));
  REQUIRE(rig.engine.command("AT", quick));  // a new command retires the old result line
  CHECK(code_of(rig.engine.await_line("+FTPCWD:", Clock::now() + 100ms)) == at_errc::timeout);
  CHECK_FALSE(rig.engine.dirty());
  CHECK(rig.modem.finish().empty());
}

TEST_CASE("engine: a binary block is taken by its length, never scanned", "[at]") {
  const std::string data = std::string("\r\nOK\r\n+FTPRECV: 5\r\nERROR\r\n\0\0\r", 29);
  Rig rig;
  rig.modem.on("AT+FTPRECV=3000\r", "\r\n+CSQ: 1,99\r\n\r\n+FTPRECV: 29\r\n" + data + "\r\nOK\r\n");
  rig.modem.on("AT+FTPRECV=3000\r", crlf({"+FTPRECV: 0", "OK"}));
  rig.modem.on("AT+FTPGET=2,1460\r", "\r\n+FTPGET: 2,5\r\n+FTP:\r\n\r\nOK\r\n");
  rig.modem.on("AT+FTPRECV=10\r", crlf({"+FTPRECV: lots", "OK"}));
  rig.modem.start();
  const CommandSpec recv{300ms, "+FTPRECV:", 0};
  auto got = rig.engine.command("AT+FTPRECV=3000", recv);
  REQUIRE(got);
  CHECK(got.value().has_block);
  CHECK(got.value().block == data);
  CHECK(got.value().lines == Lines{"+FTPRECV: 29"});
  auto empty = rig.engine.command("AT+FTPRECV=3000", recv);
  REQUIRE(empty);
  CHECK(empty.value().has_block);
  CHECK(empty.value().block.empty());
  auto sim7000 = rig.engine.command("AT+FTPGET=2,1460", CommandSpec{300ms, "+FTPGET: 2,", 1});
  REQUIRE(sim7000);
  CHECK(sim7000.value().block == "+FTP:");
  // A header without a usable length: nothing after it can be trusted.
  CHECK(code_of(rig.engine.command("AT+FTPRECV=10", CommandSpec{300ms, "+FTPRECV:", 0})) ==
        at_errc::unexpected_reply);
  CHECK(rig.engine.dirty());
  CHECK(rig.modem.finish().empty());
}

TEST_CASE("engine: a prompt is answered with exactly the payload", "[at]") {
  const std::string payload = std::string("a\r\nOK\r\n\0z", 10);
  Rig rig;
  rig.modem.on("AT+FTPPUT=\"f.bin\",10,1\r", crlf({"+FTPPUT: 2,10"}));
  rig.modem.on(payload, crlf({"+FTPPUT: 1,10", "OK"}));
  rig.modem.on("AT\r", crlf({"OK"}));  // nothing may trail the payload
  rig.modem.start();
  CommandSpec put{300ms};
  put.prompt = "+FTPPUT: 2,";
  put.payload = payload;
  auto got = rig.engine.command(R"(AT+FTPPUT="f.bin",10,1)", put);
  REQUIRE(got);
  CHECK(got.value().lines == Lines{"+FTPPUT: 2,10", "+FTPPUT: 1,10"});
  REQUIRE(rig.engine.command("AT", quick));
  CHECK(rig.modem.finish().empty());
}

TEST_CASE("engine: a prompt granting another count than the payload's gets no byte", "[at]") {
  // A module that takes fewer bytes than asked would read the rest as commands (a payload
  // "AT+CFUN=0..." switching the radio off), and a shorter upload it then confirms is a
  // truncated file; one that takes more would wait for bytes that never come.
  const std::string payload = "AT+CFUN=0\r" + std::string(90, 'x');
  for (const std::string granted : {"60", "200"}) {
    Rig rig;
    rig.modem.on("AT+FTPPUT=2,100\r", crlf({"+FTPPUT: 2," + granted}));
    rig.modem.on("AT\r", crlf({"OK"}));  // the resync: the first bytes after the command
    rig.modem.start();
    CommandSpec put{300ms};
    put.prompt = "+FTPPUT: 2,";
    put.payload = payload;
    CHECK(code_of(rig.engine.command("AT+FTPPUT=2,100", put)) == at_errc::unexpected_reply);
    CHECK(rig.engine.dirty());
    REQUIRE(rig.engine.resync(Clock::now() + 2s));
    CHECK(rig.modem.finish().empty());  // the payload never went out: AT came right after
  }
}

TEST_CASE("engine: a timeout dirties the line and resync drops the late reply", "[at]") {
  Rig rig;
  rig.modem.on("AT+FTPNOOP\r", "");  // the modem sits on it
  // The late answer of the timed-out command arrives first; our AT's own OK comes a little
  // later and must not be left to answer the next command.
  rig.modem.on("AT\r", crlf({"+FTPNOOP: 1", "OK"}));
  rig.modem.on("", crlf({"OK"}), 30ms);
  rig.modem.on("AT+FTPPWD\r", crlf({"+FTPPWD: 2,\"/\"", "OK"}));
  rig.modem.on("AT+FTPNOOP\r", "");
  rig.modem.on("AT\r", crlf({"OK"}));  // the next command resyncs by itself
  rig.modem.on("AT+CSQ\r", crlf({"+CSQ: 3,99", "OK"}));
  rig.modem.start();
  rig.engine.set_resync_timing({300ms, 250ms});  // quiet well beyond the peer's 30 ms
  const auto start = Clock::now();
  auto slow = rig.engine.command("AT+FTPNOOP", CommandSpec{200ms});
  REQUIRE_FALSE(slow);
  CHECK(slow.error() == at_errc::timeout);
  CHECK(Clock::now() - start >= 200ms);
  CHECK(rig.engine.dirty());
  REQUIRE(rig.engine.resync(Clock::now() + 1s));
  CHECK_FALSE(rig.engine.dirty());
  auto pwd = rig.engine.command("AT+FTPPWD", quick);
  REQUIRE(pwd);
  CHECK(pwd.value().lines == Lines{"+FTPPWD: 2,\"/\""});
  CHECK(code_of(rig.engine.command("AT+FTPNOOP", CommandSpec{200ms})) == at_errc::timeout);
  auto csq = rig.engine.command("AT+CSQ", quick);
  REQUIRE(csq);
  CHECK(csq.value().lines == Lines{"+CSQ: 3,99"});
  CHECK(rig.engine.counters().timeouts == 2);
  CHECK(rig.modem.finish().empty());
}

TEST_CASE("engine: a banner mid-command means the modem restarted", "[at]") {
  Rig rig;
  int restarts = 0;
  rig.engine.subscribe("RDY", [&](std::string_view) { ++restarts; });
  rig.modem.on("AT+FTPLIST\r", crlf({"+FTPLIST: 2", "RDY"}));
  rig.modem.on("AT\r", crlf({"+CFUN: 1", "+CPIN: READY", "OK"}));
  rig.modem.on("AT+CPIN?\r", crlf({"+CPIN: READY", "OK"}));
  rig.modem.start();
  auto cut = rig.engine.command("AT+FTPLIST", quick);
  REQUIRE_FALSE(cut);
  CHECK(cut.error() == at_errc::modem_restarted);
  CHECK(restarts == 1);
  CHECK(rig.engine.dirty());
  auto cpin = rig.engine.command("AT+CPIN?", CommandSpec{1s});  // resyncs first
  REQUIRE(cpin);
  CHECK(cpin.value().lines == Lines{"+CPIN: READY"});
  CHECK(restarts == 3);  // +CFUN: 1 and +CPIN: READY during the resync
  CHECK(rig.modem.finish().empty());
}

TEST_CASE("engine: a listing is captured byte-exact up to its terminator", "[at]") {
  // Lines that look like URCs are the server's bytes too (PROTOCOL.md section 3).
  const std::string listing =
      "-rw-r--r--    1 ftp      ftp          5 Jan 01  2020 a.txt\r\n"
      "+FTPLIST: 10\r\n"
      "+CSQ: 20,99\r\n"
      "\r\n"
      "+notes.txt\n"
      "+FTPINFO: 150 Opening\r\n"
      "drwxr-xr-x    2 ftp      ftp       4096 Mar 03 12:30 pub\r\n";
  Rig rig;
  Lines info;
  rig.engine.subscribe("+FTPINFO:", [&](std::string_view line) { info.emplace_back(line); });
  rig.modem.on("AT+FTPLIST\r", crlf({"OK", "+FTPLIST: 2"}) + listing + "+FTPLIST:1\r\n");
  rig.modem.start();
  REQUIRE(rig.engine.command("AT+FTPLIST", quick));
  REQUIRE(text_of(rig.engine.await_line("+FTPLIST:", Clock::now() + 300ms)) == "+FTPLIST: 2");
  auto capture = rig.engine.capture_until({"+FTPLIST: 1", "+FTPLIST: 0"}, Clock::now() + 300ms);
  REQUIRE(capture);
  CHECK(capture.value().bytes == listing);
  CHECK(capture.value().terminator == "+FTPLIST: 1");
  CHECK(info.empty());
  CHECK(rig.modem.finish().empty());
}

TEST_CASE("engine: raw streams start with the bytes the framer already holds", "[at]") {
  const std::string escaped = "ab\x10\x03" "cd\r\nOK\r\n\x03";
  Rig rig;
  rig.modem.on("AT+FTPRETR=\"f\",1\r", crlf({"OK", "+FTPRETR: 2"}) + escaped);
  rig.modem.on("xy\x10\x10\x03", crlf({"+FTPSTOR: 1"}));
  rig.modem.start();
  REQUIRE(rig.engine.command(R"(AT+FTPRETR="f",1)", quick));
  REQUIRE(rig.engine.await_line("+FTPRETR: 2", Clock::now() + 300ms));
  std::string got;
  char buf[4];
  while (got.size() < escaped.size()) {
    auto n = rig.engine.read_raw(buf, Clock::now() + 300ms);
    REQUIRE(n);
    got.append(buf, n.value());
  }
  CHECK(got == escaped);
  REQUIRE(rig.engine.write_raw("xy\x10\x10\x03", Clock::now() + 300ms));
  CHECK(text_of(rig.engine.await_line("+FTPSTOR:", Clock::now() + 300ms)) == "+FTPSTOR: 1");
  CHECK(rig.modem.finish().empty());
}

TEST_CASE("engine: unclaimed lines wait for await_line until dropped", "[at]") {
  Rig rig;
  rig.modem.on("AT+FTPGET=\"f\",1\r", crlf({"OK", "+FOO: 3", "+FTPGET: 1", "+FTPGET: 2"}));
  rig.modem.start();
  REQUIRE(rig.engine.command(R"(AT+FTPGET="f",1)", quick));
  CHECK(text_of(rig.engine.await_line("+FTPGET: 2", Clock::now() + 300ms)) == "+FTPGET: 2");
  CHECK(text_of(rig.engine.await_line("+FTPGET:", Clock::now())) == "+FTPGET: 1");
  rig.engine.drop_unclaimed();
  CHECK(code_of(rig.engine.await_line("+FOO:", Clock::now() + 50ms)) == at_errc::timeout);
  CHECK(rig.modem.finish().empty());
}

namespace {

// The 3000 bytes of a full FTPRECV block, holding what a scanner would trip on.
std::string recv_block(int seed) {
  std::string data;
  for (int i = 0; data.size() < 3000; ++i) {
    const char byte = static_cast<char>(seed + i);
    data += i % 7 == 0 ? std::string("\r\nOK\r\n\0", 7) : std::string(1, byte);
  }
  data.resize(3000);
  return data;
}

// The reply carrying them, up to its OK.
std::string recv_reply(int seed) { return "\r\n+FTPRECV: 3000\r\n" + recv_block(seed) + "\r\nOK\r\n"; }

}  // namespace

TEST_CASE("engine: a block trickling in at a line's pace is handed over in few reads", "[at]") {
  constexpr int blocks = 6;
  Rig rig;
  // 80 bytes every 868 us: a 921600-baud line.
  for (int i = 0; i < blocks; ++i) rig.modem.on_paced("AT+FTPRECV=3000\r", recv_reply(i), 80, 868us);
  rig.modem.start();
  const auto reads_before = rig.link.counters().reads;
  for (int i = 0; i < blocks; ++i) {
    auto got = rig.engine.command("AT+FTPRECV=3000", CommandSpec{3s, "+FTPRECV:", 0});
    REQUIRE(got);
    CHECK(got.value().block == recv_block(i));
  }
  // Read as they come, the 38 pieces of each block cost about as many reads.
  CHECK(rig.link.counters().reads - reads_before <= blocks * 10);
  CHECK(rig.modem.finish().empty());
}

TEST_CASE("engine: a block that stops trickling still ends at its deadline", "[at]") {
  Rig rig;
  rig.modem.on_paced("AT+FTPRECV=3000\r", recv_reply(0).substr(0, 800), 80, 868us);
  rig.modem.start();
  const auto start = Clock::now();
  auto cut = rig.engine.command("AT+FTPRECV=3000", CommandSpec{300ms, "+FTPRECV:", 0});
  const auto took = Clock::now() - start;
  CHECK(code_of(cut) == at_errc::timeout);
  CHECK(took >= 300ms);
  CHECK(took < 300ms + 2s);  // generous for a loaded machine: a pause is far shorter
  CHECK(rig.engine.dirty());
  CHECK(rig.modem.finish().empty());
}
