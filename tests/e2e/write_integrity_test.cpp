// What reaches the server from a write that did not end well: a spool that could not be
// written (cache_dir full) and a writer still writing when the daemon was killed. In both
// cases the server keeps its old file, and no partial file appears under any real name.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

#include <optional>

#include "mount_fixture.hpp"

using namespace mfs::e2e;

namespace {

// A tmpfs of `size` on a fresh directory, for a cache_dir that fills up. Needs root (or
// CAP_SYS_ADMIN): where that is missing, mounted() is false and the test says it skipped.
class TinyFs {
 public:
  explicit TinyFs(const std::string& size) {
    char templ[] = "/tmp/mfs-tiny-XXXXXX";
    if (::mkdtemp(templ) == nullptr) return;
    dir_ = templ;
    mounted_ = ::mount("tmpfs", templ, "tmpfs", 0, ("size=" + size).c_str()) == 0;
  }
  ~TinyFs() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  TinyFs(const TinyFs&) = delete;
  TinyFs& operator=(const TinyFs&) = delete;

  bool mounted() const { return mounted_; }
  const fs::path& dir() const { return dir_; }

 private:
  fs::path dir_;
  bool mounted_ = false;
};

// Every regular file under `root` (the server's tree), relative to it.
std::vector<std::string> files_under(const fs::path& root) {
  std::vector<std::string> out;
  for (const auto& item : fs::recursive_directory_iterator(root)) {
    if (item.is_regular_file()) out.push_back(fs::relative(item.path(), root).string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The fixture's cache_dir (mount_fixture.cpp puts it beside the mountpoint).
fs::path cache_of(const MountFixture& mount) { return mount.mnt().parent_path() / "cache"; }

}  // namespace

TEST_CASE("cp over a file with cache_dir full fails and leaves the old file", "[e2e]") {
  TinyFs tiny("2m");
  if (!tiny.mounted()) {
    WARN("skipped: cannot mount a 2 MiB tmpfs for cache_dir (needs root or CAP_SYS_ADMIN)");
    return;
  }
  MountSettings settings;
  settings.extra_options = ",cache_dir=" + tiny.dir().string();
  MountFixture mount(settings);
  const std::string old = random_bytes(10 << 20, 1);
  write_file(mount.remote() / "big.bin", old);
  write_file(mount.scratch() / "new.bin", random_bytes(10 << 20, 2));

  const RunResult cp = run("cp " + q(mount.scratch() / "new.bin") + " " + q(mount.mnt() / "big.bin"));
  INFO(cp.output << mount.fs_log());
  CHECK(cp.status != 0);
  CHECK(cp.output.find("No space left on device") != std::string::npos);
  CHECK((read_file(mount.remote() / "big.bin") == old));
  CHECK(files_under(mount.remote()) == std::vector<std::string>{"big.bin"});
  CHECK((read_file(mount.mnt() / "big.bin") == old));
}

TEST_CASE("a writer still writing when the daemon is killed publishes nothing", "[e2e]") {
  MountFixture mount;
  const std::string old = random_bytes(64 * 1024, 3);
  write_file(mount.remote() / "doc.bin", old);
  const std::string partial = random_bytes(1 << 20, 4);
  const int fd = ::open((mount.mnt() / "doc.bin").c_str(), O_WRONLY | O_TRUNC);
  REQUIRE(fd >= 0);
  REQUIRE(::write(fd, partial.data(), partial.size()) == static_cast<ssize_t>(partial.size()));

  mount.kill_and_remount({});  // the writer still holds the file open
  ::close(fd);                 // on the dead connection: nothing reaches the new mount
  INFO(mount.fs_log());
  CHECK((read_file(mount.remote() / "doc.bin") == old));
  CHECK((read_file(mount.mnt() / "doc.bin") == old));
  CHECK(files_under(mount.remote()) == std::vector<std::string>{"doc.bin"});
  const auto orphans = files_under(cache_of(mount) / "orphans");
  REQUIRE(orphans.size() == 2);  // ID.data and ID.path
  const fs::path kept = cache_of(mount) / "orphans" / orphans.front();
  CHECK((read_file(kept) == partial));
  CHECK(mount.fs_log().find(kept.string()) != std::string::npos);
}
