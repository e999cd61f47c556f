// Server symlinks through a real mount: they show as symlinks with the target their listing
// line gives, and the kernel resolves them through the mount; ln and ln -s answer EPERM (the
// wire cannot make links); the root shows a real, stable mtime.
#include <catch2/catch.hpp>

#include "mount_fixture.hpp"

using namespace mfs::e2e;

TEST_CASE("a server symlink reads as a symlink and resolves through the mount", "[e2e]") {
  MountFixture fx;
  write_file(fx.remote() / "target.txt", "the target\n");
  fs::create_directories(fx.remote() / "sub");
  write_file(fx.remote() / "sub" / "inner.txt", "inner\n");
  fs::create_symlink("target.txt", fx.remote() / "link");
  fs::create_directory_symlink("sub", fx.remote() / "dirlink");
  const RunResult kind = run("stat -c %F " + q(fx.mnt() / "link"));
  INFO(kind.output << fx.fs_log());
  if (fx.server() && kind.output == "regular file\n") {
    WARN("this server lists symlinks as what they point to; nothing to check");
    return;
  }
  CHECK(kind.output == "symbolic link\n");
  CHECK(run("readlink " + q(fx.mnt() / "link")).output == "target.txt\n");
  CHECK(read_file(fx.mnt() / "link") == "the target\n");
  CHECK(run("ls " + q(fx.mnt() / "dirlink/")).output == "inner.txt\n");
  CHECK(read_file(fx.mnt() / "dirlink" / "inner.txt") == "inner\n");
}

TEST_CASE("ln and ln -s are refused with EPERM and create nothing", "[e2e]") {
  MountFixture fx;
  write_file(fx.remote() / "a.txt", "a");
  const RunResult soft = run("ln -s a.txt " + q(fx.mnt() / "soft"));
  CHECK(soft.status != 0);
  CHECK(soft.output.find("Operation not permitted") != std::string::npos);
  const RunResult hard = run("ln " + q(fx.mnt() / "a.txt") + " " + q(fx.mnt() / "hard"));
  CHECK(hard.status != 0);
  CHECK(hard.output.find("Operation not permitted") != std::string::npos);
  CHECK_FALSE(fs::exists(fs::symlink_status(fx.remote() / "soft")));
  CHECK_FALSE(fs::exists(fx.remote() / "hard"));
}

TEST_CASE("the root shows a real mtime that stays put", "[e2e]") {
  MountFixture fx;
  const auto before = std::time(nullptr);
  const RunResult first = run("stat -c %Y " + q(fx.mnt()));
  write_file(fx.remote() / "x", "x");
  (void)run("ls " + q(fx.mnt()));
  const RunResult second = run("stat -c %Y " + q(fx.mnt()));
  const long shown = std::stol(first.output);
  CHECK(shown > 1'000'000'000);  // not 1970
  CHECK(shown <= before);
  CHECK(second.output == first.output);
}
