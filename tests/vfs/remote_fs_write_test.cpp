// Tests for core/vfs/remote_fs_write.cpp: spools, uploads staged under a hidden name and
// renamed over the target, failed uploads that keep the data, truncation.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <fstream>
#include <thread>

#include "tests/vfs/remote_fs_fixture.hpp"

using namespace mfs;
using namespace mfs::vfs;
using namespace mfs::vfs::test;

namespace {

std::size_t spool_files(const FsFixture& f) {
  const auto dir = f.dir.path() / "spool";
  if (!std::filesystem::exists(dir)) return 0;
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& item : std::filesystem::directory_iterator(dir)) ++n;
  return n;
}

}  // namespace

TEST_CASE("write then release uploads once to a hidden name and renames it over", "[vfs]") {
  FsFixture f;
  f.session.add_dir("/dir");
  f.session.add_file("/dir/name.txt", "old");
  const Handle h = f.fs->open("/dir/name.txt", O_WRONLY | O_TRUNC).value();
  f.write(h, "new content");
  REQUIRE(f.fs->flush(h));
  REQUIRE(f.fs->release(h));

  const auto calls = f.session.calls();
  REQUIRE(calls.upload == 1);
  const std::string staged = calls.uploads[0];
  CHECK(staged.rfind("/dir/.name.txt.mfs-", 0) == 0);
  CHECK(staged.size() == std::string("/dir/.name.txt.mfs-").size() + 6);
  using Renames = std::vector<std::pair<std::string, std::string>>;
  CHECK(calls.renames == Renames{{staged, "/dir/name.txt"}});
  CHECK(calls.read == 0);
  CHECK(f.session.file("/dir/name.txt") == "new content");
  CHECK_FALSE(f.session.exists(staged));
  CHECK(f.fs->getattr("/dir/name.txt").value().size == 11);
  CHECK(f.session.calls().list == calls.list);
  CHECK(spool_files(f) == 0);
}

TEST_CASE("a failed upload returns the error and keeps the data; a retry succeeds", "[vfs]") {
  FsFixture f;
  const Handle h = f.fs->create("/f", 0644, O_WRONLY | O_CREAT).value();
  f.write(h, "precious");
  f.session.fail_next_uploads(1);
  CHECK(f.fs->flush(h).error() == std::errc::timed_out);
  CHECK_FALSE(f.session.exists("/f"));
  std::string back(8, '\0');
  CHECK(f.fs->read(h, back.data(), back.size(), 0).value() == 8);
  CHECK(back == "precious");
  REQUIRE(f.fs->flush(h));
  CHECK(f.session.file("/f") == "precious");
  const auto uploads = f.session.calls().uploads;
  REQUIRE(uploads.size() == 2);
  CHECK(uploads[0] == uploads[1]);  // the retry overwrites the same staging name
  REQUIRE(f.fs->release(h));
  CHECK(f.session.calls().upload == 2);
}

TEST_CASE("a failed release keeps the spool for the next open of the path", "[vfs]") {
  FsFixture f;
  Handle h = f.fs->create("/f", 0644, O_WRONLY | O_CREAT).value();
  f.write(h, "precious");
  f.session.fail_next_uploads(1);
  CHECK(f.fs->release(h).error() == std::errc::timed_out);
  CHECK(spool_files(f) == 3);  // data, sidecar and handover mark survive
  CHECK(f.fs->getattr("/f").value().size == 8);
  h = f.fs->open("/f", O_WRONLY).value();
  REQUIRE(f.fs->release(h));
  CHECK(f.session.file("/f") == "precious");
  CHECK(f.session.calls().read == 0);
  CHECK(spool_files(f) == 0);
}

TEST_CASE("open without O_TRUNC fetches the file first; with O_TRUNC it does not", "[vfs]") {
  FsFixture f;
  f.session.add_file("/f", "hello world");
  Handle h = f.fs->open("/f", O_WRONLY).value();
  f.write(h, "J");
  REQUIRE(f.fs->release(h));
  CHECK(f.session.file("/f") == "Jello world");
  CHECK(f.session.calls().read == 1);

  h = f.fs->open("/f", O_WRONLY | O_TRUNC).value();
  f.write(h, "x");
  REQUIRE(f.fs->release(h));
  CHECK(f.session.file("/f") == "x");
  CHECK(f.session.calls().read == 1);

  h = f.fs->open("/f", O_RDWR).value();  // opened for writing, nothing written
  REQUIRE(f.fs->release(h));
  CHECK(f.session.calls().upload == 2);
}

