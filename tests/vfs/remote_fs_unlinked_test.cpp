// An unlinked file stays usable through the handles opened before the unlink (libfuse hides it
// under a name of its own, RemoteFs::hide): a reader keeps reading what it opened (copied
// locally before the server's file is deleted), a writer's later data is simply gone with the
// name: nothing is uploaded and no error is reported. The hidden name never reaches the server.
#include <catch2/catch.hpp>

#include <fcntl.h>

#include "tests/vfs/remote_fs_fixture.hpp"

using namespace mfs::vfs;
using namespace mfs::vfs::test;

TEST_CASE("a reader keeps reading a file unlinked after it was opened", "[vfs]") {
  FsFixture f;
  const std::string data = pattern(300 * 1024);
  f.session.add_file("/f", data);
  const Handle h = f.fs->open("/f", O_RDONLY).value();
  char first[10];
  REQUIRE(f.fs->read(h, first, sizeof first, 0).value() == sizeof first);  // part is cached
  REQUIRE(f.fs->hide("/f", "/.fuse_hidden01"));
  CHECK_FALSE(f.session.exists("/f"));
  CHECK(f.fs->getattr("/f").error() == std::errc::no_such_file_or_directory);
  CHECK(f.fs->getattr("/.fuse_hidden01").value().size == data.size());
  CHECK(f.fs->fgetattr(h).value().size == data.size());
  CHECK(f.read_all(h) == data);
  REQUIRE(f.fs->release(h));
  const int calls = f.session.calls().total();
  REQUIRE(f.fs->unlink("/.fuse_hidden01"));
  CHECK(f.session.calls().total() == calls);
  CHECK(f.session.paths() == std::vector<std::string>{"/"});
  CHECK(f.spool_dir_empty());
}

TEST_CASE("a writer's data after the unlink is dropped without an error", "[vfs]") {
  FsFixture f;
  const Handle h = f.fs->create("/w", 0644, O_WRONLY | O_CREAT).value();
  f.write(h, "one\n");
  REQUIRE(f.fs->flush(h));  // uploaded: the server has "one"
  REQUIRE(f.fs->hide("/w", "/.fuse_hidden02"));
  CHECK_FALSE(f.session.exists("/w"));
  f.write(h, "two\n", 4);
  CHECK(f.fs->getattr("/.fuse_hidden02").value().size == 8);
  CHECK(f.fs->flush(h));
  CHECK(f.fs->release(h));
  REQUIRE(f.fs->unlink("/.fuse_hidden02"));
  CHECK_FALSE(f.session.exists("/w"));
  CHECK(f.session.paths() == std::vector<std::string>{"/"});
  CHECK(f.spool_dir_empty());
}

TEST_CASE("hiding a file nothing holds open is a plain rename", "[vfs]") {
  FsFixture f;
  f.session.add_file("/a", "data");
  REQUIRE(f.fs->hide("/a", "/.fuse_hidden03"));
  CHECK(f.session.file("/.fuse_hidden03") == "data");
}
