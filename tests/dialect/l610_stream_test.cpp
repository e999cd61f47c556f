// L610 escaped streams: the pure codec (core/dialect/stream_codec.cpp) from tables and at
// every split offset, then FTPRETR downloads and FTPSTOR uploads (core/dialect/l610_stream.cpp)
// against the simulator, compared byte for byte with the files on its disk.
#include "core/dialect/stream_codec.hpp"

#include <catch2/catch.hpp>

#include "core/dialect/l610.hpp"
#include "core/ftp/ftp_error.hpp"
#include "tests/dialect/l610_fixture.hpp"

using namespace mfs::dialect;
using namespace mfs::dialect::test;
using mfs::dialect::escape_stream;
using mfs::dialect::StreamDecoder;
namespace fs = std::filesystem;

namespace {

std::string escaped(std::string_view data) {
  std::string wire;
  escape_stream(data, wire);
  return wire;
}

}  // namespace

TEST_CASE("stream escaping follows the seed's examples", "[dialect.l610]") {
  // Seed 1.2.15: "03 10 11 03" is sent as "10 03 10 11 10 03"; 1.2.16: "03 11 10" -> "10 03 11 10 10".
  CHECK(escaped(std::string("\x03\x10\x11\x03", 4)) == std::string("\x10\x03\x10\x10\x11\x10\x03", 7));
  CHECK(escaped(std::string("\x03\x11\x10", 3)) == std::string("\x10\x03\x11\x10\x10", 5));
  CHECK(escaped("").empty());
  CHECK(escaped("plain\r\nOK\r\n") == "plain\r\nOK\r\n");
}

TEST_CASE("a stream decodes the same whatever its split, and stops at its end byte",
          "[dialect.l610]") {
  const std::string data = nasty_bytes();
  const std::string after_end = "\r\n+FTPRETR: 1\r\n";
  const std::string wire = escaped(data) + '\x03' + after_end;
  for (std::size_t split = 0; split <= wire.size(); ++split) {
    CAPTURE(split);
    StreamDecoder decoder;
    std::string out;
    const std::size_t first = decoder.decode(std::string_view(wire).substr(0, split), out);
    std::size_t used = first;
    if (!decoder.ended()) {
      REQUIRE(first == split);
      used += decoder.decode(std::string_view(wire).substr(split), out);
    }
    CHECK(decoder.ended());
    CHECK(out == data);
    CHECK(wire.substr(used) == after_end);
  }
}

TEST_CASE("an escaped end byte is data, an unescaped one ends even an empty stream",
          "[dialect.l610]") {
  StreamDecoder decoder;
  std::string out;
  CHECK(decoder.decode(std::string("\x10\x03\x10\x10", 4), out) == 4);
  CHECK_FALSE(decoder.ended());
  CHECK(out == std::string("\x03\x10", 2));
  StreamDecoder empty;
  out.clear();
  CHECK(empty.decode(std::string("\x03rest", 5), out) == 1);
  CHECK(empty.ended());
  CHECK(out.empty());
}

