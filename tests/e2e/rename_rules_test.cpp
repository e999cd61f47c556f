// rename(2)'s rules through the mount (issue 12 item 10b): a directory moved onto a non-empty
// directory is ENOTEMPTY, also when the server only answers "550 Rename failed." (vsftpd and
// the directory store) or the SIM7000's bare code 77, and nothing on the server changes.
#include <cerrno>
#include <cstdio>

#include <catch2/catch.hpp>

#include "mount_fixture.hpp"

using namespace mfs::e2e;

namespace {

int errno_of(int result) { return result < 0 ? errno : 0; }

int rename_errno(const fs::path& from, const fs::path& to) {
  return errno_of(std::rename(from.c_str(), to.c_str()));
}

}  // namespace

TEST_CASE("mv of a directory onto a non-empty directory is ENOTEMPTY", "[e2e]") {
  const int ttl = GENERATE(0, 30);  // 0: known only from the server's refusal and new listings
  INFO("dir_cache_ttl=" << ttl);
  MountFixture m(MountSettings{std::chrono::seconds(ttl), "", {}});
  fs::create_directories(m.remote() / "src");
  fs::create_directories(m.remote() / "full");
  write_file(m.remote() / "src" / "in", "in");
  write_file(m.remote() / "full" / "keep", "keep");
  write_file(m.remote() / "file", "f");

  CHECK(rename_errno(m.mnt() / "src", m.mnt() / "full") == ENOTEMPTY);
  CHECK(rename_errno(m.mnt() / "src", m.mnt() / "file") == ENOTDIR);
  CHECK(rename_errno(m.mnt() / "file", m.mnt() / "full") == EISDIR);
  CHECK(rename_errno(m.mnt() / "src", m.mnt() / "src" / "sub") == EINVAL);
  CHECK(read_file(m.remote() / "full" / "keep") == "keep");
  CHECK(read_file(m.remote() / "src" / "in") == "in");
  CHECK(read_file(m.remote() / "file") == "f");
}
