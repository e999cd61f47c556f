// Tests for core/vfs/remote_fs.cpp: getattr and readdir costs (one FTPLIST per directory,
// negative answers for free), default modes, and names refused before anything is sent.
#include <catch2/catch.hpp>

#include <fcntl.h>

#include "core/ftp/ftp_error.hpp"
#include "tests/vfs/remote_fs_fixture.hpp"

using namespace mfs;
using namespace mfs::vfs;
using namespace mfs::vfs::test;

namespace {

void add_tree(FakeSession& s) {
  s.add_file("/a.txt", "alpha");
  s.add_file("/b.bin", std::string(70000, 'b'));
  s.add_file("/c", "");
  s.add_dir("/d");
  s.add_file("/d/inner", "x");
}

}  // namespace

TEST_CASE("getattr of every entry costs one listing of the parent", "[vfs]") {
  FsFixture f;
  add_tree(f.session);
  const auto root = f.fs->getattr("/");
  REQUIRE(root);
  CHECK(root.value().type == ftp::EntryType::directory);
  CHECK(f.session.calls().total() == 0);

  const auto a = f.fs->getattr("/a.txt");
  REQUIRE(a);
  CHECK(a.value().size == 5);
  CHECK(a.value().mode == 0640);
  CHECK(a.value().mtime == std::chrono::system_clock::to_time_t(FakeSession::fixed_mtime()));
  CHECK(f.fs->getattr("/b.bin").value().size == 70000);
  CHECK(f.fs->getattr("/c").value().size == 0);
  const auto d = f.fs->getattr("/d");
  REQUIRE(d);
  CHECK(d.value().type == ftp::EntryType::directory);
  CHECK(d.value().mode == 0750);
  CHECK(f.session.calls().list == 1);
  CHECK(f.session.calls().total() == 1);
}

TEST_CASE("missing names are answered from the listing without a round trip", "[vfs]") {
  FsFixture f;
  add_tree(f.session);
  REQUIRE(f.fs->getattr("/a.txt"));
  const int before = f.session.calls().total();
  CHECK(f.fs->getattr("/missing").error() == std::errc::no_such_file_or_directory);
  CHECK(f.fs->getattr("/missing/deeper").error() == std::errc::no_such_file_or_directory);
  CHECK(f.fs->getattr("/a.txt/x").error() == std::errc::not_a_directory);
  CHECK(f.session.calls().total() == before);
}

TEST_CASE("a missing entry in an unlisted directory costs exactly one listing", "[vfs]") {
  FsFixture f;
  add_tree(f.session);
  CHECK(f.fs->getattr("/d/nope").error() == std::errc::no_such_file_or_directory);
  CHECK(f.fs->getattr("/d/nope").error() == std::errc::no_such_file_or_directory);
  CHECK(f.fs->getattr("/d/inner").value().size == 1);
  CHECK(f.session.calls().list == 1);
  CHECK(f.session.calls().total() == 1);
}

TEST_CASE("DOS listings without permission bits get 0644 files and 0755 directories", "[vfs]") {
  FsFixture f;
  add_tree(f.session);
  f.session.dos_listings(true);
  CHECK(f.fs->getattr("/a.txt").value().mode == 0644);
  CHECK(f.fs->getattr("/d").value().mode == 0755);
}

TEST_CASE("readdir lists once per TTL", "[vfs]") {
  FsFixture f;
  add_tree(f.session);
  const auto listing = f.fs->readdir("/");
  REQUIRE(listing);
  std::vector<std::string> names;
  for (const auto& e : listing.value()) names.push_back(e.name);
  CHECK(names == std::vector<std::string>{"a.txt", "b.bin", "c", "d"});
  REQUIRE(f.fs->readdir("/"));
  CHECK(f.fs->getattr("/d").value().type == ftp::EntryType::directory);
  CHECK(f.session.calls().list == 1);
  const auto inner = f.fs->readdir("/d");
  REQUIRE(inner);
  REQUIRE(inner.value().size() == 1);
  CHECK(inner.value()[0].name == "inner");
  CHECK(f.fs->readdir("/a.txt").error() == std::errc::not_a_directory);
  CHECK(f.fs->readdir("/zzz").error() == std::errc::no_such_file_or_directory);
  CHECK(f.session.calls().list == 2);
}

TEST_CASE("dir_cache_ttl=0 lists on every request and still answers", "[vfs]") {
  FsConfig config;
  config.dir_cache_ttl = std::chrono::seconds{0};
  FsFixture f(config);
  add_tree(f.session);
  CHECK(f.fs->getattr("/a.txt").value().size == 5);
  CHECK(f.fs->getattr("/a.txt").value().size == 5);
  CHECK(f.fs->getattr("/nope").error() == std::errc::no_such_file_or_directory);
  CHECK(f.session.calls().list == 3);
}

TEST_CASE("names the wire cannot carry are refused before anything is sent", "[vfs]") {
  FsFixture f;
  add_tree(f.session);
  const std::string too_long = "/" + std::string(256, 'n');
  CHECK(f.fs->getattr("/a\"b").error() == ftp::ftp_errc::name_has_quote);
  CHECK(f.fs->getattr("/a\nb").error() == ftp::ftp_errc::name_has_control_char);
  CHECK(f.fs->getattr(too_long).error() == ftp::ftp_errc::name_too_long);
  CHECK(f.fs->getattr("relative").error() == std::errc::invalid_argument);
  CHECK(f.fs->readdir("/d\"").error() == ftp::ftp_errc::name_has_quote);
  CHECK(f.fs->open("/x\"y", O_RDONLY).error() == ftp::ftp_errc::name_has_quote);
  CHECK(f.fs->create(too_long, 0644, O_WRONLY | O_CREAT).error() == ftp::ftp_errc::name_too_long);
  CHECK(f.fs->mkdir("/new\r", 0755).error() == ftp::ftp_errc::name_has_control_char);
  CHECK(f.fs->rmdir("/d\"").error() == ftp::ftp_errc::name_has_quote);
  CHECK(f.fs->unlink(too_long).error() == ftp::ftp_errc::name_too_long);
  CHECK(f.fs->rename("/a.txt", "/b\"").error() == ftp::ftp_errc::name_has_quote);
  CHECK(f.fs->truncate("/q\"", 0).error() == ftp::ftp_errc::name_has_quote);
  CHECK(f.session.calls().total() == 0);
}
