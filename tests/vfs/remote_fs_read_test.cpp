// Tests for core/vfs/remote_fs_read.cpp: readahead that grows on sequential access, random
// reads that fetch only their pages, a second read served from the block cache, spilled bytes
// filed into the cache (partial blocks too), changed files.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fcntl.h>
#include <numeric>
#include <thread>

#include "tests/vfs/remote_fs_fixture.hpp"

using namespace mfs;
using namespace mfs::vfs;
using namespace mfs::vfs::test;

namespace {
constexpr std::size_t KiB = 1024;
constexpr std::size_t block = 256 * KiB;  // FsConfig's default block size
}  // namespace

TEST_CASE("sequential reads fetch growing ranges; a second read fetches nothing", "[vfs]") {
  FsFixture f;
  const std::string content = pattern(5 * 1024 * KiB);
  f.session.add_file("/big", content);
  const Handle h = f.fs->open("/big", O_RDONLY).value();
  CHECK(f.read_all(h) == content);
  // Readahead 1, 2, 4, 8 blocks after the block asked for; the last fetch is cut by EOF.
  const std::vector<std::size_t> expected{2 * block, 3 * block, 5 * block, 9 * block, block};
  CHECK(f.session.calls().read_lengths == expected);
  REQUIRE(f.fs->release(h));

  const int reads = f.session.calls().read;
  const Handle again = f.fs->open("/big", O_RDONLY).value();
  CHECK(f.read_all(again, 4096) == content);
  CHECK(f.session.calls().read == reads);
  CHECK(f.session.calls().list == 1);
}

TEST_CASE("a random read costs one session read of its pages; reading them again costs none",
          "[vfs]") {
  FsFixture f;
  const std::string content = pattern(4 * 1024 * KiB, 2);
  f.session.add_file("/big", content);
  const Handle h = f.fs->open("/big", O_RDONLY).value();
  std::string buf(8 * KiB, '\0');
  // What the kernel asks for a 4 KiB read at an unaligned offset: the two pages it touches.
  const std::uint64_t offset = 3 * 1024 * KiB + 12 * KiB;
  REQUIRE(f.fs->read(h, buf.data(), buf.size(), offset).value() == buf.size());
  CHECK(buf == content.substr(offset, buf.size()));
  CHECK(f.session.calls().read_offsets == std::vector<std::uint64_t>{offset});
  CHECK(f.session.calls().read_lengths == std::vector<std::size_t>{8 * KiB});

  // The same bytes again, and a part of them at an odd offset, from the cache.
  REQUIRE(f.fs->read(h, buf.data(), buf.size(), offset).value() == buf.size());
  CHECK(buf == content.substr(offset, buf.size()));
  REQUIRE(f.fs->read(h, buf.data(), 4000, offset + 100).value() == 4000);
  CHECK(buf.substr(0, 4000) == content.substr(offset + 100, 4000));
  CHECK(f.session.calls().read == 1);

  // A read not aligned to pages fetches the pages holding it, and only those.
  REQUIRE(f.fs->read(h, buf.data(), 4 * KiB, 100).value() == 4 * KiB);
  CHECK(buf.substr(0, 4 * KiB) == content.substr(100, 4 * KiB));
  CHECK(f.session.calls().read_offsets.back() == 0);
  CHECK(f.session.calls().read_lengths.back() == 8 * KiB);
}

TEST_CASE("a random read across cached pages fetches only the missing ones", "[vfs]") {
  FsFixture f;
  const std::string content = pattern(1024 * KiB, 8);
  f.session.add_file("/f", content);
  const Handle h = f.fs->open("/f", O_RDONLY).value();
  std::string buf(64 * KiB, '\0');
  REQUIRE(f.fs->read(h, buf.data(), 8 * KiB, 300 * KiB).value() == 8 * KiB);
  // [296 KiB, 360 KiB): pages before, the cached two, and after them, across no block edge.
  REQUIRE(f.fs->read(h, buf.data(), buf.size(), 296 * KiB).value() == buf.size());
  CHECK(buf == content.substr(296 * KiB, buf.size()));
  CHECK(f.session.calls().read_offsets ==
        std::vector<std::uint64_t>{300 * KiB, 296 * KiB, 308 * KiB});
  CHECK(f.session.calls().read_lengths == std::vector<std::size_t>{8 * KiB, 4 * KiB, 52 * KiB});
}

TEST_CASE("a whole-file read after random reads returns the file and fetches no page twice",
          "[vfs]") {
  FsFixture f;
  const std::string content = pattern(2 * 1024 * KiB + 1000, 9);
  f.session.add_file("/f", content);
  const Handle random = f.fs->open("/f", O_RDONLY).value();
  std::string buf(8 * KiB, '\0');
  // Inside a block, across the edge of blocks 0 and 1, and the file's short last page.
  for (const std::uint64_t offset : {100 * KiB, block - 4 * KiB, 2 * 1024 * KiB - 4 * KiB}) {
    REQUIRE(f.fs->read(random, buf.data(), buf.size(), offset));
  }
  CHECK(f.session.calls().read == 3);
  REQUIRE(f.fs->release(random));

  const Handle whole = f.fs->open("/f", O_RDONLY).value();
  CHECK(f.read_all(whole) == content);
  const FakeCalls calls = f.session.calls();
  std::vector<int> fetched(content.size(), 0);
  for (std::size_t i = 0; i < calls.read_offsets.size(); ++i) {
    for (std::uint64_t b = calls.read_offsets[i];
         b < calls.read_offsets[i] + calls.read_lengths[i] && b < content.size(); ++b) {
      ++fetched[b];
    }
  }
  CHECK(std::count(fetched.begin(), fetched.end(), 1) == static_cast<long>(content.size()));
}

