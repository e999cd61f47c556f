// DirStore: virtual path joining, and the root that neither ".." nor a symlink escapes.
#include <catch2/catch.hpp>

#include <filesystem>

#include "sim/dir_store.hpp"
#include "tests/sim/sim_harness.hpp"

using mfs::sim::DirStore;
namespace fs = std::filesystem;

TEST_CASE("join resolves against the working directory and stops at /", "[sim]") {
  using Row = std::tuple<std::string, std::string, std::string>;
  auto [cwd, path, expected] = GENERATE(table<std::string, std::string, std::string>({
      Row{"/", "a", "/a"}, Row{"/a", "b/c", "/a/b/c"}, Row{"/a", "/x", "/x"},
      Row{"/a/b", "..", "/a"}, Row{"/", "../../etc", "/etc"}, Row{"/a", ".", "/a"},
      Row{"/", "a//b/./", "/a/b"}, Row{"/a", "", "/a"}, Row{"/", " lead", "/ lead"}}));
  CAPTURE(cwd, path);
  CHECK(DirStore::join(cwd, path) == expected);
}

TEST_CASE("follow and entry keep to the root", "[sim]") {
  mfs::sim::test::SimHarness sim;
  const fs::path root = fs::canonical(sim.root());
  fs::create_directory(root / "d");
  fs::create_symlink("d", root / "in");
  fs::create_symlink(sim.base(), root / "out");
  fs::create_symlink("/etc/passwd", root / "abs");
  DirStore store(sim.root());
  CHECK(store.follow("/") == root);
  CHECK(store.follow("/in") == root / "d");
  CHECK(store.follow("/in/new") == root / "d" / "new");
  CHECK_FALSE(store.follow("/out"));
  CHECK_FALSE(store.follow("/out/stats.json"));
  CHECK_FALSE(store.follow("/abs"));
  CHECK(store.entry("/out") == root / "out");  // the link itself may be deleted or renamed
  CHECK_FALSE(store.entry("/out/x"));
}
