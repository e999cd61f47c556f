// The escaped stream's proof of data (core/dialect/stream_codec.cpp): a restart banner where
// data would be is held back, never handed over, at every split of the wire; banner-like text
// inside a file is handed over intact once more data or the end byte proves it.
#include <catch2/catch.hpp>

#include <string>

#include "core/dialect/stream_codec.hpp"

using mfs::dialect::escape_stream;
using mfs::dialect::max_unproven;
using mfs::dialect::StreamDecoder;

namespace {

// As a module in V1 format prints it; bare_banner as one that starts straight after the data.
const std::string banner = "\r\nRDY\r\n\r\n+CPIN: READY\r\n\r\n+CFUN: 1\r\n";
const std::string bare_banner = "RDY\r\n+CPIN: READY\r\n+CFUN: 1\r\nSMS Ready\r\n";

std::string escaped(std::string_view data) {
  std::string wire;
  escape_stream(data, wire);
  return wire;
}

// Decodes `wire` split at `split`; returns what the decoder handed over.
std::string decode_split(StreamDecoder& decoder, std::string_view wire, std::size_t split) {
  std::string out;
  decoder.decode(wire.substr(0, split), out);
  decoder.decode(wire.substr(split), out);
  return out;
}

}  // namespace

TEST_CASE("a banner inside a stream is never data, wherever the reads split it",
          "[dialect.l610]") {
  const std::string data = "file bytes\r\nend of line\r\n" + std::string(1000, 'x');
  for (const std::string& printed : {banner, bare_banner}) {
    const std::string wire = escaped(data) + printed;
    for (std::size_t split = 0; split <= wire.size(); ++split) {
      CAPTURE(printed, split);
      StreamDecoder decoder;
      CHECK(decode_split(decoder, wire, split) == data);
      CHECK(decoder.holds_restart());
      CHECK(decoder.held() == printed.size());
      CHECK_FALSE(decoder.ended());
      decoder.drop_held();
      CHECK(decoder.held() == 0);
    }
  }
}

TEST_CASE("a banner at the very start of a stream is held too", "[dialect.l610]") {
  StreamDecoder decoder;
  std::string out;
  decoder.decode("RDY\r\n+CPIN: READY\r\n", out);
  CHECK(out.empty());
  CHECK(decoder.holds_restart());
}

TEST_CASE("banner-like text inside a file is delivered intact once the stream goes on",
          "[dialect.l610]") {
  const std::string data =
      "head" + banner + "more data" + bare_banner + "x\r\nRD" + banner + "RDY\r\nfoo" + banner;
  const std::string wire = escaped(data) + '\x03' + "\r\n+FTPRETR: 1\r\n";
  for (std::size_t split = 0; split <= wire.size(); ++split) {
    CAPTURE(split);
    StreamDecoder decoder;
    std::string out;
    const std::size_t used = decoder.decode(std::string_view(wire).substr(0, split), out);
    if (!decoder.ended()) decoder.decode(std::string_view(wire).substr(used), out);
    CHECK(decoder.ended());
    CHECK(decoder.held() == 0);
    CHECK(out == data);
  }
}

TEST_CASE("only a possible banner is held, and never more than max_unproven bytes",
          "[dialect.l610]") {
  StreamDecoder decoder;
  std::string out;
  decoder.decode("text\r\nRDX", out);  // no banner starts "RDX"
  CHECK(out == "text\r\nRDX");
  CHECK(decoder.held() == 0);
  decoder.decode("\r\n+CPIN: RE", out);
  CHECK(out == "text\r\nRDX");
  CHECK(decoder.held() == 11);
  decoder.decode("ADX+C", out);  // "+C" could start +CFUN: 1 even without a line end
  CHECK(out == "text\r\nRDX\r\n+CPIN: READX");
  CHECK(decoder.held() == 2);
  CHECK_FALSE(decoder.holds_restart());  // a partial line proves no restart
  const std::string blank_lines(10'000, '\n');  // could all precede a banner
  decoder.decode(blank_lines, out);
  CHECK(decoder.held() == max_unproven);
  CHECK(out.size() + decoder.held() == 25 + blank_lines.size());
}

TEST_CASE("a stall drops the unproven tail: what was handed over stays the proven prefix",
          "[dialect.l610]") {
  StreamDecoder decoder;
  std::string out;
  decoder.decode("proven\r\n", out);
  CHECK(out == "proven");
  decoder.drop_held();
  decoder.decode(std::string("\x03", 1), out);
  CHECK(out == "proven");  // the held line end went with the stall
}
