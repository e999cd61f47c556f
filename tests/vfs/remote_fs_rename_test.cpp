// rename(2)'s rules at the vfs (issue 12 item 10b): a directory never lands on a non-empty
// directory or a file, a file never on a directory, and a refusal the server does not explain
// (vsftpd's bare "550 Rename failed.", the SIM7000's code 77, both read as "missing") is
// explained by the listings instead of reported as ENOENT.
#include <catch2/catch.hpp>

#include "core/ftp/ftp_error.hpp"
#include "tests/vfs/remote_fs_fixture.hpp"

using namespace mfs;
using namespace mfs::vfs;
using namespace mfs::vfs::test;

namespace {

// Each file holds its own path.
void add_tree(FakeSession& s) {
  for (const char* dir : {"/src", "/full", "/empty"}) s.add_dir(dir);
  for (const char* file : {"/f", "/src/in", "/full/keep", "/other"}) s.add_file(file, file);
  s.rename_over_dir_error(ftp::ftp_errc::not_found);  // a bare 550 or code 77
}

FsConfig no_cache() {
  FsConfig config;
  config.dir_cache_ttl = std::chrono::seconds(0);
  return config;
}

}  // namespace

TEST_CASE("a listed non-empty directory is not replaced, and nothing is sent", "[vfs]") {
  FsFixture f;
  add_tree(f.session);
  REQUIRE(f.fs->readdir("/"));
  REQUIRE(f.fs->readdir("/full"));
  const int calls = f.session.calls().total();
  CHECK(f.fs->rename("/src", "/full").error() == std::errc::directory_not_empty);
  CHECK(f.session.calls().total() == calls);
  CHECK(f.session.exists("/full/keep"));
  CHECK(f.session.exists("/src/in"));
}

TEST_CASE("a bare refusal to replace a non-empty directory is ENOTEMPTY, not ENOENT", "[vfs]") {
  FsFixture f(no_cache());  // nothing known before sending: the server's answer comes first
  add_tree(f.session);
  CHECK(f.fs->rename("/src", "/full").error() == std::errc::directory_not_empty);
  CHECK(f.session.calls().rename == 1);
  CHECK(f.session.exists("/full/keep"));
  CHECK(f.session.exists("/src/in"));
}

TEST_CASE("a bare refusal to replace an empty directory is EEXIST", "[vfs]") {
  FsFixture f(no_cache());
  add_tree(f.session);
  CHECK(f.fs->rename("/src", "/empty").error() == std::errc::file_exists);
  CHECK(f.session.exists("/src/in"));
}

TEST_CASE("a directory over a file is ENOTDIR and a file over a directory EISDIR", "[vfs]") {
  const bool cached = GENERATE(true, false);
  FsFixture f(cached ? FsConfig{} : no_cache());
  add_tree(f.session);
  f.session.refuse_rename_over(true);  // would tempt remove-then-rename
  if (cached) REQUIRE(f.fs->readdir("/"));
  CHECK(f.fs->rename("/src", "/f").error() == std::errc::not_a_directory);
  CHECK(f.fs->rename("/f", "/full").error() == std::errc::is_a_directory);
  CHECK(f.fs->rename("/f", "/empty").error() == std::errc::is_a_directory);
  CHECK(f.session.file("/f") == "/f");
  CHECK(f.session.exists("/src/in"));
  CHECK(f.session.exists("/empty"));
  CHECK(f.session.calls().remove_file == 0);
  if (cached) CHECK(f.session.calls().rename == 0);
}

TEST_CASE("a file over a file still replaces it when the server refuses RNTO onto it", "[vfs]") {
  FsFixture f(no_cache());
  add_tree(f.session);
  f.session.refuse_rename_over(true);
  REQUIRE(f.fs->rename("/f", "/other"));
  CHECK(f.session.file("/other") == "/f");
  CHECK_FALSE(f.session.exists("/f"));
}

TEST_CASE("a directory into its own subtree is EINVAL before anything is sent", "[vfs]") {
  FsFixture f;
  add_tree(f.session);
  CHECK(f.fs->rename("/src", "/src/in/deeper").error() == std::errc::invalid_argument);
  CHECK(f.fs->rename("/src", "/src/sub").error() == std::errc::invalid_argument);
  CHECK(f.session.calls().total() == 0);
}
