// A RemoteFs over a FakeSession with its cache directory in a fresh temp dir, plus helpers
// for reading and writing whole strings through handles.
#pragma once

#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "core/vfs/remote_fs.hpp"
#include "tests/vfs/fake_session.hpp"
#include "tests/vfs/temp_dir.hpp"

namespace mfs::vfs::test {

struct FsFixture {
  explicit FsFixture(FsConfig config = {}) {
    config.cache_dir = dir.path();
    fs = std::make_unique<RemoteFs>(session, config);
  }

  // Reads [0, size) in `chunk`-sized requests, as the kernel would.
  std::string read_all(Handle h, std::size_t chunk = 128 * 1024) {
    std::string out;
    std::string buf(chunk, '\0');
    while (true) {
      auto n = fs->read(h, buf.data(), buf.size(), out.size());
      REQUIRE(n);
      if (n.value() == 0) return out;
      out.append(buf.data(), n.value());
    }
  }

  void write(Handle h, const std::string& text, std::uint64_t offset = 0) {
    auto n = fs->write(h, text.data(), text.size(), offset);
    REQUIRE(n);
    REQUIRE(n.value() == text.size());
  }

  // No spool file left in cache_dir (or no spool directory at all).
  bool spool_dir_empty() const {
    std::error_code ec;
    return std::filesystem::is_empty(dir.path() / "spool", ec) || ec;
  }

  TempDir dir;
  FakeSession session;
  std::unique_ptr<RemoteFs> fs;
};

inline std::string pattern(std::size_t size, unsigned seed = 1) {
  std::string out(size, '\0');
  std::uint32_t x = seed * 2654435761u + 1;
  for (char& c : out) {
    x = x * 1664525u + 1013904223u;
    c = static_cast<char>(x >> 24);
  }
  return out;
}

}  // namespace mfs::vfs::test
