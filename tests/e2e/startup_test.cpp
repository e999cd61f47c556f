// Start-up as mount(8) and scripts see it, without -f: the command returns only once the mount
// is live, and a failure is reported with exit status 1 and nothing left mounted.
#include <unistd.h>

#include <catch2/catch.hpp>

#include <thread>

#include "mount_fixture.hpp"

using namespace mfs::e2e;

namespace {

const std::string modemftpfs = MFS_BINARY_DIR "/fusefs/modemftpfs";

struct Dirs {
  fs::path root = fs::temp_directory_path() / ("mfs-startup-" + std::to_string(::getpid()));
  fs::path remote = root / "remote";
  fs::path mnt = root / "mnt";
  Dirs() {
    fs::create_directories(remote);
    fs::create_directories(mnt);
  }
  ~Dirs() {
    if (run("mountpoint -q " + q(mnt)).status == 0) run("fusermount3 -u " + q(mnt));
    std::error_code ignored;
    fs::remove_all(root, ignored);
  }
};

bool mounted(const fs::path& mnt) { return run("mountpoint -q " + q(mnt)).status == 0; }

}  // namespace

TEST_CASE("without -f the command returns once the mount is live", "[e2e]") {
  Dirs d;
  write_file(d.remote / "hello", "hello");
  const RunResult start = run(modemftpfs + " --simulate " + q(d.remote) + " " + q(d.mnt) +
                              " -o cache_dir=" + q(d.root / "cache"));
  INFO(start.output);
  REQUIRE(start.status == 0);
  CHECK(mounted(d.mnt));
  CHECK(read_file(d.mnt / "hello") == "hello");
  REQUIRE(run("fusermount3 -u " + q(d.mnt)).status == 0);
  CHECK_FALSE(mounted(d.mnt));
}

TEST_CASE("a start-up failure exits 1 with the reason and mounts nothing", "[e2e]") {
  Dirs d;
  const RunResult start = run(modemftpfs + " " + q(d.root / "no-such-modem") + " " + q(d.mnt) +
                              " -o host=127.0.0.1,cache_dir=" + q(d.root / "cache"));
  INFO(start.output);
  CHECK(start.status == 1);
  CHECK_THAT(start.output, Catch::Matchers::Contains("modemftpfs: cannot open") &&
                               Catch::Matchers::Contains("no-such-modem"));
  CHECK_FALSE(mounted(d.mnt));
}

TEST_CASE("the simulator plays the sim_dialect= module and modem=auto recognises it", "[e2e]") {
  const std::string family = GENERATE(as<std::string>{}, "l610", "sim7000");
  const std::string other = family == "l610" ? "sim7000" : "l610";
  INFO(family);
  Dirs d;
  write_file(d.remote / "hello", "hello");
  const std::string base = modemftpfs + " --simulate " + q(d.remote) + " " + q(d.mnt) +
                           " -o cache_dir=" + q(d.root / "cache") + ",sim_dialect=" + family;
  const RunResult start = run(base);
  INFO(start.output);
  REQUIRE(start.status == 0);
  CHECK(read_file(d.mnt / "hello") == "hello");
  REQUIRE(run("fusermount3 -u " + q(d.mnt)).status == 0);
  // The other family's driver cannot bring that module up: the simulator really is `family`.
  const RunResult forced = run(base + ",modem=" + other);
  INFO(forced.output);
  CHECK(forced.status == 1);
  CHECK_FALSE(mounted(d.mnt));
}

TEST_CASE("mounting over a live modemftpfs mount is refused and leaves it serving", "[e2e]") {
  Dirs d;
  write_file(d.remote / "hello", "hello");
  const std::string start = modemftpfs + " --simulate " + q(d.remote) + " " + q(d.mnt) +
                            " -o cache_dir=" + q(d.root / "cache");
  REQUIRE(run(start).status == 0);
  for (const std::string& spelling : {d.mnt.string(), d.mnt.string() + "/", (d.root / "." / "mnt").string()}) {
    INFO(spelling);
    const RunResult second = run(modemftpfs + " --simulate " + q(d.remote) + " " + q(spelling) +
                                 " -o cache_dir=" + q(d.root / "cache2"));
    INFO(second.output);
    CHECK(second.status == 1);
    CHECK_THAT(second.output, Catch::Matchers::Contains("is already a modemftpfs mount"));
  }
  CHECK(read_file(d.mnt / "hello") == "hello");
  CHECK(run("grep -c ' " + d.mnt.string() + " ' /proc/self/mountinfo").output == "1\n");
  REQUIRE(run("fusermount3 -u " + q(d.mnt)).status == 0);
}

// cmake --install into a temporary root (DESTDIR), then mount(8) runs the installed binary as
// an fstab line would. mount(8) runs helpers with its own PATH, so the binary is named by the
// "PROGRAM#DEVICE" source form of type fuse; type fuse.modemftpfs finds it in /usr/local/bin.
TEST_CASE("an installed modemftpfs mounts through mount(8)", "[e2e]") {
  Dirs d;
  write_file(d.remote / "hello", "hello");
  const fs::path dest = d.root / "dest";
  const RunResult installed =
      run("DESTDIR=" + q(dest) + " cmake --install " + q(MFS_BINARY_DIR) + " --prefix /usr/local");
  INFO(installed.output);
  REQUIRE(installed.status == 0);
  const fs::path binary = dest / "usr/local/bin/modemftpfs";
  REQUIRE(fs::exists(binary));
  CHECK(fs::exists(dest / "usr/local/share/man/man1/modemftpfs.1"));
  CHECK((fs::exists(dest / "etc/udev/rules.d/60-modemftpfs.rules") ||
         fs::exists(dest / "usr/lib/udev/rules.d/60-modemftpfs.rules")));

  const fs::path link = d.root / "modem", pass = d.root / "pass", said = d.root / "sim.out";
  write_file(pass, "demo\n");
  fs::permissions(pass, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  const RunResult sim = run(std::string(MFS_BINARY_DIR "/sim/modem-sim") + " --root " + q(d.remote) +
                            " --link " + q(link) + " --user demo --password-file " + q(pass) +
                            " >" + q(said) + " 2>&1 & echo $!");
  struct Stop {
    std::string pid;
    ~Stop() { run("kill " + pid + " 2>/dev/null"); }
  } stop{sim.output.substr(0, sim.output.find('\n'))};
  for (int i = 0; i < 100 && read_file(said).rfind("READY ", 0) != 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  REQUIRE(read_file(said).rfind("READY ", 0) == 0);

  const RunResult mounted_now =
      run("mount -t fuse " + q(binary.string() + "#" + link.string()) + " " + q(d.mnt) +
          " -o host=127.0.0.1,user=demo,passfile=" + pass.string() + ",cache_dir=" + (d.root / "cache").string());
  INFO(mounted_now.output);
  CHECK(mounted_now.status == 0);
  CHECK(read_file(d.mnt / "hello") == "hello");
  CHECK(run("grep -c ' " + d.mnt.string() + " fuse.modemftpfs ' /proc/self/mounts").output == "1\n");
  CHECK(run("umount " + q(d.mnt)).status == 0);
}
