// Tests for core/vfs/path_model.cpp: parent/name splitting, subtree tests, staging names.
#include <catch2/catch.hpp>

#include "core/vfs/path_model.hpp"

using namespace mfs::vfs;

TEST_CASE("parent_of and name_of split FUSE paths", "[vfs]") {
  CHECK(parent_of("/a/b c") == "/a");
  CHECK(parent_of("/a") == "/");
  CHECK(parent_of("/") == "/");
  CHECK(name_of("/a/b c") == "b c");
  CHECK(name_of("/a") == "a");
  CHECK(name_of("/") == "");
  CHECK(join("/", "x") == "/x");
  CHECK(join("/a", "x") == "/a/x");
}

TEST_CASE("is_within matches whole components only", "[vfs]") {
  CHECK(is_within("/a", "/a"));
  CHECK(is_within("/a/b", "/a"));
  CHECK_FALSE(is_within("/ab", "/a"));
  CHECK_FALSE(is_within("/a", "/a/b"));
  CHECK(is_within("/anything", "/"));
  CHECK(rebase("/a/b/c", "/a", "/x") == "/x/b/c");
  CHECK(rebase("/a", "/a", "/x/y") == "/x/y");
}

TEST_CASE("upload_temp_path stages beside the target under a hidden name", "[vfs]") {
  CHECK(upload_temp_path("/dir/report.csv", "0123456789abcdef") == "/dir/.report.csv.mfs-012345");
  CHECK(upload_temp_path("/top", "0123456789abcdef") == "/.top.mfs-012345");
}

TEST_CASE("upload_temp_path falls back to a short name near the 255-octet limit", "[vfs]") {
  const std::string long_name(250, 'n');  // "." + name + ".mfs-XXXXXX" would be 261 octets
  CHECK(upload_temp_path("/d/" + long_name, "0123456789abcdef") == "/d/.mfs-0123456789abcdef");
  // A 4-octet name in a 251-octet path: no staging name fits, the caller uploads in place.
  const std::string deep = "/" + std::string(245, 'd') + "/abcd";
  REQUIRE(deep.size() == 251);
  CHECK_FALSE(upload_temp_path(deep, "0123456789abcdef").has_value());
}
