// A spool that cannot be written as asked poisons its open file: nothing is uploaded, the
// server's file stays as it was, and every close reports the error. The failure is real: the
// process's file size limit (RLIMIT_FSIZE) makes pwrite fail with EFBIG, as ENOSPC would.
#include <catch2/catch.hpp>

#include <csignal>
#include <fcntl.h>
#include <sys/resource.h>

#include "tests/vfs/remote_fs_fixture.hpp"

using namespace mfs::vfs;
using namespace mfs::vfs::test;

namespace {

// Files may not grow past `limit` bytes while this lives.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t limit) {
    ::getrlimit(RLIMIT_FSIZE, &saved_);
    old_handler_ = std::signal(SIGXFSZ, SIG_IGN);
    rlimit lowered = saved_;
    lowered.rlim_cur = limit;
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &lowered) == 0);
  }
  ~FileSizeLimit() {
    ::setrlimit(RLIMIT_FSIZE, &saved_);
    std::signal(SIGXFSZ, old_handler_);
  }
  FileSizeLimit(const FileSizeLimit&) = delete;
  FileSizeLimit& operator=(const FileSizeLimit&) = delete;

 private:
  rlimit saved_{};
  void (*old_handler_)(int) = nullptr;
};

}  // namespace

TEST_CASE("a failed write to a spool uploads nothing and every close reports it", "[vfs]") {
  FsFixture f;
  const std::string old = pattern(100 * 1024, 1);
  f.session.add_file("/f.bin", old);
  const Handle h = f.fs->open("/f.bin", O_WRONLY | O_TRUNC).value();
  const Handle reader = f.fs->open("/f.bin", O_RDONLY).value();  // reads the spool
  const std::string fresh = pattern(100 * 1024, 2);
  f.write(h, fresh.substr(0, 16 * 1024));
  {
    FileSizeLimit limit(32 * 1024);
    auto n = f.fs->write(h, fresh.data() + 16 * 1024, 64 * 1024, 16 * 1024);
    REQUIRE_FALSE(n);
    CHECK(n.error() == std::errc::file_too_large);
  }
  // Poisoned for good: the room is back, but the spool no longer holds what was written.
  CHECK(f.fs->write(h, fresh.data(), 10, 0).error() == std::errc::file_too_large);
  CHECK(f.fs->flush(h).error() == std::errc::file_too_large);
  CHECK(f.fs->fsync(h).error() == std::errc::file_too_large);
  char byte = 0;
  CHECK(f.fs->read(reader, &byte, 1, 0).error() == std::errc::io_error);
  CHECK(f.fs->release(h).error() == std::errc::file_too_large);
  CHECK(f.fs->release(reader));
  CHECK(f.session.calls().upload == 0);
  CHECK(f.session.file("/f.bin") == old);
  CHECK(f.fs->getattr("/f.bin").value().size == old.size());
  const Handle again = f.fs->open("/f.bin", O_RDONLY).value();  // the server's file again
  CHECK(f.read_all(again) == old);
  CHECK(f.fs->release(again));
  CHECK(f.spool_dir_empty());
}

TEST_CASE("a new file whose spool write failed never appears", "[vfs]") {
  FsFixture f;
  f.session.add_dir("/d");
  const Handle h = f.fs->create("/d/new.bin", 0644, O_WRONLY | O_CREAT).value();
  {
    FileSizeLimit limit(1024);
    CHECK_FALSE(f.fs->write(h, pattern(4096).data(), 4096, 0));
  }
  CHECK_FALSE(f.fs->release(h));
  CHECK_FALSE(f.session.exists("/d/new.bin"));
  CHECK(f.fs->getattr("/d/new.bin").error() == std::errc::no_such_file_or_directory);
  CHECK(f.spool_dir_empty());
}

TEST_CASE("a failed ftruncate poisons the open file too", "[vfs]") {
  FsFixture f;
  f.session.add_file("/t.bin", "keep me");
  const Handle h = f.fs->open("/t.bin", O_WRONLY).value();
  {
    FileSizeLimit limit(1024);
    CHECK(f.fs->ftruncate(h, 1 << 20).error() == std::errc::file_too_large);
  }
  CHECK_FALSE(f.fs->release(h));
  CHECK(f.session.file("/t.bin") == "keep me");
  CHECK(f.session.calls().upload == 0);
}

TEST_CASE("a copy-in that cannot be written fails the write and uploads nothing", "[vfs]") {
  FsFixture f;
  const std::string old = pattern(100 * 1024);
  f.session.add_file("/c.bin", old);
  const Handle h = f.fs->open("/c.bin", O_WRONLY).value();  // fetches nothing yet
  {
    FileSizeLimit limit(32 * 1024);
    CHECK(f.fs->write(h, "head", 4, 0).error() == std::errc::file_too_large);  // needs the old bytes
  }
  CHECK(f.fs->release(h));  // the write reported it; the file was never changed
  CHECK(f.session.file("/c.bin") == old);
  CHECK(f.session.calls().upload == 0);
  CHECK(f.spool_dir_empty());
}
