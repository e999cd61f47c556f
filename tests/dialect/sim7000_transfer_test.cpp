// SIM7000 transfers (core/dialect/sim7000_transfer.cpp) against the simulator: GET from any
// offset in blocks of at most 1460 bytes, abandoning a GET with FTPQUIT, and PUT in chunks of
// the announced maximum, compared byte for byte with the simulator's disk.
#include "core/dialect/sim7000.hpp"

#include <catch2/catch.hpp>

#include "core/dialect/dialect_error.hpp"
#include "core/ftp/ftp_error.hpp"
#include "tests/dialect/sim7000_fixture.hpp"

using namespace mfs::dialect;
using namespace mfs::dialect::test;
using mfs::ftp::ftp_errc;

namespace {

// The ceiling of bytes / chunk: how many blocks a transfer of `bytes` needs at least.
std::uint64_t blocks(std::uint64_t bytes, std::uint64_t chunk) { return (bytes + chunk - 1) / chunk; }

}  // namespace

TEST_CASE("a download arrives byte-exact in one login", "[dialect.sim7000]") {
  Sim7000Modem sim;
  const std::string bytes = random_bytes(100'000, 21);
  write_file(sim.root() / "dir" / "big.bin", bytes);
  sim.start_and_open();
  CHECK(download_all(sim.modem(), "/dir/big.bin") == bytes);
  CHECK(sim.logins() == 2);  // open_session's, the download's
  CHECK(sim.modem().counters().downloads_started == 1);
  // FTPGET=1, then one FTPGET=2 per 1460 bytes, and at most two more to learn the end.
  CHECK(sim.count_of("FTPGET") >= 1 + blocks(bytes.size(), 1460));
  CHECK(sim.count_of("FTPGET") <= 3 + blocks(bytes.size(), 1460));
  std::string more;
  CHECK(sim.modem().read_download(more, 100).value() == 0);
  CHECK(more.empty());
}

TEST_CASE("a download from an offset, and one at the end", "[dialect.sim7000]") {
  Sim7000Modem sim;
  const std::string bytes = random_bytes(20'000, 22);
  write_file(sim.root() / "f", bytes);
  sim.start_and_open();
  CHECK(download_all(sim.modem(), "/f", 12'345) == bytes.substr(12'345));
  CHECK(download_all(sim.modem(), "/f", 0) == bytes);  // FTPREST goes back to 0
  CHECK(download_all(sim.modem(), "/f", 20'000).empty());
}

TEST_CASE("reads return at most one block and what was asked for", "[dialect.sim7000]") {
  Sim7000Modem sim;
  const std::string bytes = random_bytes(10'000, 23);
  write_file(sim.root() / "f", bytes);
  sim.start_and_open();
  REQUIRE(sim.modem().begin_download("/f", 0).has_value());
  std::string out;
  CHECK(sim.modem().read_download(out, 1).value() == 1);
  CHECK(sim.modem().read_download(out, 4'000).value() == 1460);
  CHECK(sim.modem().download_position() == 1461);
  CHECK(sim.modem().download_path() == "/f");
  CHECK(out == bytes.substr(0, 1461));
}

TEST_CASE("an empty file downloads as nothing", "[dialect.sim7000]") {
  Sim7000Modem sim;
  write_file(sim.root() / "empty", "");
  sim.start_and_open();
  CHECK(download_all(sim.modem(), "/empty").empty());
  REQUIRE(sim.modem().list("/").has_value());
}

TEST_CASE("a missing file is not found and leaves the module idle", "[dialect.sim7000]") {
  Sim7000Modem sim;
  sim.start_and_open();
  auto begun = sim.modem().begin_download("/missing", 0);
  REQUIRE(begun.has_error());
  CHECK(begun.error() == ftp_errc::not_found);
  CHECK_FALSE(sim.modem().download_active());
  CHECK(sim.modem().ftp_busy().value() == false);
}

TEST_CASE("an abandoned download ends with FTPQUIT and the next action just runs", "[dialect.sim7000]") {
  Sim7000Modem sim;
  const std::string bytes = random_bytes(50'000, 24);
  write_file(sim.root() / "f", bytes);
  sim.start_and_open();
  REQUIRE(sim.modem().begin_download("/f", 0).has_value());
  std::string out;
  REQUIRE(sim.modem().read_download(out, 1000).has_value());
  REQUIRE(sim.modem().abort_download().has_value());
  CHECK_FALSE(sim.modem().download_active());
  CHECK(sim.count_of("FTPQUIT") == 1);
  CHECK(sim.modem().ftp_busy().value() == false);
  // An action during a download quits it first.
  REQUIRE(sim.modem().begin_download("/f", 100).has_value());
  REQUIRE(sim.modem().list("/").has_value());
  CHECK(sim.count_of("FTPQUIT") == 2);
  CHECK(download_all(sim.modem(), "/f", 49'000) == bytes.substr(49'000));
}

TEST_CASE("uploads of every chunk shape store exactly the source", "[dialect.sim7000]") {
  const std::size_t size = GENERATE(0, 1, 1359, 1360, 1361, 2720, 10'000);
  INFO("size " << size);
  Sim7000Modem sim;
  std::filesystem::create_directories(sim.root() / "up");
  sim.start_and_open();
  const std::string bytes = random_bytes(size, 25);
  MemorySource source(bytes);
  REQUIRE(sim.modem().upload("/up/file.bin", source).has_value());
  CHECK(read_file(sim.root() / "up" / "file.bin") == bytes);
  CHECK(sim.logins() == 2);  // open_session's, the upload's
  // FTPPUT=1, one FTPPUT=2,<len> per announced 1360 bytes, FTPPUT=2,0.
  CHECK(sim.count_of("FTPPUT") == 2 + blocks(size, 1360));
  CHECK(sim.modem().ftp_busy().value() == false);
}

TEST_CASE("an upload replaces an existing file, and one into a missing directory fails", "[dialect.sim7000]") {
  Sim7000Modem sim;
  write_file(sim.root() / "f", std::string(5000, 'o'));
  sim.start_and_open();
  MemorySource source("new");
  REQUIRE(sim.modem().upload("/f", source).has_value());
  CHECK(read_file(sim.root() / "f") == "new");
  auto refused = sim.modem().upload("/missing/f", source);
  REQUIRE(refused.has_error());
  CHECK(refused.error() == ftp_errc::permission_denied);
  CHECK(sim.modem().ftp_busy().value() == false);
}

// FTPPUTOPT outlives the daemon: one killed after resuming an upload leaves "APPE" set, and a
// fresh upload by the next one must still replace the file, not add to it.
TEST_CASE("a fresh upload replaces the file though an earlier owner left APPE set", "[dialect.sim7000]") {
  Sim7000Modem sim;
  write_file(sim.root() / "f", "old content");
  REQUIRE(sim.engine().command("AT+FTPPUTOPT=\"APPE\"", mfs::at::CommandSpec{std::chrono::seconds(2)}));
  sim.start_and_open();
  MemorySource source("new");
  REQUIRE(sim.modem().upload("/f", source).has_value());
  CHECK(read_file(sim.root() / "f") == "new");
  REQUIRE(sim.modem().upload("/f", source).has_value());  // the option is known from now on
  CHECK(read_file(sim.root() / "f") == "new");
  CHECK(sim.count_of("FTPPUTOPT") == 2);  // the earlier owner's, and one STOR
}
