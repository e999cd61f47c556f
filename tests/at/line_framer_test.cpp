// LineFramer: scripted byte streams give the same events however they are split into feeds
// (every single split offset, one byte per feed, all at once).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/at/line_framer.hpp"
#include "core/at/reply_lines.hpp"

using mfs::at::FramerEvent;
using mfs::at::LineFramer;
using Kind = FramerEvent::Kind;

namespace {

FramerEvent line(std::string text, std::string raw) { return {Kind::line, std::move(text), std::move(raw)}; }
FramerEvent blank(std::string raw) { return {Kind::blank, {}, std::move(raw)}; }
FramerEvent block(std::string raw) { return {Kind::block, {}, std::move(raw)}; }
FramerEvent overflow(std::string raw) { return {Kind::overflow, {}, std::move(raw)}; }

// Blocks as the engine announces them for FTPRECV (L610) and FTPGET (SIM7000).
std::optional<std::size_t> recv_rule(std::string_view text) {
  for (const auto& [header, field] : {std::pair{"+FTPRECV:", 0}, std::pair{"+FTPGET: 2,", 1}}) {
    const auto parsed = mfs::at::parse_block_header(mfs::at::normalise_line(text), header, field);
    if (parsed.matched) return parsed.length;
  }
  return std::nullopt;
}

std::vector<FramerEvent> drain(LineFramer& framer) {
  std::vector<FramerEvent> out;
  while (auto event = framer.next()) out.push_back(std::move(*event));
  return out;
}

using Ends = LineFramer::LineEnds;

LineFramer make_framer(std::size_t max_line, Ends ends = Ends::cr_or_lf) {
  LineFramer framer(max_line);
  framer.set_block_rule(recv_rule);
  framer.set_line_ends(ends);
  return framer;
}

// Feeds `stream` in pieces cut at `cuts` and returns every event.
std::vector<FramerEvent> frame(std::string_view stream, const std::vector<std::size_t>& cuts,
                               std::size_t max_line, Ends ends) {
  LineFramer framer = make_framer(max_line, ends);
  std::vector<FramerEvent> events;
  std::size_t from = 0;
  for (std::size_t cut : cuts) {
    framer.feed(stream.substr(from, cut - from));
    for (auto& e : drain(framer)) events.push_back(std::move(e));
    from = cut;
  }
  framer.feed(stream.substr(from));
  for (auto& e : drain(framer)) events.push_back(std::move(e));
  return events;
}

void check_every_split(std::string_view stream, const std::vector<FramerEvent>& expected,
                       std::size_t max_line = LineFramer::default_max_line,
                       Ends ends = Ends::cr_or_lf) {
  CHECK(frame(stream, {}, max_line, ends) == expected);
  for (std::size_t cut = 0; cut <= stream.size(); ++cut) {
    INFO("split at " << cut);
    CHECK(frame(stream, {cut}, max_line, ends) == expected);
  }
  std::vector<std::size_t> every_byte;
  for (std::size_t i = 1; i < stream.size(); ++i) every_byte.push_back(i);
  INFO("one byte per feed");
  CHECK(frame(stream, every_byte, max_line, ends) == expected);
}

const std::string tricky_block = std::string("\r\nOK\r\n+FTPRECV: 5\r\n\0\0ERROR\n\r", 28);

}  // namespace

TEST_CASE("framer: CRLF, bare LF, bare CR and empty lines", "[at]") {
  check_every_split("AT+CSQ\r\r\n+CSQ: 20,99\r\n\r\nOK\r\nA\nB\rC\r\n\n\nD",
                    {line("AT+CSQ", "AT+CSQ\r"), blank("\r\n"), line("+CSQ: 20,99", "+CSQ: 20,99\r\n"),
                     blank("\r\n"), line("OK", "OK\r\n"), line("A", "A\n"), line("B", "B\r"),
                     line("C", "C\r\n"), blank("\n"), blank("\n")});
}

TEST_CASE("framer: a line ended by a lone CR waits for the next byte", "[at]") {
  LineFramer framer;
  framer.feed("OK\r");
  CHECK_FALSE(framer.next());
  framer.feed("\n");
  CHECK(drain(framer) == std::vector{line("OK", "OK\r\n")});
}

TEST_CASE("framer: binary block holding terminators, headers and NULs", "[at]") {
  REQUIRE(tricky_block.size() == 28);
  check_every_split("\r\n+FTPRECV: 28\r\n" + tricky_block + "\r\nOK\r\n",
                    {blank("\r\n"), line("+FTPRECV: 28", "+FTPRECV: 28\r\n"), block(tricky_block),
                     blank("\r\n"), line("OK", "OK\r\n")});
}

