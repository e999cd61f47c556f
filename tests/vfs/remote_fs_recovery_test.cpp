// Spools left by an earlier run (the daemon killed while uploading): reopened from the cache
// directory, adopted under their path and uploaded; a spool a live mount holds is left alone.
#include <catch2/catch.hpp>

#include <fcntl.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "core/vfs/path_model.hpp"
#include "core/vfs/write_spool.hpp"
#include "tests/vfs/remote_fs_fixture.hpp"

using namespace mfs::vfs;
using namespace mfs::vfs::test;

namespace {

// Polls until `path` holds `data` on the fake server (the upload runs on its own thread).
bool arrives(const FakeSession& session, const std::string& path, const std::string& data) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    if (session.file(path) == data) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return false;
}

}  // namespace

TEST_CASE("WriteSpool reopen finds the data, the remote path and a dirty state", "[vfs]") {
  TempDir dir;
  std::string id;
  {
    auto spool = WriteSpool::create(dir.path(), "/a/b.txt").value();
    REQUIRE(spool->write_at(0, std::string_view("left behind")));
    id = spool->id();
  }  // the object is gone, as after a kill; its files stay
  REQUIRE(WriteSpool::ids_in(dir.path()) == std::vector<std::string>{id});
  auto reopened = WriteSpool::reopen(dir.path(), id);
  REQUIRE(reopened);
  CHECK(reopened.value()->remote_path() == "/a/b.txt");
  CHECK(reopened.value()->size() == 11);
  CHECK(reopened.value()->dirty());
}

TEST_CASE("WriteSpool reopen refuses a spool a live mount holds", "[vfs]") {
  TempDir dir;
  auto live = WriteSpool::create(dir.path(), "/x").value();
  CHECK_FALSE(WriteSpool::reopen(dir.path(), live->id()));
}

TEST_CASE("a spool whose upload failed before the daemon went is uploaded by the next mount",
          "[vfs]") {
  FsFixture f;
  const std::string data = pattern(5000);
  const Handle h = f.fs->create("/kept.bin", 0644, O_WRONLY | O_CREAT).value();
  f.write(h, data);
  f.session.fail_next_uploads(1);
  CHECK_FALSE(f.fs->release(h));
  f.fs.reset();  // the dirty spool stays on disk
  CHECK_FALSE(f.session.exists("/kept.bin"));

  FsConfig config;
  config.cache_dir = f.dir.path();
  RemoteFs next(f.session, config);
  CHECK(next.recover_spools() == 1);
  CHECK(next.getattr("/kept.bin").value().size == data.size());  // visible before it is sent
  CHECK(arrives(f.session, "/kept.bin", data));
  for (const auto& path : f.session.paths()) CHECK(path.find(".mfs-") == std::string::npos);
}

TEST_CASE("a mount with nothing left behind recovers nothing", "[vfs]") {
  FsFixture f;
  CHECK(f.fs->recover_spools() == 0);
  CHECK(f.session.calls().total() == 0);
}

TEST_CASE("a spool its writer never closed is set aside, never published", "[vfs]") {
  FsFixture f;
  f.session.add_file("/doc.txt", "old version");
  const Handle h = f.fs->open("/doc.txt", O_WRONLY | O_TRUNC).value();
  f.write(h, "half of the new ver");
  f.fs.reset();  // the daemon dies with the file still open: no flush, no release

  FsConfig config;
  config.cache_dir = f.dir.path();
  RemoteFs next(f.session, config);
  CHECK(next.recover_spools() == 0);
  CHECK(f.session.file("/doc.txt") == "old version");
  CHECK(f.session.calls().upload == 0);
  CHECK(WriteSpool::ids_in(f.dir.path() / "spool").empty());
  const auto orphans = WriteSpool::ids_in(f.dir.path() / "orphans");
  REQUIRE(orphans.size() == 1);
  std::ifstream kept(f.dir.path() / "orphans" / (orphans.front() + ".data"));
  CHECK(std::string(std::istreambuf_iterator<char>(kept), {}) == "half of the new ver");
}

TEST_CASE("after fsync the handed-over data is recovered; a later write takes it back",
          "[vfs]") {
  const bool write_after_fsync = GENERATE(false, true);
  FsFixture f;
  f.session.add_file("/doc.txt", "old version");
  const Handle h = f.fs->open("/doc.txt", O_WRONLY | O_TRUNC).value();
  f.write(h, "synced");
  f.session.fail_next_uploads(1);
  CHECK_FALSE(f.fs->fsync(h));  // handed over, but the upload failed
  if (write_after_fsync) f.write(h, " and more", 6);
  f.fs.reset();

  FsConfig config;
  config.cache_dir = f.dir.path();
  RemoteFs next(f.session, config);
  if (write_after_fsync) {
    CHECK(next.recover_spools() == 0);
    CHECK(f.session.file("/doc.txt") == "old version");
  } else {
    CHECK(next.recover_spools() == 1);
    CHECK(arrives(f.session, "/doc.txt", "synced"));
  }
}

// The daemon may die part way into an upload to the staging name (a truncate, or a spool a
// newer one supersedes): the next mount removes that name along with the spool it drops.
TEST_CASE("the staging name of a spool the next mount drops is removed from the server",
          "[vfs]") {
  const bool superseded = GENERATE(false, true);
  FsFixture f;
  f.session.add_file("/doc.txt", "old version");
  const Handle first = f.fs->open("/doc.txt", O_WRONLY | O_TRUNC).value();
  f.write(first, "older, handed over");
  f.session.fail_next_uploads(1);
  if (superseded) CHECK_FALSE(f.fs->fsync(first));
  const std::string dropped_id = WriteSpool::ids_in(f.dir.path() / "spool").front();
  const std::string staged = upload_temp_path("/doc.txt", dropped_id).value();
  f.session.add_file(staged, "older, ha");  // where the dead upload stopped
  f.fs.reset();

  FsConfig config;
  config.cache_dir = f.dir.path();
  if (superseded) {  // a run that never recovered writes the path again
    RemoteFs between(f.session, config);
    const Handle second = between.open("/doc.txt", O_WRONLY | O_TRUNC).value();
    REQUIRE(between.write(second, "newer", 5, 0));
    f.session.fail_next_uploads(1);
    CHECK_FALSE(between.fsync(second));
  }
  RemoteFs next(f.session, config);
  const std::size_t recovered = next.recover_spools();
  if (!superseded) CHECK(recovered == 0);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (f.session.exists(staged) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  CHECK_FALSE(f.session.exists(staged));
  if (superseded) CHECK(arrives(f.session, "/doc.txt", "newer"));
  if (!superseded) CHECK(f.session.file("/doc.txt") == "old version");
}
