// usable_entries: names the kernel refuses, "." and "..", repeats and impossible sizes never
// become directory entries, and only permission bits pass (issue 13 item 6).
#include <catch2/catch.hpp>

#include <string>

#include "core/ftp/list_sanity.hpp"

namespace mfs::ftp {
namespace {

using namespace std::string_literals;

ListEntry file(std::string name, std::uint64_t size = 1, mode_t mode = 0644) {
  ListEntry e;
  e.name = std::move(name);
  e.size = size;
  e.mode = mode;
  e.has_mode = true;
  return e;
}

std::vector<std::string> names(const std::vector<ListEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries) out.push_back(e.name);
  return out;
}

}  // namespace

TEST_CASE("entry_fault names each kind of entry the kernel cannot take", "[ftp]") {
  const auto [entry, fault] = GENERATE(table<ListEntry, std::string>({
      {file("ok.txt"), ""},
      {file(std::string(255, 'n')), ""},
      {file("big", (1ull << 63) - 1), ""},
      {file(""), "not a name"},
      {file("."), "not a name"},
      {file(".."), "not a name"},
      {file("a/b"), "contains '/'"},
      {file("/"), "contains '/'"},
      {file("nul\0byte"s), "contains a NUL byte"},
      {file(std::string(256, 'n')), "longer than 255 octets"},
      {file("huge", 1ull << 63), "size of 2^63 bytes or more"},
      {file("max", ~0ull), "size of 2^63 bytes or more"},
  }));
  INFO(entry.name.size() << " octets, size " << entry.size);
  CHECK(std::string(entry_fault(entry)) == fault);
}

TEST_CASE("usable_entries keeps the rest of a directory around refused names", "[ftp]") {
  auto listing = usable_entries({file("first"), file("."), file("a/b"), file("x\0y"s), file(".."),
                                 file(std::string(300, 'L')), file("huge", 1ull << 63),
                                 file("last")});
  CHECK(names(listing.entries) == std::vector<std::string>{"first", "last"});
  REQUIRE(listing.refused.size() == 4);
  CHECK(listing.refused[0].name == "a/b");
  CHECK(listing.refused[0].reason == "contains '/'");
  CHECK(listing.refused[3].reason == "size of 2^63 bytes or more");
}

TEST_CASE("a name listed twice is shown once, as its first line says", "[ftp]") {
  auto listing = usable_entries({file("dup", 1), file("other", 2), file("dup", 3)});
  REQUIRE(names(listing.entries) == std::vector<std::string>{"dup", "other"});
  CHECK(listing.entries[0].size == 1);
  REQUIRE(listing.refused.size() == 1);
  CHECK(listing.refused[0].reason == "listed twice");
}

TEST_CASE("setuid, setgid and sticky bits from a listing are not passed on", "[ftp]") {
  auto listing = usable_entries({file("suid", 1, 04755), file("sgid", 1, 02750),
                                 file("sticky", 1, 01777), file("plain", 1, 0640)});
  REQUIRE(listing.entries.size() == 4);
  CHECK(listing.entries[0].mode == 0755);
  CHECK(listing.entries[1].mode == 0750);
  CHECK(listing.entries[2].mode == 0777);
  CHECK(listing.entries[3].mode == 0640);
}

}  // namespace mfs::ftp