TEST_CASE("touch creates an empty file that getattr sees at once", "[vfs]") {
  FsFixture f;
  REQUIRE(f.fs->readdir("/"));
  const Handle h = f.fs->create("/t", 0600, O_WRONLY | O_CREAT).value();
  const auto attr = f.fs->getattr("/t");
  REQUIRE(attr);
  CHECK(attr.value().size == 0);
  CHECK(attr.value().mode == 0600);
  const auto listing = f.fs->readdir("/").value();
  REQUIRE(listing.size() == 1);
  CHECK(listing[0].name == "t");
  REQUIRE(f.fs->release(h));
  CHECK(f.session.file("/t") == "");
  CHECK(f.fs->getattr("/t").value().size == 0);
  // The create without O_TRUNC lists again: another client may have made "t" since.
  CHECK(f.session.calls().list == 2);
  CHECK(f.session.calls().upload == 1);
}

TEST_CASE("open with O_CREAT on a missing file creates it", "[vfs]") {
  FsFixture f;
  const Handle h = f.fs->open("/n", O_WRONLY | O_CREAT).value();
  f.write(h, "made");
  REQUIRE(f.fs->release(h));
  CHECK(f.session.file("/n") == "made");
  CHECK(f.fs->open("/absent", O_WRONLY).error() == std::errc::no_such_file_or_directory);
}

TEST_CASE("a server that refuses to rename over a file gets remove then rename", "[vfs]") {
  FsFixture f;
  f.session.add_file("/f", "old");
  f.session.refuse_rename_over(true);
  const Handle h = f.fs->open("/f", O_WRONLY | O_TRUNC).value();
  f.write(h, "new");
  REQUIRE(f.fs->release(h));
  CHECK(f.session.file("/f") == "new");
  CHECK(f.session.calls().remove_file == 1);
  CHECK(f.session.calls().rename == 2);
  CHECK(f.session.paths() == std::vector<std::string>{"/", "/f"});
}

TEST_CASE("truncate by path uploads the cut or extended file", "[vfs]") {
  FsFixture f;
  f.session.add_file("/f", "hello world");
  REQUIRE(f.fs->truncate("/f", 5));
  CHECK(f.session.file("/f") == "hello");
  CHECK(f.fs->getattr("/f").value().size == 5);
  REQUIRE(f.fs->truncate("/f", 8));
  CHECK(f.session.file("/f") == std::string("hello\0\0\0", 8));
  const int reads = f.session.calls().read;
  REQUIRE(f.fs->truncate("/f", 0));
  CHECK(f.session.file("/f") == "");
  CHECK(f.session.calls().read == reads);
  const int calls = f.session.calls().total();
  REQUIRE(f.fs->truncate("/f", 0));  // already that size
  CHECK(f.session.calls().total() == calls);
  CHECK(spool_files(f) == 0);
}

TEST_CASE("ftruncate cuts the spool and release uploads it", "[vfs]") {
  FsFixture f;
  f.session.add_file("/f", "hello world");
  const Handle h = f.fs->open("/f", O_RDWR).value();
  REQUIRE(f.fs->ftruncate(h, 4));
  CHECK(f.read_all(h) == "hell");
  CHECK(f.fs->getattr("/f").value().size == 4);
  REQUIRE(f.fs->release(h));
  CHECK(f.session.file("/f") == "hell");

  const Handle ro = f.fs->open("/f", O_RDONLY).value();
  CHECK(f.fs->ftruncate(ro, 1).error() == std::errc::bad_file_descriptor);
  CHECK(f.fs->write(ro, "x", 1, 0).error() == std::errc::bad_file_descriptor);
  REQUIRE(f.fs->release(ro));
  CHECK(f.fs->release(ro).error() == std::errc::bad_file_descriptor);
}