TEST_CASE("bytes spilled after a random read fill the pages of its partial block", "[vfs]") {
  FsFixture f;
  const std::string content = pattern(1024 * KiB, 10);
  f.session.add_file("/f", content);
  f.session.spill_after_read(12 * KiB + 10);  // three whole pages and a cut one
  const Handle h = f.fs->open("/f", O_RDONLY).value();
  std::string buf(12 * KiB, '\0');
  REQUIRE(f.fs->read(h, buf.data(), 8 * KiB, 600 * KiB).value() == 8 * KiB);
  REQUIRE(f.fs->read(h, buf.data(), buf.size(), 608 * KiB).value() == buf.size());
  CHECK(buf == content.substr(608 * KiB, buf.size()));
  CHECK(f.session.calls().read == 1);
  REQUIRE(f.fs->read(h, buf.data(), 4 * KiB, 620 * KiB).value() == 4 * KiB);
  CHECK(f.session.calls().read_offsets.back() == 620 * KiB);
}

TEST_CASE("bytes the session spills land in the block cache", "[vfs]") {
  FsFixture f;
  const std::string content = pattern(8 * block, 3);
  f.session.add_file("/f", content);
  f.session.spill_after_read(block);
  const Handle h = f.fs->open("/f", O_RDONLY).value();
  std::string buf(block, '\0');
  REQUIRE(f.fs->read(h, buf.data(), buf.size(), 4 * block).value() == block);
  CHECK(f.session.calls().read == 1);
  REQUIRE(f.fs->read(h, buf.data(), buf.size(), 5 * block).value() == block);
  CHECK(buf == content.substr(5 * block, block));
  CHECK(f.session.calls().read == 1);
}

TEST_CASE("a file changed on the server is read afresh", "[vfs]") {
  FsConfig config;
  config.dir_cache_ttl = std::chrono::seconds{0};
  FsFixture f(config);
  f.session.add_file("/f", pattern(300 * KiB, 4));
  Handle h = f.fs->open("/f", O_RDONLY).value();
  CHECK(f.read_all(h) == pattern(300 * KiB, 4));
  REQUIRE(f.fs->release(h));
  const auto later = FakeSession::fixed_mtime() + std::chrono::minutes{1};
  f.session.add_file("/f", pattern(300 * KiB, 5), later);
  h = f.fs->open("/f", O_RDONLY).value();
  CHECK(f.read_all(h) == pattern(300 * KiB, 5));
}

TEST_CASE("a file that shrank since its listing reads to its real end", "[vfs]") {
  FsFixture f;
  f.session.add_file("/f", pattern(600 * KiB, 6));
  REQUIRE(f.fs->getattr("/f"));
  f.session.add_file("/f", pattern(100 * KiB, 6));
  const Handle h = f.fs->open("/f", O_RDONLY).value();
  CHECK(f.read_all(h) == pattern(100 * KiB, 6));
}

TEST_CASE("reads past the end return nothing; unknown handles are refused", "[vfs]") {
  FsFixture f;
  f.session.add_file("/f", "short");
  const Handle h = f.fs->open("/f", O_RDONLY).value();
  std::string buf(10, '\0');
  CHECK(f.fs->read(h, buf.data(), buf.size(), 5).value() == 0);
  CHECK(f.fs->read(h, buf.data(), buf.size(), 3).value() == 2);
  CHECK(f.fs->read(h + 100, buf.data(), buf.size(), 0).error() == std::errc::bad_file_descriptor);
  CHECK(f.fs->open("/", O_RDONLY).error() == std::errc::is_a_directory);
}

TEST_CASE("concurrent readers of one file all see its bytes", "[vfs]") {
  FsFixture f;
  const std::string content = pattern(2 * 1024 * KiB, 7);
  f.session.add_file("/shared", content);
  std::vector<std::string> seen(4);
  std::vector<std::thread> readers;
  for (auto& out : seen) {
    readers.emplace_back([&f, &out] {
      const auto h = f.fs->open("/shared", O_RDONLY);
      if (!h) return;
      std::string buf(64 * KiB, '\0');
      while (true) {
        const auto n = f.fs->read(h.value(), buf.data(), buf.size(), out.size());
        if (!n || n.value() == 0) break;
        out.append(buf.data(), n.value());
      }
    });
  }
  for (auto& t : readers) t.join();
  for (const auto& out : seen) CHECK(out == content);
}