TEST_CASE("an FTPRETR download is byte-exact, from the start and from an offset",
          "[dialect.l610]") {
  SimModem sim;
  const std::string bytes = random_bytes(300'000, 41) + nasty_bytes();
  write_file(sim.root() / "big.bin", bytes);
  write_file(sim.root() / "special", nasty_bytes());
  write_file(sim.root() / "empty", "");
  sim.start_and_open();
  CHECK(download_all(sim.modem(), "/big.bin", 0, true) == bytes);
  CHECK(download_all(sim.modem(), "/big.bin", 123'457, true) == bytes.substr(123'457));
  CHECK(download_all(sim.modem(), "/special", 0, true) == nasty_bytes());
  CHECK(download_all(sim.modem(), "/empty", 0, true).empty());
  CHECK(sim.count_of("FTPRETR") == 4);
  CHECK(sim.count_of("FTPRECV") == 0);
  CHECK(sim.count_of("FTPCLOSE") == 0);
  auto listing = sim.modem().list("");  // the module is back in command mode
  REQUIRE(listing.has_value());
  CHECK(names_and_sizes(listing.value()).count({"special", nasty_bytes().size()}) == 1);
}

TEST_CASE("a stream left early is drained, and the module takes commands again",
          "[dialect.l610]") {
  SimModem sim;
  write_file(sim.root() / "f", random_bytes(200'000, 42));
  sim.start_and_open();
  REQUIRE(sim.modem().begin_stream_download("/f", 0).has_value());
  std::string out;
  REQUIRE(sim.modem().read_download(out, 1000).value() > 0);
  SECTION("abort_download") { REQUIRE(sim.modem().abort_download().has_value()); }
  SECTION("another operation") {}
  REQUIRE(sim.modem().make_directory("/after").has_value());
  CHECK(fs::is_directory(sim.root() / "after"));
  CHECK_FALSE(sim.modem().download_active());
  CHECK(sim.count_of("FTPCLOSE") == 0);  // a stream cannot be closed early, only drained
}

TEST_CASE("a missing file cannot be streamed", "[dialect.l610]") {
  SimModem sim;
  sim.start_and_open();
  auto begun = sim.modem().begin_stream_download("/missing", 0);
  REQUIRE(begun.has_error());
  CHECK(begun.error() == mfs::ftp::ftp_errc::not_found);
  CHECK_FALSE(sim.modem().download_active());
  REQUIRE(sim.modem().noop().has_value());
}

TEST_CASE("FTPSTOR uploads are byte-exact at every escaping edge", "[dialect.l610]") {
  SimModem sim;
  sim.start_and_open();
  auto [name, bytes] = GENERATE(from_range(escaping_edges(43)));
  CAPTURE(name);
  MemorySource source(bytes);
  REQUIRE(sim.modem().upload_stream("/" + name, source, 0).has_value());
  CHECK(read_file(sim.root() / name) == bytes);
  CHECK(sim.count_of("FTPSTOR") == 1);
  CHECK(sim.count_of("FTPPUT") == 0);
  REQUIRE(sim.modem().noop().has_value());
}

TEST_CASE("FTPSTOR with an offset resumes an upload the server holds the start of",
          "[dialect.l610]") {
  SimModem sim;
  const std::string bytes = random_bytes(50'000, 44) + nasty_bytes();
  const std::size_t held = GENERATE(std::size_t{1}, std::size_t{16'384}, std::size_t{50'000});
  CAPTURE(held);
  write_file(sim.root() / "f", bytes.substr(0, held));
  sim.start_and_open();
  MemorySource source(bytes);
  REQUIRE(sim.modem().upload_stream("/f", source, held).has_value());
  CHECK(read_file(sim.root() / "f") == bytes);
  CHECK(sim.count_of("FTPSTOR") == 1);
  CHECK(sim.modem().upload_stream("/f", source, bytes.size() + 1).error() ==
        std::errc::invalid_argument);
}

TEST_CASE("a download that reaches the listed size ends without asking the modem",
          "[dialect.l610]") {
  SimModem sim;
  const std::string bytes = random_bytes(7'000, 45);
  write_file(sim.root() / "f", bytes);
  sim.start_and_open();
  REQUIRE(sim.modem().begin_download("/f", 0).has_value());
  sim.modem().expect_download_end(bytes.size());
  std::string out;
  while (out.size() < bytes.size()) REQUIRE(sim.modem().read_download(out, 3'000).value() > 0);
  const auto recv_before = sim.count_of("FTPRECV");
  CHECK(sim.modem().read_download(out, 3'000).value() == 0);
  CHECK(out == bytes);
  CHECK(sim.count_of("FTPRECV") == recv_before);
  CHECK(sim.count_of("FTPGET") == 1);  // no AT+FTPGET? either
  REQUIRE(sim.modem().make_directory("/after").has_value());
}