TEST_CASE("a 250-octet name is staged under the short fallback name", "[vfs]") {
  FsFixture f;
  const std::string path = "/" + std::string(250, 'n');
  const Handle h = f.fs->create(path, 0644, O_WRONLY | O_CREAT).value();
  f.write(h, "long");
  REQUIRE(f.fs->release(h));
  const auto staged = f.session.calls().uploads.at(0);
  CHECK(staged.rfind("/.mfs-", 0) == 0);
  CHECK(staged.size() == 6 + 16);
  CHECK(f.session.file(path) == "long");
}

TEST_CASE("a reader opened while the file is being written reads the spool", "[vfs]") {
  FsFixture f;
  f.session.add_file("/f", "published");
  const Handle w = f.fs->open("/f", O_WRONLY | O_TRUNC).value();
  f.write(w, "draft");
  const Handle r = f.fs->open("/f", O_RDONLY).value();
  CHECK(f.read_all(r) == "draft");
  REQUIRE(f.fs->release(r));
  CHECK(f.session.calls().upload == 0);  // a reader's close uploads nothing
  REQUIRE(f.fs->release(w));
  CHECK(f.session.file("/f") == "draft");
}

// Lazy copy-in (core/vfs/remote_fs_copy_in.cpp): an open for writing fetches the file only
// when an operation needs its old bytes.
TEST_CASE("an open for writing that changes nothing costs no download and no upload", "[vfs]") {
  const int flags = GENERATE(O_WRONLY, O_RDWR, O_WRONLY | O_APPEND, O_WRONLY | O_CREAT);
  CAPTURE(flags);
  FsFixture f;
  f.session.add_file("/f", std::string(600'000, 'o'));
  const auto before = f.session.calls();
  const Handle h = flags & O_CREAT ? f.fs->create("/f", 0644, flags).value()
                                   : f.fs->open("/f", flags).value();
  CHECK(f.fs->fgetattr(h).value().size == 600'000);  // the server's file, as listed
  CHECK(f.fs->getattr("/f").value().size == 600'000);
  REQUIRE(f.fs->fsync(h));
  REQUIRE(f.fs->release(h));
  const auto after = f.session.calls();
  CHECK(after.read == before.read);
  CHECK(after.upload == before.upload);
  CHECK(f.session.file("/f") == std::string(600'000, 'o'));
}

TEST_CASE("the old bytes are fetched at the first change, read or truncate that needs them",
          "[vfs]") {
  FsFixture f;
  f.session.add_file("/f", "hello world");
  SECTION("a write in the middle keeps the rest") {
    const Handle h = f.fs->open("/f", O_WRONLY).value();
    f.write(h, "J");
    REQUIRE(f.fs->release(h));
    CHECK(f.session.file("/f") == "Jello world");
  }
  SECTION("an append adds after the old end") {
    const Handle h = f.fs->open("/f", O_WRONLY | O_APPEND).value();
    f.write(h, "!");
    REQUIRE(f.fs->release(h));
    CHECK(f.session.file("/f") == "hello world!");
  }
  SECTION("a read through the writer's handle sees the old bytes") {
    const Handle h = f.fs->open("/f", O_RDWR).value();
    char buf[5] = {};
    CHECK(f.fs->read(h, buf, 5, 0).value() == 5);
    CHECK(std::string(buf, 5) == "hello");
    REQUIRE(f.fs->release(h));
    CHECK(f.session.calls().upload == 0);
  }
  SECTION("a truncate to a smaller size keeps the head") {
    const Handle h = f.fs->open("/f", O_WRONLY).value();
    REQUIRE(f.fs->ftruncate(h, 5));
    REQUIRE(f.fs->release(h));
    CHECK(f.session.file("/f") == "hello");
  }
  SECTION("a truncate to zero fetches nothing") {
    const auto reads = f.session.calls().read;
    const Handle h = f.fs->open("/f", O_WRONLY).value();
    REQUIRE(f.fs->ftruncate(h, 0));
    f.write(h, "new");
    REQUIRE(f.fs->release(h));
    CHECK(f.session.file("/f") == "new");
    CHECK(f.session.calls().read == reads);
  }
}

TEST_CASE("an open writer keeps the old bytes when the file is removed or replaced", "[vfs]") {
  const bool replaced = GENERATE(false, true);
  FsFixture f;
  f.session.add_file("/f", "old bytes");
  f.session.add_file("/other", "other");
  const Handle h = f.fs->open("/f", O_RDWR).value();
  if (replaced) {
    REQUIRE(f.fs->rename("/other", "/f"));
  } else {
    REQUIRE(f.fs->hide("/f", "/.fuse_hidden0001"));
  }
  char buf[9] = {};
  CHECK(f.fs->read(h, buf, 9, 0).value() == 9);
  CHECK(std::string(buf, 9) == "old bytes");
  REQUIRE(f.fs->release(h));
  if (replaced) CHECK(f.session.file("/f") == "other");
  if (!replaced) CHECK_FALSE(f.session.exists("/f"));
}

TEST_CASE("a file removed by another client before the first write is not recreated", "[vfs]") {
  FsFixture f;
  f.session.add_file("/f", "old bytes");
  const Handle h = f.fs->open("/f", O_WRONLY).value();
  REQUIRE(f.session.remove_file("/f"));  // another client
  CHECK(f.fs->write(h, "x", 1, 4).error() == std::error_code(ESTALE, std::generic_category()));
  REQUIRE(f.fs->release(h));
  CHECK_FALSE(f.session.exists("/f"));
}

// Appends upload only the new bytes, after the server's end, and fetch nothing
// (core/vfs/remote_fs_write.cpp append_spool).
TEST_CASE("an append sends only the new bytes and fetches nothing", "[vfs]") {
  const int flags = GENERATE(O_WRONLY | O_APPEND, O_WRONLY);
  CAPTURE(flags);
  FsFixture f;
  const std::string old = pattern(1 << 20);
  f.session.add_file("/big.log", old);
  const auto reads = f.session.calls().read;
  const Handle h = f.fs->open("/big.log", flags).value();
  const std::string line(100, 'L');
  REQUIRE(f.fs->write(h, line.data(), line.size(), old.size()).value() == line.size());
  CHECK(f.fs->getattr("/big.log").value().size == old.size() + line.size());
  REQUIRE(f.fs->release(h));
  CHECK(f.session.file("/big.log") == old + line);
  CHECK(f.session.calls().read == reads);
  CHECK(f.session.calls().append == 1);
  CHECK(f.session.calls().upload == 0);
}

TEST_CASE("an append whose file changed on the server meanwhile is sent whole", "[vfs]") {
  FsFixture f;
  f.session.add_file("/log", "0123456789");
  const Handle h = f.fs->open("/log", O_WRONLY | O_APPEND).value();
  f.write(h, "ab", 10);
  SECTION("the server's file grew: the old bytes are still there, the spool fills from them") {
    f.session.add_file("/log", "0123456789XYZ");  // another client appended
    REQUIRE(f.fs->release(h));
    CHECK(f.session.file("/log") == "0123456789ab");
    CHECK(f.session.calls().upload == 1);
    const Handle again = f.fs->open("/log", O_WRONLY).value();  // nothing is left to send
    REQUIRE(f.fs->release(again));
    CHECK(f.session.calls().upload == 1);
  }
  SECTION("the server's file was cut: the append cannot be placed, close reports it") {
    f.session.add_file("/log", "0123");
    CHECK_FALSE(f.fs->release(h));
    CHECK(f.session.file("/log") == "0123");
  }
}

TEST_CASE("a handed-over append is finished by the next mount", "[vfs]") {
  FsFixture f;
  f.session.add_file("/log", "old bytes\n");
  const Handle h = f.fs->open("/log", O_WRONLY | O_APPEND).value();
  f.write(h, "new line\n", 10);
  f.session.fail_next_uploads(1);  // the append fails, and so does fetching the old bytes
  f.session.fail_next_reads(1);
  CHECK_FALSE(f.fs->fsync(h));
  f.fs.reset();  // killed

  FsConfig config;
  config.cache_dir = f.dir.path();
  RemoteFs next(f.session, config);
  CHECK(next.recover_spools() == 1);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (f.session.file("/log") != "old bytes\nnew line\n" && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  CHECK(f.session.file("/log") == "old bytes\nnew line\n");
}
