// Names from the server that the kernel cannot take (issue 13 item 6): readdir shows every other
// entry, a repeated name once, and no entry passes setuid/setgid bits or an impossible size.
#include <catch2/catch.hpp>

#include <set>

#include "tests/vfs/remote_fs_fixture.hpp"

using namespace mfs;
using namespace mfs::vfs;
using namespace mfs::vfs::test;
using namespace std::string_literals;

namespace {

ftp::ListEntry listed(std::string name, std::uint64_t size = 3, mode_t mode = 0644) {
  return {std::move(name), ftp::EntryType::file, {}, size, FakeSession::fixed_mtime(), mode, true};
}

// Every name readdir gives, repeats kept.
std::multiset<std::string> names(const std::vector<DirEntry>& entries) {
  std::multiset<std::string> out;
  for (const auto& e : entries) out.insert(e.name);
  return out;
}

}  // namespace

TEST_CASE("readdir skips names the kernel refuses and keeps the rest", "[vfs]") {
  FsFixture f;
  f.session.add_dir("/d");
  f.session.add_file("/d/good", "abc");
  for (auto bad : {"sl/ash"s, "nul\0byte"s, std::string(256, 'L'), "."s, ".."s, ""s})
    f.session.add_listed("/d", listed(bad));
  f.session.add_listed("/d", listed("huge", 1ull << 63));
  f.session.add_listed("/d", listed("after"));

  const auto entries = f.fs->readdir("/d");
  REQUIRE(entries);
  CHECK(names(entries.value()) == std::multiset<std::string>{"after", "good"});
  CHECK(f.fs->getattr("/d/good").value().size == 3);
  CHECK(f.fs->getattr("/d/huge").error() == std::errc::no_such_file_or_directory);
  for (const auto& e : entries.value()) CHECK(e.attr.size <= 3);
}

TEST_CASE("a name listed twice is one entry, with its first line's attributes", "[vfs]") {
  FsFixture f;
  f.session.add_dir("/d");
  f.session.add_listed("/d", listed("twice", 1));
  f.session.add_listed("/d", listed("twice", 2));
  const auto entries = f.fs->readdir("/d").value();
  REQUIRE(names(entries) == std::multiset<std::string>{"twice"});
  CHECK(entries[0].attr.size == 1);
  CHECK(f.fs->getattr("/d/twice").value().size == 1);
}

TEST_CASE("setuid, setgid and sticky bits from a listing never reach the mount", "[vfs]") {
  FsFixture f;
  f.session.add_dir("/d");
  f.session.add_listed("/d", listed("suid", 1, 06755));
  f.session.add_listed("/d", listed("sticky", 1, 01777));
  CHECK(f.fs->getattr("/d/suid").value().mode == 0755);
  CHECK(f.fs->getattr("/d/sticky").value().mode == 0777);
  const auto entries = f.fs->readdir("/d").value();
  CHECK(entries.size() == 2);
  for (const auto& e : entries) CHECK((e.attr.mode & 07000) == 0);
}
