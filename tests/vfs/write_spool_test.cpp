// Tests for core/vfs/write_spool.cpp: sparse writes, truncation both ways, reads, the dirty
// generation, and the durable sidecar naming the remote path.
#include <catch2/catch.hpp>

#include <fstream>
#include <string_view>

#include "core/vfs/write_spool.hpp"
#include "tests/vfs/temp_dir.hpp"

using namespace mfs::vfs;
using mfs::vfs::test::TempDir;

namespace {

std::string read_all(WriteSpool& spool) {
  std::string out(spool.size(), 'X');
  auto n = spool.read_at(0, out);
  REQUIRE(n);
  out.resize(n.value());
  return out;
}

std::span<const char> bytes(std::string_view text) { return {text.data(), text.size()}; }

std::string slurp(const std::filesystem::path& file) {
  std::ifstream in(file);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

TEST_CASE("WriteSpool write_at past the end leaves a hole of zeros", "[vfs]") {
  TempDir dir;
  auto spool = WriteSpool::create(dir.path(), "/r/file").value();
  REQUIRE(spool->write_at(10, bytes("abc")));
  CHECK(spool->size() == 13);
  CHECK(read_all(*spool) == std::string(10, '\0') + "abc");
  REQUIRE(spool->write_at(2, bytes("zz")));
  CHECK(spool->size() == 13);
  CHECK(read_all(*spool) == std::string(2, '\0') + "zz" + std::string(6, '\0') + "abc");
}

TEST_CASE("WriteSpool truncates down and up", "[vfs]") {
  TempDir dir;
  auto spool = WriteSpool::create(dir.path(), "/f").value();
  REQUIRE(spool->write_at(0, bytes("hello world")));
  REQUIRE(spool->truncate(5));
  CHECK(read_all(*spool) == "hello");
  REQUIRE(spool->truncate(8));
  CHECK(read_all(*spool) == std::string("hello\0\0\0", 8));
}

TEST_CASE("WriteSpool read_at is short only at the end", "[vfs]") {
  TempDir dir;
  auto spool = WriteSpool::create(dir.path(), "/f").value();
  REQUIRE(spool->write_at(0, bytes("0123456789")));
  std::string buf(4, '\0');
  CHECK(spool->read_at(3, buf).value() == 4);
  CHECK(buf == "3456");
  CHECK(spool->read_at(8, buf).value() == 2);
  CHECK(buf.substr(0, 2) == "89");
  CHECK(spool->read_at(10, buf).value() == 0);
  CHECK(spool->read_at(1000, buf).value() == 0);
}

TEST_CASE("WriteSpool stays dirty when a write lands during an upload", "[vfs]") {
  TempDir dir;
  auto spool = WriteSpool::create(dir.path(), "/f").value();
  CHECK_FALSE(spool->dirty());
  REQUIRE(spool->write_at(0, bytes("a")));
  CHECK(spool->dirty());
  const auto uploading = spool->generation();
  REQUIRE(spool->write_at(1, bytes("b")));  // arrives while the upload reads the spool
  spool->mark_uploaded(uploading);
  CHECK(spool->dirty());
  spool->mark_uploaded(spool->generation());
  CHECK_FALSE(spool->dirty());
  spool->mark_dirty();
  CHECK(spool->dirty());
  REQUIRE(spool->write_at(5, {}));  // an empty write does not extend the file
  CHECK(spool->size() == 2);
}

TEST_CASE("WriteSpool keeps a sidecar with the remote path until discarded", "[vfs]") {
  TempDir dir;
  auto spool = WriteSpool::create(dir.path(), "/remote/a b.txt").value();
  const auto data = dir.path() / (spool->id() + ".data");
  const auto sidecar = dir.path() / (spool->id() + ".path");
  CHECK(std::filesystem::exists(data));
  CHECK(slurp(sidecar) == "/remote/a b.txt\n");
  REQUIRE(spool->set_remote_path("/remote/renamed"));
  CHECK(slurp(sidecar) == "/remote/renamed\n");
  CHECK(spool->remote_path() == "/remote/renamed");
  auto other = WriteSpool::create(dir.path(), "/other").value();
  CHECK(other->id() != spool->id());
  spool->discard();
  CHECK_FALSE(std::filesystem::exists(data));
  CHECK_FALSE(std::filesystem::exists(sidecar));
  CHECK(std::filesystem::exists(dir.path() / (other->id() + ".data")));
}
