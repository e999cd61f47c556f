// The metadata overlay through a real mount (core/vfs/meta_overlay.hpp): times and modes the
// wire cannot carry stick, so rsync -a converges in both directions, cp -p keeps the time,
// and the time shown after our own upload does not move when the listing is refreshed.
#include <catch2/catch.hpp>

#include <thread>

#include "mount_fixture.hpp"

using namespace mfs::e2e;

namespace {

// Files rsync itemized as transferred (">f" lines) in a dry run after a real one.
int transferred(const std::string& itemized) {
  int n = 0;
  for (std::size_t at = itemized.find(">f"); at != std::string::npos; at = itemized.find(">f", at + 2))
    ++n;
  return n;
}

void make_source(const fs::path& src) {
  fs::create_directories(src / "sub");
  write_file(src / "a.txt", "alpha\n");
  write_file(src / "sub" / "b.bin", random_bytes(5000, 3));
  write_file(src / "sub" / "c.txt", "");
  REQUIRE(run("touch -d '2024-01-02 03:04:05.123456789' " + q(src / "a.txt")).status == 0);
  REQUIRE(run("chmod 0751 " + q(src / "sub" / "b.bin")).status == 0);
}

}  // namespace

TEST_CASE("rsync -a into the mount twice transfers nothing the second time", "[e2e]") {
  // Every stat lists again, except on a SIM7000: its LIST takes no -a, so rsync's temporary
  // dotfiles would vanish from vsftpd-like listings (man page, CAVEATS).
  const bool sim7000 = variant_dialect() == "sim7000";
  MountFixture fx(MountSettings{std::chrono::seconds(sim7000 ? 30 : 0), "", {}});
  const fs::path src = fx.scratch() / "src";
  make_source(src);
  const std::string rsync = "rsync -a --itemize-changes " + q(src.string() + "/") + " " +
                            q((fx.mnt() / "dst").string() + "/");
  const RunResult first = run(rsync);
  INFO(first.output << fx.fs_log());
  REQUIRE(first.status == 0);
  CHECK(transferred(first.output) == 3);
  const RunResult second = run(rsync);
  INFO(second.output);
  REQUIRE(second.status == 0);
  CHECK(transferred(second.output) == 0);
  CHECK(run("stat -c '%y %a' " + q(fx.mnt() / "dst" / "a.txt")).output ==
        run("stat -c '%y %a' " + q(src / "a.txt")).output);
  CHECK(run("stat -c %a " + q(fx.mnt() / "dst" / "sub" / "b.bin")).output == "751\n");
}

TEST_CASE("rsync -a out of the mount twice with a listing refresh between transfers nothing",
          "[e2e]") {
  MountFixture fx(MountSettings{std::chrono::seconds(1), "", {}});
  fs::create_directories(fx.remote() / "d");
  write_file(fx.remote() / "d" / "old.txt", "from another client\n");
  REQUIRE(run("echo ours > " + q(fx.mnt() / "d" / "ours.txt")).status == 0);  // our own upload
  const fs::path out = fx.scratch() / "out";
  const std::string rsync = "rsync -a --itemize-changes " + q((fx.mnt() / "d").string() + "/") +
                            " " + q(out.string() + "/");
  const RunResult first = run(rsync);
  INFO(first.output << fx.fs_log());
  REQUIRE(first.status == 0);
  CHECK(transferred(first.output) == 2);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // past dir_cache_ttl: re-listed
  const RunResult second = run(rsync);
  INFO(second.output);
  REQUIRE(second.status == 0);
  CHECK(transferred(second.output) == 0);
}

TEST_CASE("cp -p keeps the time and chmod sticks across a remount", "[e2e]") {
  MountFixture fx;
  const fs::path src = fx.scratch() / "p.txt";
  write_file(src, "kept\n");
  REQUIRE(run("touch -d '2023-05-06 07:08:09' " + q(src)).status == 0);
  REQUIRE(run("cp -p " + q(src) + " " + q(fx.mnt() / "p.txt")).status == 0);
  REQUIRE(run("chmod 0600 " + q(fx.mnt() / "p.txt")).status == 0);
  const std::string want = run("stat -c %Y " + q(src)).output;
  CHECK(run("stat -c %Y " + q(fx.mnt() / "p.txt")).output == want);
  fx.kill_and_remount(MountSettings{});
  CHECK(run("stat -c '%Y %a' " + q(fx.mnt() / "p.txt")).output == want.substr(0, want.size() - 1) + " 600\n");
}
