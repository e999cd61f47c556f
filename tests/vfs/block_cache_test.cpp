// Tests for core/vfs/block_cache.cpp: memory LRU order, spill to disk and back, the disk cap,
// keys that change with the file's listed size and mtime, and partial blocks (pages).
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

// A whole block in, through put_range as the read path files it.
void put(BlockCache& cache, const BlockKey& k, const std::string& data) {
  cache.put_range(k.path, k.version, k.index * cache.block_size(), data);
}

// The whole block, if every page of it is cached (a read makes it the most recent).
std::optional<std::string> get(BlockCache& cache, const BlockKey& k) {
  std::string out(cache.expected_length(k.version, k.index), '\0');
  if (cache.read(k.path, k.version, k.index * cache.block_size(), out) != out.size())
    return std::nullopt;
  return out;
}

// Any page of the block cached (without touching the LRU).
bool holds(const BlockCache& cache, const BlockKey& k) {
  const std::uint64_t start = k.index * cache.block_size();
  const std::uint64_t end = start + cache.block_size();
  return cache.next_cached(k.path, k.version, start, end) < end;
}

std::size_t files_in(const std::filesystem::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& item : std::filesystem::directory_iterator(dir)) ++n;
  return n;
}

}  // namespace

TEST_CASE("BlockCache evicts the least recently used block from memory", "[vfs]") {
  BlockCache cache({bs, 3 * bs, {}, 0});
  for (std::uint64_t i = 1; i <= 3; ++i) put(cache, key(i), random_block(i));
  REQUIRE(get(cache, key(1)) == random_block(1));  // 1 is now the most recent; 2 the least
  put(cache, key(4), random_block(4));
  CHECK_FALSE(holds(cache, key(2)));
  CHECK(holds(cache, key(1)));
  CHECK(holds(cache, key(3)));
  CHECK(holds(cache, key(4)));
  CHECK(cache.stats().memory_bytes == 3 * bs);
}

TEST_CASE("BlockCache spills evicted blocks to disk and reads back the same bytes", "[vfs]") {
  TempDir dir;
  BlockCache cache({bs, 2 * bs, dir.path() / "blocks", 100 * bs});
  for (std::uint32_t i = 0; i < 6; ++i) put(cache, key(i), random_block(i));
  CHECK(cache.stats().memory_blocks == 2);
  CHECK(cache.stats().disk_blocks == 4);
  CHECK(files_in(dir.path() / "blocks") == 4);
  for (std::uint32_t i = 0; i < 6; ++i) CHECK(get(cache, key(i)) == random_block(i));
}

TEST_CASE("BlockCache keeps the disk tier under its cap, least recent out", "[vfs]") {
  TempDir dir;
  BlockCache cache({bs, bs, dir.path() / "blocks", 2 * bs});
  for (std::uint32_t i = 0; i < 4; ++i) put(cache, key(i), random_block(i));
  // memory holds 3; the disk took 0, 1, 2 and dropped 0, its least recent, to stay at 2.
  CHECK_FALSE(holds(cache, key(0)));
  CHECK(holds(cache, key(1)));
  CHECK(holds(cache, key(2)));
  CHECK(holds(cache, key(3)));
  CHECK(files_in(dir.path() / "blocks") == 2);
  CHECK(get(cache, key(1)) == random_block(1));
  // Reading 1 back pushed 3 out of memory onto the disk, which dropped 2 (now least recent).
  CHECK_FALSE(holds(cache, key(2)));
  CHECK(holds(cache, key(3)));
  CHECK(cache.stats().disk_bytes == 2 * bs);
  CHECK(files_in(dir.path() / "blocks") == 2);
}

TEST_CASE("BlockCache misses when the listing shows another size or mtime", "[vfs]") {
  BlockCache cache({bs, 10 * bs, {}, 0});
  put(cache, key(0), random_block(0));
  CHECK(get(cache, key(0, "/f", FileVersion{v1.size, v1.mtime})).has_value());
  CHECK_FALSE(get(cache, key(0, "/f", FileVersion{v1.size + 1, v1.mtime})).has_value());
  CHECK_FALSE(get(cache, key(0, "/f", FileVersion{v1.size, v1.mtime + 60})).has_value());
  CHECK_FALSE(get(cache, key(0, "/g")).has_value());
}

TEST_CASE("BlockCache put_range keeps only whole blocks and the file's short tail", "[vfs]") {
  BlockCache cache({bs, 100 * bs, {}, 0});  // a block of bs is one (short) page
  const FileVersion small{3 * bs + 10, 5};
  const std::string file = random_block(7, small.size);
  // [bs/2, 3*bs + 10): block 0 is cut at its start; 1 and 2 are whole; 3 is the 10-byte tail.
  cache.put_range("/s", small, bs / 2, std::string_view(file).substr(bs / 2));
  CHECK_FALSE(holds(cache, key(0, "/s", small)));
  CHECK(get(cache, key(1, "/s", small)) == file.substr(bs, bs));
  CHECK(get(cache, key(2, "/s", small)) == file.substr(2 * bs, bs));
  CHECK(get(cache, key(3, "/s", small)) == file.substr(3 * bs));
  // A range cut short inside a block leaves that block out.
  cache.put_range("/t", small, 0, std::string_view(file).substr(0, bs + 5));
  CHECK(holds(cache, key(0, "/t", small)));
  CHECK_FALSE(holds(cache, key(1, "/t", small)));
  CHECK(cache.expected_length(small, 3) == 10);
  CHECK(cache.expected_length(small, 4) == 0);
}

