// L610 transfers (core/dialect/l610_transfer.cpp) against the simulator: downloads through
// the 512000-byte module buffer and uploads by FTPPUT chunks, compared byte for byte with the
// files on the simulator's disk.
#include "core/dialect/l610.hpp"

#include <catch2/catch.hpp>

#include "core/dialect/dialect_error.hpp"
#include "core/ftp/ftp_error.hpp"
#include "tests/dialect/l610_fixture.hpp"

using namespace mfs::dialect;
using namespace mfs::dialect::test;
using mfs::ftp::ftp_errc;
namespace fs = std::filesystem;

TEST_CASE("a download larger than the module buffer arrives byte-exact", "[dialect.l610]") {
  SimModem sim;
  const std::string bytes = random_bytes(1'200'000, 11);  // crosses 512000 twice
  write_file(sim.root() / "big.bin", bytes);
  sim.start_and_open();
  CHECK(download_all(sim.modem(), "/big.bin") == bytes);
  CHECK(sim.modem().download_path() == "/big.bin");
  CHECK(sim.modem().counters().downloads_started == 1);
  std::string more;
  CHECK(sim.modem().read_download(more, 100).value() == 0);  // stays at end of file
  CHECK(more.empty());
}

TEST_CASE("a download from an offset", "[dialect.l610]") {
  SimModem sim;
  const std::string bytes = random_bytes(600'000, 12);
  write_file(sim.root() / "f", bytes);
  sim.start_and_open();
  CHECK(download_all(sim.modem(), "/f", 512'345) == bytes.substr(512'345));
  CHECK(download_all(sim.modem(), "/f", 599'999) == bytes.substr(599'999));
}

TEST_CASE("reads return what the caller asked for, in order", "[dialect.l610]") {
  SimModem sim;
  const std::string bytes = random_bytes(10'000, 13);
  write_file(sim.root() / "f", bytes);
  sim.start_and_open();
  REQUIRE(sim.modem().begin_download("/f", 0).has_value());
  CHECK(sim.modem().download_active());
  std::string out;
  CHECK(sim.modem().read_download(out, 1).value() == 1);
  CHECK(sim.modem().read_download(out, 4'000).value() == 3'000);  // one FTPRECV at most
  CHECK(sim.modem().download_position() == 3'001);
  CHECK(out == bytes.substr(0, 3'001));
}

TEST_CASE("an empty file, and an offset at the end, download as nothing", "[dialect.l610]") {
  SimModem sim;
  write_file(sim.root() / "empty", "");
  write_file(sim.root() / "five", "12345");
  sim.start_and_open();
  CHECK(download_all(sim.modem(), "/empty").empty());
  CHECK(download_all(sim.modem(), "/five", 5).empty());
  REQUIRE(sim.modem().list("").has_value());  // the module is back in command mode
}

TEST_CASE("a missing file cannot be downloaded", "[dialect.l610]") {
  SimModem sim;
  sim.start_and_open();
  auto begun = sim.modem().begin_download("/missing", 0);
  REQUIRE(begun.has_error());
  CHECK(begun.error() == ftp_errc::not_found);
  CHECK_FALSE(sim.modem().download_active());
  std::string out;
  CHECK(sim.modem().read_download(out, 10).error() == dialect_errc::no_download);
}

TEST_CASE("aborting a download closes the session, and the next operation reopens it",
          "[dialect.l610]") {
  SimModem sim;
  const std::string bytes = random_bytes(700'000, 14);
  write_file(sim.root() / "f", bytes);
  write_file(sim.root() / "g", "g");
  sim.start_and_open();
  REQUIRE(sim.modem().begin_download("/f", 0).has_value());
  std::string out;
  REQUIRE(sim.modem().read_download(out, 3'000).value() == 3'000);
  SECTION("abort_download, then list") {
    REQUIRE(sim.modem().abort_download().has_value());
    CHECK_FALSE(sim.modem().download_active());
    CHECK_FALSE(sim.modem().session_open());
    CHECK(sim.count_of("FTPCLOSE") == 1);
  }
  SECTION("list while the download is active aborts it first") {
    CHECK(sim.modem().download_active());
  }
  auto listing = sim.modem().list("");
  REQUIRE(listing.has_value());
  CHECK(names_and_sizes(listing.value()).count({"g", 1}) == 1);
  CHECK_FALSE(sim.modem().download_active());
  CHECK(sim.count_of("FTPOPEN") == 2);
  CHECK(download_all(sim.modem(), "/f", 3'000) == bytes.substr(3'000));
}

TEST_CASE("the modem dropping a session mid-download is an error, not an end of file",
          "[dialect.l610]") {
  SimModem sim({}, std::chrono::milliseconds(200));  // unread data closes the session
  write_file(sim.root() / "f", random_bytes(50'000, 15));
  sim.start_and_open();
  REQUIRE(sim.modem().begin_download("/f", 0).has_value());
  auto closed = sim.engine().await_line("+FTPCLOSE:", std::chrono::steady_clock::now() +
                                                          std::chrono::seconds(5));
  REQUIRE(closed.has_value());
  std::string out;
  CHECK(sim.modem().read_download(out, 3'000).error() == dialect_errc::session_dropped);
  CHECK_FALSE(sim.modem().download_active());
  CHECK(sim.modem().noop().has_value());  // reopened
}

TEST_CASE("uploads of every chunking edge are byte-exact", "[dialect.l610]") {
  SimModem sim;
  sim.start_and_open();
  auto size = GENERATE(0, 1, 1023, 1024, 1025, 3001);
  CAPTURE(size);
  const std::string bytes = random_bytes(static_cast<std::size_t>(size), 20 + size);
  const std::string name = "up" + std::to_string(size);
  MemorySource source(bytes);
  REQUIRE(sim.modem().upload("/" + name, source).has_value());
  CHECK(read_file(sim.root() / name) == bytes);
  CHECK(fs::file_size(sim.root() / name) == bytes.size());
  const std::uint64_t chunks = (bytes.size() + 1023) / 1024;
  CHECK(sim.count_of("FTPPUT") == chunks);
  CHECK(sim.count_of("FTPSTOR") == (size == 0 ? 1 : 0));
  CHECK(sim.modem().counters().uploads_started == 1);
}

TEST_CASE("an upload replaces an existing file", "[dialect.l610]") {
  SimModem sim;
  write_file(sim.root() / "f", random_bytes(5'000, 30));
  sim.start_and_open();
  MemorySource shorter("short");
  REQUIRE(sim.modem().upload("/f", shorter).has_value());
  CHECK(read_file(sim.root() / "f") == "short");
  MemorySource none("");
  REQUIRE(sim.modem().upload("/f", none).has_value());
  CHECK(fs::file_size(sim.root() / "f") == 0);
}

TEST_CASE("an upload into a missing directory fails and leaves a usable session",
          "[dialect.l610]") {
  SimModem sim;
  sim.start_and_open();
  MemorySource source(random_bytes(2'000, 31));
  auto sent = sim.modem().upload("/no/such/dir/f", source);
  REQUIRE(sent.has_error());
  CHECK(sent.error().category() == mfs::ftp::ftp_category());
  REQUIRE(sim.modem().make_directory("/after").has_value());
}

namespace {

// Serves `good` bytes, then fails: a write spool whose disk went bad mid-upload.
class FailingSource : public UploadSource {
 public:
  explicit FailingSource(std::size_t good) : good_(good) {}
  std::uint64_t size() const override { return 4'000; }
  mfs::result<std::size_t> read_at(std::uint64_t offset, std::span<char> out) override {
    if (offset >= good_) return std::make_error_code(std::errc::io_error);
    std::fill(out.begin(), out.end(), 'x');
    return std::min<std::size_t>(out.size(), good_ - offset);
  }

 private:
  std::size_t good_;
};

}  // namespace

TEST_CASE("a source failing mid-upload abandons the upload cleanly", "[dialect.l610]") {
  SimModem sim;
  sim.start_and_open();
  FailingSource source(1024);
  auto sent = sim.modem().upload("/partial", source);
  REQUIRE(sent.has_error());
  CHECK(sent.error() == std::errc::io_error);
  CHECK(sim.count_of("FTPPUT") == 1);
  CHECK(sim.count_of("FTPCLOSE") == 1);  // the module's open data connection is dropped
  REQUIRE(sim.modem().make_directory("/after").has_value());
  CHECK(fs::is_directory(sim.root() / "after"));
}
