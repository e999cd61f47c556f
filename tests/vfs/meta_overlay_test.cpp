// MetaOverlay on a real SQLite file: records hold while the listing shows the file as it was,
// survive a reopen, follow renames and go with removals and with names no longer listed.
#include "core/vfs/meta_overlay.hpp"

#include <catch2/catch.hpp>

#include "tests/vfs/temp_dir.hpp"

using namespace mfs::vfs;
using mfs::vfs::test::TempDir;

namespace {

mfs::ftp::ListEntry file_entry(const std::string& name, std::uint64_t size, std::int64_t listed) {
  mfs::ftp::ListEntry entry;
  entry.name = name;
  entry.size = size;
  entry.mtime = std::chrono::system_clock::from_time_t(static_cast<std::time_t>(listed));
  return entry;
}

}  // namespace

TEST_CASE("a record holds while size and listed time match, and survives a reopen", "[vfs]") {
  TempDir dir;
  const auto db = dir.path() / "meta.db";
  {
    auto meta = MetaOverlay::open(db).value();
    meta->set_mtime("/d/f", 10, FileTime{1000, 5});
    meta->set_mode("/d/f", 10, 0751);
    // Not listed since: the listed time is unknown, any listing of that size matches.
    const auto before = meta->valid_for("/d/f", file_entry("f", 10, 5555));
    REQUIRE(before);
    CHECK(before->mtime == FileTime{1000, 5});
    CHECK(before->mode == mode_t{0751});
    meta->listed("/d", {file_entry("f", 10, 6000)});  // binds the listed time
  }
  auto meta = MetaOverlay::open(db).value();
  CHECK(meta->valid_for("/d/f", file_entry("f", 10, 6000)));
  CHECK_FALSE(meta->valid_for("/d/f", file_entry("f", 10, 7000)));  // changed on the server
  CHECK_FALSE(meta->valid_for("/d/f", file_entry("f", 10, 6000)));  // and dropped for good
}

TEST_CASE("a record of another size is stale, and listings drop names they lack", "[vfs]") {
  TempDir dir;
  auto meta = MetaOverlay::open(dir.path() / "meta.db").value();
  meta->uploaded("/a", 3, FileTime{1, 0}, std::nullopt);
  meta->uploaded("/b", 4, FileTime{2, 0}, 0600);
  CHECK_FALSE(meta->valid_for("/a", file_entry("a", 99, 1)));
  meta->listed("/", {file_entry("a", 3, 1)});  // "/b" is gone from the server
  CHECK(meta->valid_in("/", {file_entry("a", 3, 1), file_entry("b", 4, 1)}).empty());
}

TEST_CASE("rename moves a path and everything below it; erase removes them", "[vfs]") {
  TempDir dir;
  auto meta = MetaOverlay::open(dir.path() / "meta.db").value();
  meta->set_mtime("/x/a", 1, FileTime{11, 0});
  meta->set_mtime("/x/sub/b", 2, FileTime{22, 0});
  meta->set_mtime("/xy", 3, FileTime{33, 0});  // shares a prefix, not a parent
  meta->set_mtime("/y/old", 4, FileTime{44, 0});
  meta->rename("/x", "/y");
  CHECK_FALSE(meta->valid_for("/x/a", file_entry("a", 1, 0)));
  CHECK(meta->valid_for("/y/a", file_entry("a", 1, 0))->mtime == FileTime{11, 0});
  CHECK(meta->valid_in("/y/sub", {file_entry("b", 2, 0)}).at("b").mtime == FileTime{22, 0});
  CHECK(meta->valid_for("/xy", file_entry("xy", 3, 0)));
  CHECK_FALSE(meta->valid_for("/y/old", file_entry("old", 4, 0)));  // the target was replaced
  meta->erase("/y");
  CHECK_FALSE(meta->valid_for("/y/a", file_entry("a", 1, 0)));
  CHECK(meta->valid_in("/y/sub", {file_entry("b", 2, 0)}).empty());
  CHECK(meta->valid_for("/xy", file_entry("xy", 3, 0)));
}
