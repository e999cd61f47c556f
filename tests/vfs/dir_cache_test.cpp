// Tests for core/vfs/dir_cache.cpp with an injected clock: freshness, negative answers and
// in-place updates after our own mutations.
#include <catch2/catch.hpp>

#include "core/vfs/dir_cache.hpp"

using namespace mfs;
using namespace mfs::vfs;
using namespace std::chrono_literals;

namespace {

struct FakeClock {
  std::chrono::steady_clock::time_point now{std::chrono::hours{1}};
  DirCache::Clock fn() {
    return [this] { return now; };
  }
};

ftp::ListEntry entry(const std::string& name, ftp::EntryType type = ftp::EntryType::file,
                     std::uint64_t size = 10) {
  ftp::ListEntry e;
  e.name = name;
  e.type = type;
  e.size = size;
  return e;
}

std::vector<std::string> names(const std::optional<std::vector<ftp::ListEntry>>& listing) {
  std::vector<std::string> out;
  for (const auto& e : listing.value()) out.push_back(e.name);
  return out;
}

}  // namespace

TEST_CASE("DirCache serves a listing until its TTL expires", "[vfs]") {
  FakeClock clock;
  DirCache cache(30s, clock.fn());
  CHECK_FALSE(cache.lookup("/d").has_value());
  cache.store("/d", {entry("b"), entry("a")});
  CHECK(names(cache.lookup("/d")) == std::vector<std::string>{"a", "b"});
  clock.now += 29s;
  CHECK(cache.entry("/d/a").presence == Presence::present);
  clock.now += 1s;
  CHECK_FALSE(cache.lookup("/d").has_value());
  CHECK(cache.entry("/d/a").presence == Presence::unknown);
  CHECK(cache.peek_entry("/d/a").has_value());  // stale, but still known for spilled bytes
}

TEST_CASE("DirCache answers missing names from a fresh listing", "[vfs]") {
  FakeClock clock;
  DirCache cache(30s, clock.fn());
  cache.store("/", {entry("d", ftp::EntryType::directory, 4096)});
  const auto d = cache.entry("/d");
  CHECK(d.presence == Presence::present);
  CHECK(d.entry.type == ftp::EntryType::directory);
  CHECK(cache.entry("/missing").presence == Presence::absent);
  CHECK(cache.entry("/d/x").presence == Presence::unknown);  // /d itself was never listed
}

TEST_CASE("DirCache with a zero TTL never serves anything", "[vfs]") {
  FakeClock clock;
  DirCache cache(0s, clock.fn());
  cache.store("/d", {entry("a")});
  CHECK_FALSE(cache.lookup("/d").has_value());
  CHECK(cache.entry("/d/a").presence == Presence::unknown);
}

TEST_CASE("DirCache upsert and erase update a listing in place", "[vfs]") {
  FakeClock clock;
  DirCache cache(30s, clock.fn());
  cache.store("/d", {entry("a", ftp::EntryType::file, 1)});
  cache.upsert("/d/new", entry("ignored", ftp::EntryType::file, 0));
  cache.upsert("/d/a", entry("a", ftp::EntryType::file, 99));
  CHECK(names(cache.lookup("/d")) == std::vector<std::string>{"a", "new"});
  CHECK(cache.entry("/d/a").entry.size == 99);
  CHECK(cache.entry("/d/new").entry.name == "new");
  cache.erase("/d/a");
  CHECK(cache.entry("/d/a").presence == Presence::absent);
  cache.upsert("/other/x", entry("x"));  // listing not cached: nothing to update
  CHECK(cache.entry("/other/x").presence == Presence::unknown);
}

TEST_CASE("DirCache rename moves a file entry between listings", "[vfs]") {
  FakeClock clock;
  DirCache cache(30s, clock.fn());
  cache.store("/a", {entry("f", ftp::EntryType::file, 7)});
  cache.store("/b", {entry("g", ftp::EntryType::file, 1)});
  cache.rename("/a/f", "/b/g");
  CHECK(cache.entry("/a/f").presence == Presence::absent);
  const auto g = cache.entry("/b/g");
  CHECK(g.presence == Presence::present);
  CHECK(g.entry.size == 7);
  CHECK(g.entry.name == "g");
}

TEST_CASE("DirCache rename of an unknown entry drops the target listing", "[vfs]") {
  FakeClock clock;
  DirCache cache(30s, clock.fn());
  cache.store("/b", {entry("g")});
  cache.rename("/a/f", "/b/f");
  CHECK_FALSE(cache.lookup("/b").has_value());
}

TEST_CASE("DirCache rename of a directory drops the listings below it", "[vfs]") {
  FakeClock clock;
  DirCache cache(30s, clock.fn());
  cache.store("/", {entry("a", ftp::EntryType::directory), entry("ab", ftp::EntryType::directory)});
  cache.store("/a", {entry("x")});
  cache.store("/a/sub", {entry("y")});
  cache.store("/ab", {entry("z")});
  cache.store("/c", {entry("w")});
  cache.rename("/a", "/c");
  CHECK(cache.entry("/c").entry.type == ftp::EntryType::directory);
  CHECK(cache.entry("/a").presence == Presence::absent);
  CHECK_FALSE(cache.lookup("/a").has_value());
  CHECK_FALSE(cache.lookup("/a/sub").has_value());
  CHECK_FALSE(cache.lookup("/c").has_value());  // the replaced directory's listing
  CHECK(cache.lookup("/ab").has_value());
}

TEST_CASE("DirCache invalidate drops one listing, invalidate_tree a subtree", "[vfs]") {
  FakeClock clock;
  DirCache cache(30s, clock.fn());
  cache.store("/", {entry("a", ftp::EntryType::directory)});
  cache.store("/a", {entry("x")});
  cache.store("/a/b", {entry("y")});
  cache.invalidate("/a");
  CHECK_FALSE(cache.lookup("/a").has_value());
  CHECK(cache.lookup("/a/b").has_value());
  cache.invalidate_tree("/");
  CHECK_FALSE(cache.lookup("/").has_value());
  CHECK_FALSE(cache.lookup("/a/b").has_value());
}

TEST_CASE("DirCache store sweeps listings that went stale", "[vfs]") {
  FakeClock clock;
  DirCache cache(30s, clock.fn());
  cache.store("/old", {entry("a")});
  clock.now += 31s;
  cache.store("/new", {entry("b")});
  CHECK_FALSE(cache.peek_entry("/old/a").has_value());
  CHECK(cache.peek_entry("/new/b").has_value());
}
