// Tests for core/vfs/block_cache.cpp: memory LRU order, spill to disk and back, the disk cap,
// and keys that change with the file's listed size and mtime.
#include <catch2/catch.hpp>

#include <fstream>
#include <random>

#include "core/vfs/block_cache.hpp"
#include "tests/vfs/temp_dir.hpp"

using namespace mfs::vfs;
using mfs::vfs::test::TempDir;

namespace {

constexpr std::size_t bs = 1024;
const FileVersion v1{100 * bs, 1700000000};

BlockKey key(std::uint64_t index, const std::string& path = "/f", FileVersion v = v1) {
  return {path, v, index};
}

std::string random_block(std::uint32_t seed, std::size_t size = bs) {
  std::mt19937 gen(seed);
  std::string out(size, '\0');
  for (char& c : out) c = static_cast<char>(gen());
  return out;
}

std::size_t files_in(const std::filesystem::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& item : std::filesystem::directory_iterator(dir)) ++n;
  return n;
}

}  // namespace

TEST_CASE("BlockCache evicts the least recently used block from memory", "[vfs]") {
  BlockCache cache({bs, 3 * bs, {}, 0});
  for (std::uint64_t i = 1; i <= 3; ++i) cache.put(key(i), random_block(i));
  REQUIRE(cache.get(key(1)) == random_block(1));  // 1 is now the most recent; 2 the least
  cache.put(key(4), random_block(4));
  CHECK_FALSE(cache.contains(key(2)));
  CHECK(cache.contains(key(1)));
  CHECK(cache.contains(key(3)));
  CHECK(cache.contains(key(4)));
  CHECK(cache.stats().memory_bytes == 3 * bs);
}

TEST_CASE("BlockCache spills evicted blocks to disk and reads back the same bytes", "[vfs]") {
  TempDir dir;
  BlockCache cache({bs, 2 * bs, dir.path() / "blocks", 100 * bs});
  for (std::uint32_t i = 0; i < 6; ++i) cache.put(key(i), random_block(i));
  CHECK(cache.stats().memory_blocks == 2);
  CHECK(cache.stats().disk_blocks == 4);
  CHECK(files_in(dir.path() / "blocks") == 4);
  for (std::uint32_t i = 0; i < 6; ++i) CHECK(cache.get(key(i)) == random_block(i));
}

TEST_CASE("BlockCache keeps the disk tier under its cap, least recent out", "[vfs]") {
  TempDir dir;
  BlockCache cache({bs, bs, dir.path() / "blocks", 2 * bs});
  for (std::uint32_t i = 0; i < 4; ++i) cache.put(key(i), random_block(i));
  // memory holds 3; the disk took 0, 1, 2 and dropped 0, its least recent, to stay at 2.
  CHECK_FALSE(cache.contains(key(0)));
  CHECK(cache.contains(key(1)));
  CHECK(cache.contains(key(2)));
  CHECK(cache.contains(key(3)));
  CHECK(files_in(dir.path() / "blocks") == 2);
  CHECK(cache.get(key(1)) == random_block(1));
  // Reading 1 back pushed 3 out of memory onto the disk, which dropped 2 (now least recent).
  CHECK_FALSE(cache.contains(key(2)));
  CHECK(cache.contains(key(3)));
  CHECK(cache.stats().disk_bytes == 2 * bs);
  CHECK(files_in(dir.path() / "blocks") == 2);
}

TEST_CASE("BlockCache misses when the listing shows another size or mtime", "[vfs]") {
  BlockCache cache({bs, 10 * bs, {}, 0});
  cache.put(key(0), random_block(0));
  CHECK(cache.get(key(0, "/f", FileVersion{v1.size, v1.mtime})).has_value());
  CHECK_FALSE(cache.get(key(0, "/f", FileVersion{v1.size + 1, v1.mtime})).has_value());
  CHECK_FALSE(cache.get(key(0, "/f", FileVersion{v1.size, v1.mtime + 60})).has_value());
  CHECK_FALSE(cache.get(key(0, "/g")).has_value());
}

TEST_CASE("BlockCache put_range keeps only whole blocks and the file's short tail", "[vfs]") {
  BlockCache cache({bs, 100 * bs, {}, 0});
  const FileVersion small{3 * bs + 10, 5};
  const std::string file = random_block(7, small.size);
  // [bs/2, 3*bs + 10): block 0 is cut at its start; 1 and 2 are whole; 3 is the 10-byte tail.
  cache.put_range("/s", small, bs / 2, std::string_view(file).substr(bs / 2));
  CHECK_FALSE(cache.contains(key(0, "/s", small)));
  CHECK(cache.get(key(1, "/s", small)) == file.substr(bs, bs));
  CHECK(cache.get(key(2, "/s", small)) == file.substr(2 * bs, bs));
  CHECK(cache.get(key(3, "/s", small)) == file.substr(3 * bs));
  // A range cut short inside a block leaves that block out.
  cache.put_range("/t", small, 0, std::string_view(file).substr(0, bs + 5));
  CHECK(cache.contains(key(0, "/t", small)));
  CHECK_FALSE(cache.contains(key(1, "/t", small)));
  CHECK(cache.expected_length(small, 3) == 10);
  CHECK(cache.expected_length(small, 4) == 0);
}

TEST_CASE("BlockCache invalidate drops a file from memory and disk", "[vfs]") {
  TempDir dir;
  BlockCache cache({bs, bs, dir.path() / "blocks", 10 * bs});
  cache.put(key(0, "/d/a"), random_block(0));
  cache.put(key(1, "/d/a"), random_block(1));
  cache.put(key(0, "/d/sub/b"), random_block(2));
  cache.put(key(0, "/dx"), random_block(3));
  cache.invalidate("/d/a");
  CHECK_FALSE(cache.contains(key(0, "/d/a")));
  CHECK_FALSE(cache.contains(key(1, "/d/a")));
  CHECK(cache.contains(key(0, "/d/sub/b")));
  cache.invalidate_tree("/d");
  CHECK_FALSE(cache.contains(key(0, "/d/sub/b")));
  CHECK(cache.get(key(0, "/dx")) == random_block(3));
  CHECK(files_in(dir.path() / "blocks") == 0);  // /dx lives in memory only
}

TEST_CASE("BlockCache clears block files of a previous run, and its own at exit", "[vfs]") {
  TempDir dir;
  const auto blocks = dir.path() / "blocks";
  std::filesystem::create_directories(blocks);
  { std::ofstream(blocks / "b7.blk") << "stale"; }
  { std::ofstream(blocks / "keep.txt") << "not ours"; }
  {
    BlockCache cache({bs, bs, blocks, 10 * bs});
    CHECK_FALSE(std::filesystem::exists(blocks / "b7.blk"));
    cache.put(key(0), random_block(0));
    cache.put(key(1), random_block(1));
    CHECK(files_in(blocks) == 2);
  }
  CHECK(files_in(blocks) == 1);
  CHECK(std::filesystem::exists(blocks / "keep.txt"));
}
