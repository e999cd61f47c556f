// What users do with ordinary tools through a real mount, checked byte for byte against the
// local source and against the simulated server's tree on disk (the independent truth).
#include <catch2/catch.hpp>

#include <random>

#include "mount_fixture.hpp"

using namespace mfs::e2e;

namespace {

// Sizes around the wire's edges: FTPPUT chunks (1024), FTPRECV chunks (3000), the module's
// 512000-byte download buffer, and a file spanning many 256 KiB cache blocks.
void make_tree(const fs::path& root) {
  const std::pair<const char*, std::size_t> files[] = {
      {"empty", 0},       {"one", 1},          {"k1023", 1023}, {"k1024", 1024},
      {"k1025", 1025},    {"r3000", 3000},     {"r3001", 3001}, {"buffer512001", 512001},
      {"big5m", 5 << 20}, {"sub/k1025", 1025}, {"sub/deeper/r3001", 3001}};
  unsigned seed = 1;
  for (const auto& [name, size] : files) {
    fs::create_directories((root / name).parent_path());
    write_file(root / name, random_bytes(size, seed++));
  }
  fs::create_directories(root / "sub" / "empty_dir");
}

// The conformance cases that move many bytes run twice: with the defaults, and with caches so
// small that every file spills and evicts, and no listing is trusted (rclone's vfstest idea).
const MountSettings tight_caches{std::chrono::seconds(0),
                                 ",memory_cache=512K,cache_size=1M,block_size=64K"};

bool same_trees(const fs::path& a, const fs::path& b) {
  const RunResult diff = run("diff -r " + q(a) + " " + q(b));
  INFO(diff.output);
  return diff.status == 0;
}

}  // namespace

TEST_CASE("cp -r of a tree into the mount and back out is byte for byte", "[e2e]") {
  MountFixture m(GENERATE(MountSettings{}, tight_caches));
  const fs::path src = m.scratch() / "tree";
  make_tree(src);
  const RunResult in = run("cp -r " + q(src) + " " + q(m.mnt() / "tree"));
  INFO(in.output << m.fs_log());
  REQUIRE(in.status == 0);
  CHECK(same_trees(src, m.remote() / "tree"));
  REQUIRE(run("cp -r " + q(m.mnt() / "tree") + " " + q(m.scratch() / "back")).status == 0);
  CHECK(same_trees(src, m.scratch() / "back"));
  CHECK(run("cmp " + q(src / "big5m") + " " + q(m.mnt() / "tree" / "big5m")).status == 0);
}

TEST_CASE("a tree already on the server reads back byte for byte", "[e2e]") {
  MountFixture m(GENERATE(MountSettings{}, tight_caches));
  make_tree(m.remote() / "tree");
  REQUIRE(run("cp -r " + q(m.mnt() / "tree") + " " + q(m.scratch() / "copy")).status == 0);
  CHECK(same_trees(m.remote() / "tree", m.scratch() / "copy"));
}

TEST_CASE("mkdir -p and rm -r and mv of a file and of a directory", "[e2e]") {
  MountFixture m;
  make_tree(m.remote() / "tree");
  write_file(m.remote() / "file", "contents");
  fs::create_directories(m.remote() / "dir" / "inner");
  write_file(m.remote() / "dir" / "inner" / "x", "x");

  REQUIRE(run("mkdir -p " + q(m.mnt() / "a" / "b" / "c")).status == 0);
  CHECK(fs::is_directory(m.remote() / "a" / "b" / "c"));

  REQUIRE(run("rm -r " + q(m.mnt() / "tree")).status == 0);
  CHECK_FALSE(fs::exists(m.remote() / "tree"));

  REQUIRE(run("mv " + q(m.mnt() / "file") + " " + q(m.mnt() / "a" / "moved")).status == 0);
  CHECK_FALSE(fs::exists(m.remote() / "file"));
  CHECK(read_file(m.remote() / "a" / "moved") == "contents");

  REQUIRE(run("mv " + q(m.mnt() / "dir") + " " + q(m.mnt() / "renamed")).status == 0);
  CHECK_FALSE(fs::exists(m.remote() / "dir"));
  CHECK(read_file(m.remote() / "renamed" / "inner" / "x") == "x");
  CHECK(run("ls " + q(m.mnt() / "renamed" / "inner")).output == "x\n");
}

TEST_CASE("rename over an existing file replaces it", "[e2e]") {
  MountFixture m;
  write_file(m.remote() / "a", "AAAA");
  write_file(m.remote() / "b", "BB");
  REQUIRE(run("mv -f " + q(m.mnt() / "a") + " " + q(m.mnt() / "b")).status == 0);
  CHECK_FALSE(fs::exists(m.remote() / "a"));
  CHECK(read_file(m.remote() / "b") == "AAAA");
  CHECK(read_file(m.mnt() / "b") == "AAAA");
}

