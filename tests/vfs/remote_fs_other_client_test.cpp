// Another client changes the server behind our cached listing: an open that keeps the file's
// contents (append, touch, read-write) must not trust a cached "missing" and must see its
// data, while O_TRUNC opens and reads keep trusting the cache.
#include <catch2/catch.hpp>

#include <fcntl.h>

#include "tests/vfs/remote_fs_fixture.hpp"

using namespace mfs::vfs;
using namespace mfs::vfs::test;

TEST_CASE("an append to a name the cache says is missing keeps another client's file",
          "[vfs]") {
  const int flags = GENERATE(O_WRONLY | O_CREAT | O_APPEND, O_WRONLY | O_CREAT, O_RDWR | O_CREAT);
  FsFixture f;
  f.session.add_dir("/logs");
  REQUIRE(f.fs->readdir("/logs").value().empty());
  f.session.add_file("/logs/x.csv", "important\n");  // the other client
  const Handle h = f.fs->create("/logs/x.csv", 0644, flags).value();
  if (flags & O_APPEND) f.write(h, "cron\n", 0);  // the kernel's offset: what it knew, 0
  REQUIRE(f.fs->release(h));
  CHECK(f.session.file("/logs/x.csv") == ((flags & O_APPEND) ? "important\ncron\n" : "important\n"));
}

// cp and rsync create new files with O_EXCL: that trusts the cached listing, as O_TRUNC does
// (a listing per new file would double what cp -r costs); a name the cache knows is EEXIST.
TEST_CASE("an exclusive create trusts the cached listing and refuses a known name", "[vfs]") {
  FsFixture f;
  f.session.add_file("/known", "ours");
  REQUIRE(f.fs->readdir("/"));
  const int lists = f.session.calls().list;
  CHECK(f.fs->create("/known", 0644, O_WRONLY | O_CREAT | O_EXCL).error() ==
        std::errc::file_exists);
  const Handle h = f.fs->create("/new", 0644, O_WRONLY | O_CREAT | O_EXCL).value();
  REQUIRE(f.fs->release(h));
  CHECK(f.session.calls().list == lists);
  CHECK(f.session.exists("/new"));
}

TEST_CASE("O_TRUNC opens and reads trust the cached listing", "[vfs]") {
  FsFixture f;
  f.session.add_file("/a", "aaa");
  REQUIRE(f.fs->readdir("/"));
  const int lists = f.session.calls().list;
  const Handle r = f.fs->open("/a", O_RDONLY).value();
  REQUIRE(f.fs->release(r));
  const Handle w = f.fs->open("/a", O_WRONLY | O_TRUNC).value();
  REQUIRE(f.fs->release(w));
  const Handle c = f.fs->create("/new", 0644, O_WRONLY | O_CREAT | O_TRUNC).value();
  REQUIRE(f.fs->release(c));
  CHECK(f.session.calls().list == lists);
}