TEST_CASE("framer: zero-length block", "[at]") {
  check_every_split("+FTPRECV: 0\r\n\r\nOK\r\n", {line("+FTPRECV: 0", "+FTPRECV: 0\r\n"), block(""),
                                                  blank("\r\n"), line("OK", "OK\r\n")});
}

TEST_CASE("framer: back-to-back blocks, LF-only and CR-only headers", "[at]") {
  check_every_split("+FTPRECV: 3\r\nab\r+FTPGET: 2,2\nxy+FTPRECV:2\rZ\n\r\nOK\r\n",
                    {line("+FTPRECV: 3", "+FTPRECV: 3\r\n"), block("ab\r"),
                     line("+FTPGET: 2,2", "+FTPGET: 2,2\n"), block("xy"),
                     line("+FTPRECV:2", "+FTPRECV:2\r"), block("Z\n"), blank("\r\n"),
                     line("OK", "OK\r\n")});
}

TEST_CASE("framer: an over-long line is dropped up to its terminator", "[at]") {
  check_every_split("0123456789abcdefXYZ\r\n0123456789abcdef\r\nOK\r\n",
                    {overflow("0123456789abcdef"), line("0123456789abcdef", "0123456789abcdef\r\n"),
                     line("OK", "OK\r\n")},
                    16);
}

TEST_CASE("framer: unconsumed bytes are handed out raw, then framing resumes", "[at]") {
  LineFramer framer;
  framer.feed("+FTPRETR: 2\r\nab\x10\x03");
  CHECK(framer.next() == line("+FTPRETR: 2", "+FTPRETR: 2\r\n"));
  char out[16];
  const std::size_t n = framer.take_unconsumed(out);
  CHECK(std::string(out, n) == "ab\x10\x03");
  CHECK(framer.buffered() == 0);
  framer.feed("+FTPRETR: 1\r\n");
  CHECK(framer.next() == line("+FTPRETR: 1", "+FTPRETR: 1\r\n"));
}

TEST_CASE("framer: clear drops a half line and a pending block", "[at]") {
  LineFramer framer = make_framer(LineFramer::default_max_line);
  framer.feed("+FTPRECV: 10\r\nabc");
  CHECK(framer.next() == line("+FTPRECV: 10", "+FTPRECV: 10\r\n"));
  CHECK_FALSE(framer.next());
  framer.clear();
  framer.feed("OK\r\n");
  CHECK(framer.next() == line("OK", "OK\r\n"));
}

TEST_CASE("framer: block_needs counts what a pending block still lacks", "[at]") {
  LineFramer framer = make_framer(LineFramer::default_max_line);
  framer.feed("\r\n+FTPRECV: 10\r\nabc");
  CHECK(framer.block_needs() == 0);  // the header is not read yet
  CHECK(drain(framer) == std::vector{blank("\r\n"), line("+FTPRECV: 10", "+FTPRECV: 10\r\n")});
  CHECK(framer.block_needs() == 7);
  framer.feed("defg");
  CHECK_FALSE(framer.next());
  CHECK(framer.block_needs() == 3);
  framer.feed("hij\r\nOK\r\n");  // the block's end and what follows it
  CHECK(framer.block_needs() == 0);
  CHECK(drain(framer) == std::vector{block("abcdefghij"), blank("\r\n"), line("OK", "OK\r\n")});
  CHECK(framer.block_needs() == 0);
}

TEST_CASE("framer: server lines end only at LF, a CR inside belongs to the line", "[at]") {
  check_every_split("a\rRDY\r\nb\r+FTPLIST: 0\nc\r\r\n\r\n\nlast\r",
                    {line("a\rRDY", "a\rRDY\r\n"), line("b\r+FTPLIST: 0", "b\r+FTPLIST: 0\n"),
                     line("c\r", "c\r\r\n"), blank("\r\n"), blank("\n")},
                    LineFramer::default_max_line, Ends::lf_only);
}

TEST_CASE("framer: an over-long server line is dropped up to its LF", "[at]") {
  check_every_split("0123456789abcdef\rXYZ\r\nnext\r\n",
                    {overflow("0123456789abcdef"), line("next", "next\r\n")}, 16, Ends::lf_only);
}

TEST_CASE("framer: memory a big block grew is returned once it is consumed", "[at]") {
  LineFramer framer = make_framer(LineFramer::default_max_line);
  framer.feed("+FTPRECV: 60000\r\n" + std::string(60'000, 'b'));
  CHECK(drain(framer).size() == 2);
  CHECK(framer.capacity() >= 60'000);
  framer.feed("\r\nOK\r\n");
  CHECK(drain(framer) == std::vector{blank("\r\n"), line("OK", "OK\r\n")});
  CHECK(framer.capacity() < 20'000);
}
