// Tests for core/vfs/remote_fs_dir.cpp: unlink, mkdir, rmdir and rename, with the answers a
// fresh listing already gives costing no round trip, and open spools following renames.
#include <catch2/catch.hpp>

#include <fcntl.h>

#include "core/ftp/ftp_error.hpp"
#include "tests/vfs/remote_fs_fixture.hpp"

using namespace mfs;
using namespace mfs::vfs;
using namespace mfs::vfs::test;

namespace {

void add_tree(FakeSession& s) {
  s.add_file("/a", "alpha");
  s.add_file("/b", "beta");
  s.add_dir("/d");
  s.add_file("/d/inner", "x");
  s.add_dir("/e");
}

}  // namespace

TEST_CASE("unlink removes the file and the listing remembers it is gone", "[vfs]") {
  FsFixture f;
  add_tree(f.session);
  REQUIRE(f.fs->getattr("/a"));
  REQUIRE(f.fs->unlink("/a"));
  CHECK_FALSE(f.session.exists("/a"));
  const int calls = f.session.calls().total();
  CHECK(f.fs->getattr("/a").error() == std::errc::no_such_file_or_directory);
  CHECK(f.fs->unlink("/a").error() == std::errc::no_such_file_or_directory);
  CHECK(f.fs->unlink("/d").error() == std::errc::is_a_directory);
  CHECK(f.session.calls().total() == calls);
}

TEST_CASE("mkdir adds a directory whose empty listing costs nothing", "[vfs]") {
  FsFixture f;
  add_tree(f.session);
  REQUIRE(f.fs->readdir("/"));
  REQUIRE(f.fs->mkdir("/n", 0700));
  CHECK(f.session.exists("/n"));
  const auto attr = f.fs->getattr("/n").value();
  CHECK(attr.type == ftp::EntryType::directory);
  CHECK(attr.mode == 0700);
  CHECK(f.fs->readdir("/n").value().empty());
  CHECK(f.fs->mkdir("/n", 0755).error() == std::errc::file_exists);
  CHECK(f.fs->mkdir("/nope/x", 0755).error() == std::errc::no_such_file_or_directory);
  CHECK(f.session.calls().list == 1);
  CHECK(f.session.calls().make_directory == 1);
}

TEST_CASE("rmdir refuses a directory whose listing shows entries, without sending", "[vfs]") {
  FsFixture f;
  add_tree(f.session);
  REQUIRE(f.fs->readdir("/"));
  REQUIRE(f.fs->readdir("/d"));
  CHECK(f.fs->rmdir("/d").error() == std::errc::directory_not_empty);
  CHECK(f.session.calls().remove_directory == 0);
  REQUIRE(f.fs->rmdir("/e"));
  CHECK_FALSE(f.session.exists("/e"));
  const int calls = f.session.calls().total();
  CHECK(f.fs->getattr("/e").error() == std::errc::no_such_file_or_directory);
  CHECK(f.fs->rmdir("/e").error() == std::errc::no_such_file_or_directory);
  CHECK(f.fs->rmdir("/a").error() == std::errc::not_a_directory);
  CHECK(f.session.calls().total() == calls);
}

TEST_CASE("rmdir of an unlisted non-empty directory reports the server's answer", "[vfs]") {
  FsFixture f;
  add_tree(f.session);
  CHECK(f.fs->rmdir("/d").error() == ftp::ftp_errc::not_empty);
  CHECK(f.session.exists("/d/inner"));
}

TEST_CASE("rename of a file moves its cached entry", "[vfs]") {
  FsFixture f;
  add_tree(f.session);
  REQUIRE(f.fs->getattr("/a"));
  REQUIRE(f.fs->rename("/a", "/d2"));
  CHECK(f.session.file("/d2") == "alpha");
  CHECK(f.fs->getattr("/d2").value().size == 5);
  CHECK(f.fs->getattr("/a").error() == std::errc::no_such_file_or_directory);
  CHECK(f.fs->rename("/a", "/z").error() == std::errc::no_such_file_or_directory);
  CHECK(f.session.calls().list == 1);
  CHECK(f.session.calls().rename == 1);
}

TEST_CASE("rename onto an existing file survives a server that refuses it", "[vfs]") {
  FsFixture f;
  add_tree(f.session);
  f.session.refuse_rename_over(true);
  REQUIRE(f.fs->rename("/a", "/b"));
  CHECK(f.session.file("/b") == "alpha");
  CHECK_FALSE(f.session.exists("/a"));
  CHECK(f.session.calls().remove_file == 1);
}

TEST_CASE("rename of a directory drops the listings below it", "[vfs]") {
  FsFixture f;
  add_tree(f.session);
  REQUIRE(f.fs->readdir("/d"));
  REQUIRE(f.fs->getattr("/d"));
  REQUIRE(f.fs->rename("/d", "/moved"));
  const int lists = f.session.calls().list;
  CHECK(f.fs->getattr("/d/inner").error() == std::errc::no_such_file_or_directory);
  CHECK(f.session.calls().list == lists);
  const auto inner = f.fs->readdir("/moved").value();
  REQUIRE(inner.size() == 1);
  CHECK(inner[0].name == "inner");
  CHECK(f.session.calls().list == lists + 1);
  CHECK(f.fs->rename("/moved", "/moved/sub").error() == std::errc::invalid_argument);
}

TEST_CASE("rename of a file not yet uploaded happens in the spool only", "[vfs]") {
  FsFixture f;
  const Handle h = f.fs->create("/new", 0644, O_WRONLY | O_CREAT).value();
  f.write(h, "data");
  REQUIRE(f.fs->rename("/new", "/moved"));
  CHECK(f.session.calls().rename == 0);
  CHECK(f.fs->getattr("/moved").value().size == 4);
  CHECK(f.fs->getattr("/new").error() == std::errc::no_such_file_or_directory);
  REQUIRE(f.fs->release(h));
  CHECK(f.session.file("/moved") == "data");
  CHECK_FALSE(f.session.exists("/new"));
}

TEST_CASE("a file unlinked while open is not uploaded at release", "[vfs]") {
  FsFixture f;
  add_tree(f.session);
  Handle h = f.fs->open("/a", O_WRONLY | O_TRUNC).value();
  f.write(h, "doomed");
  REQUIRE(f.fs->unlink("/a"));
  REQUIRE(f.fs->release(h));
  CHECK_FALSE(f.session.exists("/a"));
  CHECK(f.session.calls().upload == 0);

  h = f.fs->create("/local", 0644, O_WRONLY | O_CREAT).value();
  REQUIRE(f.fs->unlink("/local"));
  REQUIRE(f.fs->release(h));
  CHECK(f.session.calls().remove_file == 1);  // the never-uploaded file needed no DELE
  CHECK(f.session.calls().upload == 0);
}

// Directories count their subdirectories once their own listing is known (2 + n), and say
// "not counted" (1) before, so find(1) makes no leaf assumption.
TEST_CASE("a directory's link count is 2 + its subdirectories once listed", "[vfs]") {
  FsFixture f;
  f.session.add_dir("/d");
  f.session.add_dir("/d/a");
  f.session.add_dir("/d/b");
  f.session.add_file("/d/file", "x");
  CHECK(f.fs->getattr("/d").value().nlink == 1);
  REQUIRE(f.fs->readdir("/d"));
  CHECK(f.fs->getattr("/d").value().nlink == 4);
  CHECK(f.fs->getattr("/d/file").value().nlink == 1);
  REQUIRE(f.fs->readdir("/"));
  CHECK(f.fs->getattr("/").value().nlink == 3);
}