TEST_CASE("BlockCache invalidate drops a file from memory and disk", "[vfs]") {
  TempDir dir;
  BlockCache cache({bs, bs, dir.path() / "blocks", 10 * bs});
  put(cache, key(0, "/d/a"), random_block(0));
  put(cache, key(1, "/d/a"), random_block(1));
  put(cache, key(0, "/d/sub/b"), random_block(2));
  put(cache, key(0, "/dx"), random_block(3));
  cache.invalidate("/d/a");
  CHECK_FALSE(holds(cache, key(0, "/d/a")));
  CHECK_FALSE(holds(cache, key(1, "/d/a")));
  CHECK(holds(cache, key(0, "/d/sub/b")));
  cache.invalidate_tree("/d");
  CHECK_FALSE(holds(cache, key(0, "/d/sub/b")));
  CHECK(get(cache, key(0, "/dx")) == random_block(3));
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
    put(cache, key(0), random_block(0));
    put(cache, key(1), random_block(1));
    CHECK(files_in(blocks) == 2);
  }
  CHECK(files_in(blocks) == 1);
  CHECK(std::filesystem::exists(blocks / "keep.txt"));
}

namespace {

constexpr std::size_t page = cache_page_size;
constexpr std::size_t pbs = 4 * page;  // blocks of four pages
// Blocks 0 and 1 are whole; block 2 holds two pages and a 100-byte one.
const FileVersion paged{2 * pbs + 2 * page + 100, 1700000000};

std::string read_at(BlockCache& cache, std::uint64_t offset, std::size_t size,
                    const std::string& path = "/p") {
  std::string out(size, '\0');
  out.resize(cache.read(path, paged, offset, out));
  return out;
}

}  // namespace

TEST_CASE("BlockCache keeps the whole pages of a range and merges later ones", "[vfs]") {
  BlockCache cache({pbs, 100 * pbs, {}, 0});
  const std::string file = random_block(11, paged.size);
  const auto put_part = [&](std::uint64_t from, std::uint64_t to) {
    cache.put_range("/p", paged, from, std::string_view(file).substr(from, to - from));
  };
  put_part(page + 10, 3 * page + 5);  // page 1 is cut at its start, page 3 at its end
  CHECK(read_at(cache, 2 * page, 3 * page) == file.substr(2 * page, page));
  CHECK(read_at(cache, page + 10, 10).empty());
  CHECK(cache.next_cached("/p", paged, 0, pbs) == 2 * page);
  CHECK(cache.next_cached("/p", paged, 3 * page, pbs) == pbs);

  put_part(0, 2 * page);
  CHECK(read_at(cache, 0, pbs) == file.substr(0, 3 * page));  // stops at the missing page 3
  put_part(pbs - page, pbs + page);                            // across blocks 0 and 1
  CHECK(read_at(cache, 100, 2 * pbs) == file.substr(100, pbs + page - 100));

  put_part(2 * pbs + page, paged.size);  // the file's tail: its short last page counts
  CHECK(read_at(cache, 2 * pbs + page, pbs) == file.substr(2 * pbs + page));
  CHECK(cache.page_end(paged, paged.size - 1) == paged.size);
  CHECK(cache.page_start(paged.size - 1) == 2 * pbs + 2 * page);
  CHECK(cache.page_end(paged, paged.size) == 0);
  CHECK(cache.stats().memory_bytes == paged.size);  // three blocks, charged whole
}

TEST_CASE("BlockCache spills a partial block with its pages and rewrites it once it grew", "[vfs]") {
  TempDir dir;
  BlockCache cache({pbs, pbs, dir.path() / "blocks", 10 * pbs});
  const std::string file = random_block(12, paged.size);
  const auto put_part = [&](std::uint64_t from, std::uint64_t to) {
    cache.put_range("/p", paged, from, std::string_view(file).substr(from, to - from));
  };
  put_part(page, 2 * page);              // block 0, page 1
  put_part(pbs, pbs + page);             // block 1 pushes block 0 to disk
  CHECK(cache.stats().disk_blocks == 1);
  CHECK(cache.next_cached("/p", paged, 0, pbs) == page);  // known on disk
  CHECK(read_at(cache, 0, page).empty());
  CHECK(read_at(cache, page, pbs) == file.substr(page, page));  // read back into memory

  put_part(2 * page, 3 * page);          // block 0 gains page 2 in memory
  put_part(2 * pbs, 2 * pbs + page);     // block 2 pushes block 0 out again
  put_part(pbs + page, pbs + 2 * page);  // block 1 (from disk) pushes block 2 out
  CHECK(cache.stats().memory_blocks == 1);
  CHECK(read_at(cache, page, pbs) == file.substr(page, 2 * page));  // both pages, from disk
  CHECK(cache.stats().disk_bytes == paged.size);  // blocks 0, 1 and the short 2
  CHECK(files_in(dir.path() / "blocks") == 3);
}