TEST_CASE("append with >> to a new and to an existing file", "[e2e]") {
  MountFixture m;
  const std::string existing = random_bytes(512001, 7);
  write_file(m.remote() / "big", existing);
  REQUIRE(run("printf hello > " + q(m.mnt() / "f") + " && printf world >> " + q(m.mnt() / "f")).status == 0);
  CHECK(read_file(m.remote() / "f") == "helloworld");
  REQUIRE(run("printf tail >> " + q(m.mnt() / "big")).status == 0);
  CHECK(read_file(m.remote() / "big") == existing + "tail");
}

TEST_CASE("truncate -s up and down", "[e2e]") {
  MountFixture m;
  const std::string original = random_bytes(5000, 3);
  write_file(m.remote() / "f", original);
  REQUIRE(run("truncate -s 10000 " + q(m.mnt() / "f")).status == 0);
  CHECK(read_file(m.remote() / "f") == original + std::string(5000, '\0'));
  REQUIRE(run("truncate -s 100 " + q(m.mnt() / "f")).status == 0);
  CHECK(read_file(m.remote() / "f") == original.substr(0, 100));
  REQUIRE(run("truncate -s 0 " + q(m.mnt() / "f")).status == 0);
  CHECK(fs::file_size(m.remote() / "f") == 0);
}

TEST_CASE("dd at random offsets edits like the same dd on a local copy", "[e2e]") {
  MountFixture m(GENERATE(MountSettings{}, tight_caches));
  const std::string original = random_bytes(600000, 11);
  write_file(m.remote() / "f", original);
  write_file(m.scratch() / "local", original);
  std::mt19937 pick(5);
  for (int edit = 0; edit < 6; ++edit) {
    const std::size_t offset = std::uniform_int_distribution<std::size_t>(0, 610000)(pick);
    const std::size_t length = std::uniform_int_distribution<std::size_t>(1, 9000)(pick);
    write_file(m.scratch() / "patch", random_bytes(length, 100 + edit));
    for (const fs::path& target : {m.mnt() / "f", m.scratch() / "local"}) {
      const RunResult dd = run("dd status=none conv=notrunc oflag=seek_bytes bs=" +
                               std::to_string(length) + " seek=" + std::to_string(offset) +
                               " if=" + q(m.scratch() / "patch") + " of=" + q(target));
      INFO(dd.output);
      REQUIRE(dd.status == 0);
    }
  }
  CHECK(run("cmp " + q(m.mnt() / "f") + " " + q(m.scratch() / "local")).status == 0);
  CHECK(run("cmp " + q(m.remote() / "f") + " " + q(m.scratch() / "local")).status == 0);
}

TEST_CASE("two concurrent readers of different 5 MiB files both get their bytes", "[e2e]") {
  MountFixture m;
  write_file(m.remote() / "a", random_bytes(5 << 20, 21));
  write_file(m.remote() / "b", random_bytes(5 << 20, 22));
  const RunResult both = run("cat " + q(m.mnt() / "a") + " > " + q(m.scratch() / "a") + " & cat " +
                             q(m.mnt() / "b") + " > " + q(m.scratch() / "b") + " & wait");
  INFO(both.output);
  CHECK(run("cmp " + q(m.remote() / "a") + " " + q(m.scratch() / "a")).status == 0);
  CHECK(run("cmp " + q(m.remote() / "b") + " " + q(m.scratch() / "b")).status == 0);
}

TEST_CASE("touch creates an empty file and leaves an existing one alone", "[e2e]") {
  MountFixture m;
  write_file(m.remote() / "kept", "data");
  REQUIRE(run("touch " + q(m.mnt() / "new") + " " + q(m.mnt() / "kept")).status == 0);
  REQUIRE(fs::exists(m.remote() / "new"));
  CHECK(fs::file_size(m.remote() / "new") == 0);
  CHECK(read_file(m.remote() / "kept") == "data");
}

TEST_CASE("ls -l of a 2000-file directory shows 2000 entries", "[e2e]") {
  MountFixture m;
  fs::create_directories(m.remote() / "many");
  for (int i = 0; i < 2000; ++i) write_file(m.remote() / "many" / ("file" + std::to_string(i)), "");
  const RunResult ls = run("ls -l " + q(m.mnt() / "many") + " | grep -c '^-'");
  CHECK(ls.output == "2000\n");
}
