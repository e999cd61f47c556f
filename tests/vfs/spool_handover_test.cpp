// The handover mark (core/vfs/spool_handover.cpp) as WriteSpool keeps it, and the orphans a
// later mount sets aside (core/vfs/spool_orphans.cpp).
#include <catch2/catch.hpp>

#include <fstream>
#include <string_view>

#include "core/vfs/spool_orphans.hpp"
#include "core/vfs/write_spool.hpp"
#include "tests/vfs/temp_dir.hpp"

using namespace mfs::vfs;
using mfs::vfs::test::TempDir;

namespace {

std::span<const char> bytes(std::string_view text) { return {text.data(), text.size()}; }

bool reopened_handed_over(const std::filesystem::path& dir, const std::string& id) {
  auto spool = WriteSpool::reopen(dir, id);
  REQUIRE(spool);
  return spool.value()->handed_over();
}

}  // namespace

TEST_CASE("a spool is handed over only by hand_over, and a later change takes it back",
          "[vfs]") {
  TempDir dir;
  std::string id;
  {
    auto spool = WriteSpool::create(dir.path(), "/a").value();
    id = spool->id();
    REQUIRE(spool->write_at(0, bytes("first")));
  }
  CHECK_FALSE(reopened_handed_over(dir.path(), id));
  {
    auto spool = WriteSpool::reopen(dir.path(), id).value();
    REQUIRE(spool->hand_over());
    CHECK(spool->handed_over());
  }
  CHECK(reopened_handed_over(dir.path(), id));
  {
    auto spool = WriteSpool::reopen(dir.path(), id).value();
    REQUIRE(spool->write_at(5, bytes(" and more")));
    CHECK_FALSE(spool->handed_over());
  }
  CHECK_FALSE(reopened_handed_over(dir.path(), id));
  {
    auto spool = WriteSpool::reopen(dir.path(), id).value();
    REQUIRE(spool->hand_over());
    REQUIRE(spool->truncate(2));
  }
  CHECK_FALSE(reopened_handed_over(dir.path(), id));
}

TEST_CASE("a mark whose size differs from the data does not count", "[vfs]") {
  TempDir dir;
  std::string id;
  {
    auto spool = WriteSpool::create(dir.path(), "/a").value();
    id = spool->id();
    REQUIRE(spool->write_at(0, bytes("handed")));
    REQUIRE(spool->hand_over());
  }
  std::ofstream(dir.path() / (id + ".data"), std::ios::app) << "torn tail";
  CHECK_FALSE(reopened_handed_over(dir.path(), id));
}

TEST_CASE("a retired spool drops its mark and is never handed over again", "[vfs]") {
  TempDir dir;
  auto spool = WriteSpool::create(dir.path(), "/a").value();
  REQUIRE(spool->write_at(0, bytes("x")));
  REQUIRE(spool->hand_over());
  REQUIRE(spool->retire());
  REQUIRE(spool->hand_over());
  CHECK_FALSE(spool->handed_over());
  CHECK_FALSE(std::filesystem::exists(dir.path() / (spool->id() + ".handed")));
  spool->discard();
  CHECK(std::filesystem::is_empty(dir.path()));
}

TEST_CASE("set_aside_spool moves a dead spool and leaves a live one", "[vfs]") {
  TempDir dir;
  const auto spools = dir.path() / "spool";
  const auto orphans = dir.path() / "orphans";
  auto live = WriteSpool::create(spools, "/live").value();
  CHECK(set_aside_spool(spools, orphans, live->id()).error() ==
        std::errc::device_or_resource_busy);
  std::string id;
  {
    auto dead = WriteSpool::create(spools, "/dead").value();
    id = dead->id();
    REQUIRE(dead->write_at(0, bytes("unfinished")));
  }
  auto moved = set_aside_spool(spools, orphans, id);
  REQUIRE(moved);
  CHECK(moved.value() == orphans / (id + ".data"));
  CHECK(std::filesystem::exists(orphans / (id + ".path")));
  CHECK(WriteSpool::ids_in(spools) == std::vector<std::string>{live->id()});
}

TEST_CASE("sweep_orphans removes only what is older than the keep time", "[vfs]") {
  TempDir dir;
  std::ofstream(dir.path() / "old.data") << "x";
  std::ofstream(dir.path() / "new.data") << "y";
  const auto now = std::filesystem::file_time_type::clock::now();
  std::filesystem::last_write_time(dir.path() / "old.data", now - orphan_keep_time -
                                                                std::chrono::hours(1));
  CHECK(sweep_orphans(dir.path(), orphan_keep_time) == 1);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "old.data"));
  CHECK(std::filesystem::exists(dir.path() / "new.data"));
}
