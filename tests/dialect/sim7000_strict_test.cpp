// The SIM7000 driver against the note read to the letter (modem-sim --quirks strict, issue 18):
// "+X: 1,0" follows the read that took the last byte at once, a read after it is refused with
// +CME ERROR: 3, an empty file or directory gets only "+X: 1,0", and LIST on a GETPATH that
// names a file fails. Transfers must end normally, and no file size is taken by listing a file.
#include "core/dialect/sim7000.hpp"

#include <catch2/catch.hpp>

#include "core/ftp/ftp_error.hpp"
#include "tests/dialect/sim7000_fixture.hpp"

using namespace mfs::dialect;
using namespace mfs::dialect::test;
using mfs::ftp::ftp_errc;

namespace {

void strict(mfs::sim::SimConfig& config) { config.quirks = {mfs::sim::Quirk::strict}; }

}  // namespace

TEST_CASE("strict: downloads of every size end at +FTPGET: 1,0", "[dialect.sim7000]") {
  Sim7000Modem sim(strict);
  const auto size = GENERATE(0, 1, 1459, 1460, 2920, 5000);
  INFO("size " << size);
  const std::string bytes = random_bytes(static_cast<std::size_t>(size), 31);
  write_file(sim.root() / "f", bytes);
  sim.start_and_open();
  CHECK(download_all(sim.modem(), "/f") == bytes);
  // Knowing the size, no read goes past the last byte: FTPGET=1, one read per block, and one
  // empty read at most where the end came after a full block.
  REQUIRE(sim.modem().begin_download("/f", 0).has_value());
  sim.modem().expect_download_end(bytes.size());
  const auto before = sim.count_of("FTPGET");
  std::string out;
  while (true) {
    auto got = sim.modem().read_download(out, 1460);
    REQUIRE(got.has_value());
    if (got.value() == 0) break;
  }
  CHECK(out == bytes);
  CHECK(sim.count_of("FTPGET") - before == (bytes.size() + 1459) / 1460);
}

TEST_CASE("strict: listings of an empty, a small and a long directory end at +FTPLIST: 1,0",
          "[dialect.sim7000]") {
  Sim7000Modem sim(strict);
  std::filesystem::create_directories(sim.root() / "empty");
  write_file(sim.root() / "small" / "a", "a");
  for (int i = 0; i < 200; ++i) write_file(sim.root() / "long" / ("file-" + std::to_string(i)), "x");
  sim.start_and_open();
  auto empty = sim.modem().list("/empty");
  REQUIRE(empty.has_value());
  CHECK(names_and_sizes(empty.value()).empty());
  auto small = sim.modem().list("/small");
  REQUIRE(small.has_value());
  CHECK(names_and_sizes(small.value()) == std::set<std::pair<std::string, std::uint64_t>>{{"a", 1}});
  auto many = sim.modem().list("/long");
  REQUIRE(many.has_value());
  CHECK(names_and_sizes(many.value()).size() == 200);
}

TEST_CASE("strict: the stored size of a file comes from SIZE, never from listing its path",
          "[dialect.sim7000]") {
  Sim7000Modem sim(strict);
  write_file(sim.root() / "dir" / "f", std::string(3000, 'x'));
  sim.start_and_open();
  CHECK(sim.modem().list("/dir/f").error() == ftp_errc::not_found);  // the strict module refuses
  const auto lists = sim.count_of("FTPLIST");
  CHECK(sim.modem().stored_size("/dir/f").value() == 3000);
  CHECK(sim.count_of("FTPLIST") == lists);
  CHECK(sim.modem().stored_size("/dir/missing").error() == ftp_errc::not_found);
}

TEST_CASE("the stored size falls back to the parent's listing where FTPSIZE is refused",
          "[dialect.sim7000]") {
  // The login's FTPSIZE is the first; the stored_size call's FTPSIZE is the second.
  Sim7000Modem sim([](mfs::sim::SimConfig& config) {
    config.quirks = {mfs::sim::Quirk::strict};
    config.faults = "error@FTPSIZE#2,error@FTPSIZE#3";
  });
  write_file(sim.root() / "dir" / "f", std::string(1234, 'x'));
  sim.start_and_open();
  CHECK(sim.modem().stored_size("/dir/f").value() == 1234);
  CHECK(sim.modem().stored_size("/dir/missing").error() == ftp_errc::not_found);
  CHECK(sim.count_of("FTPLIST") >= 2);  // one per fallback
}
