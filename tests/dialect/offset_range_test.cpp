// Offsets past the modules' range (0 .. 0xFFFFFFE, seed 000; PROTOCOL.md 3): the simulator
// answers ERROR past it, so the driver must never send one. A download past it starts at the
// highest offset and drops the bytes before the one asked for; an upload resumed past it
// resends from the highest offset. The large file is sparse: only its tail holds bytes.
#include <catch2/catch.hpp>

#include <fstream>

#include "core/dialect/transfer_offset.hpp"
#include "tests/dialect/l610_fixture.hpp"

using namespace mfs::dialect;
using namespace mfs::dialect::test;
namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t tail_start = max_transfer_offset - 100'000;

// A sparse file of `tail_start` + tail.size() bytes: zeros, then `tail`.
void write_sparse(const fs::path& path, const std::string& tail) {
  { std::ofstream create(path, std::ios::binary); }
  fs::resize_file(path, tail_start);
  std::fstream out(path, std::ios::binary | std::ios::in | std::ios::out);
  out.seekp(static_cast<std::streamoff>(tail_start));
  out.write(tail.data(), static_cast<std::streamsize>(tail.size()));
}

// Zeros up to tail_start, then `tail`, without holding the zeros in memory.
class SparseSource : public UploadSource {
 public:
  explicit SparseSource(std::string tail) : tail_(std::move(tail)) {}
  std::uint64_t size() const override { return tail_start + tail_.size(); }
  mfs::result<std::size_t> read_at(std::uint64_t offset, std::span<char> out) override {
    std::size_t n = 0;
    for (; n < out.size() && offset + n < size(); ++n)
      out[n] = offset + n < tail_start ? '\0' : tail_[offset + n - tail_start];
    return n;
  }

 private:
  std::string tail_;
};

std::string read_some(Dialect& modem, std::size_t n) {
  std::string out;
  while (out.size() < n) {
    auto got = modem.read_download(out, n - out.size());
    REQUIRE(got.has_value());
    if (got.value() == 0) break;
  }
  return out;
}

}  // namespace

TEST_CASE("a download past the module's offset range starts at its highest offset",
          "[dialect.l610]") {
  SimModem sim;
  const std::string tail = random_bytes(400'000, 51);
  write_sparse(sim.root() / "big", tail);
  sim.start_and_open();
  const std::uint64_t target = max_transfer_offset + 200'000;
  const std::size_t in_tail = target - tail_start;
  REQUIRE(sim.modem().begin_download("/big", target).has_value());
  CHECK(sim.modem().download_position() == target);
  CHECK(read_some(sim.modem(), 5000) == tail.substr(in_tail, 5000));
  REQUIRE(sim.modem().abort_download().has_value());
  REQUIRE(sim.modem().begin_stream_download("/big", target + 1).has_value());
  CHECK(read_some(sim.modem(), 5000) == tail.substr(in_tail + 1, 5000));
  REQUIRE(sim.modem().abort_download().has_value());
  CHECK(sim.count_of("FTPGET") == 1);  // each accepted at once: no ERROR, no retry
  CHECK(sim.count_of("FTPRETR") == 1);
}

TEST_CASE("an upload resumed past the offset range resends from its highest offset",
          "[dialect.l610]") {
  SimModem sim;
  const std::string tail = random_bytes(200'000, 52);
  write_sparse(sim.root() / "up", tail.substr(0, 150'000));  // cut after 150000 tail bytes
  sim.start_and_open();
  SparseSource source(tail);
  REQUIRE(sim.modem().upload_stream("/up", source, tail_start + 150'000).has_value());
  CHECK(fs::file_size(sim.root() / "up") == tail_start + tail.size());
  std::ifstream in(sim.root() / "up", std::ios::binary);
  in.seekg(static_cast<std::streamoff>(tail_start));
  std::string back(tail.size(), '\0');
  in.read(back.data(), static_cast<std::streamsize>(back.size()));
  CHECK(back == tail);
  CHECK(sim.count_of("FTPSTOR") == 1);
}
