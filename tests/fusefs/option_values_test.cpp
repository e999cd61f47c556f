// Option text to typed values: sizes, numbers, secret files, cache directory, argv scrubbing.
#include "fusefs/option_values.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

using namespace mfs::fusefs;

TEST_CASE("sizes take binary K/M/G suffixes and nothing else", "[fusefs]") {
  auto [text, expected] = GENERATE(table<std::string, std::optional<std::uint64_t>>({
      {"0", 0},
      {"4096", 4096},
      {"256K", 256ull << 10},
      {"256k", 256ull << 10},
      {"32M", 32ull << 20},
      {"1G", 1ull << 30},
      {"", std::nullopt},
      {"K", std::nullopt},
      {"12X", std::nullopt},
      {"-1", std::nullopt},
      {"1.5M", std::nullopt},
      {" 1M", std::nullopt},
      {"1MB", std::nullopt},
      {"99999999999999999999", std::nullopt},
      {"17179869184G", std::nullopt},  // 2^64 bytes: overflows
  }));
  CAPTURE(text);
  CHECK(parse_size(text) == expected);
}

TEST_CASE("sizes print with the largest suffix that divides them", "[fusefs]") {
  CHECK(format_size(256 * 1024) == "256K");
  CHECK(format_size(32ull << 20) == "32M");
  CHECK(format_size(1ull << 30) == "1G");
  CHECK(format_size(1536ull << 20) == "1536M");
  CHECK(format_size(1000) == "1000");
  CHECK(format_size(0) == "0");
  for (std::uint64_t size : {4096ull, 256ull << 20, 12345ull})
    CHECK(parse_size(format_size(size)) == size);
}

TEST_CASE("numbers are plain decimals", "[fusefs]") {
  CHECK(parse_number("21") == 21u);
  CHECK(parse_number("0") == 0u);
  CHECK_FALSE(parse_number("+21"));
  CHECK_FALSE(parse_number("21s"));
  CHECK_FALSE(parse_number(""));
}

TEST_CASE("a secret file gives its first line without the line end", "[fusefs]") {
  const std::string path = "/tmp/mfs-fusefs-secret-" + std::to_string(::getpid());
  SECTION("CRLF and more lines") {
    std::ofstream(path) << "pa ss\r\nsecond line\n";
    CHECK(read_secret_file(path).value() == "pa ss");
  }
  SECTION("no line end at all") {
    std::ofstream(path) << "word";
    CHECK(read_secret_file(path).value() == "word");
  }
  SECTION("a missing file is an error, not an empty password") {
    std::remove(path.c_str());
    CHECK(read_secret_file(path).error() == std::errc::no_such_file_or_directory);
  }
  std::remove(path.c_str());
}

TEST_CASE("the default cache directory is per identity under the XDG cache", "[fusefs]") {
  ::setenv("XDG_CACHE_HOME", "/xdg-cache", 1);
  const auto a = default_cache_dir("/dev/ttyUSB2\nftp.example.com:21\nbob");
  const auto b = default_cache_dir("/dev/ttyUSB3\nftp.example.com:21\nbob");
  CHECK(a.parent_path() == "/xdg-cache/modemftpfs");
  CHECK(a.filename().string().size() == 16);
  CHECK(a != b);
  CHECK(a == default_cache_dir("/dev/ttyUSB2\nftp.example.com:21\nbob"));
  ::unsetenv("XDG_CACHE_HOME");
  ::setenv("HOME", "/home/u", 1);
  CHECK(default_cache_dir("x").parent_path() == "/home/u/.cache/modemftpfs");
}

namespace {

// argv as the kernel lays it out: writable strings that scrub_password edits in place.
struct Argv {
  std::vector<std::string> storage;
  std::vector<char*> pointers;
  explicit Argv(std::vector<std::string> args) : storage(std::move(args)) {
    for (auto& s : storage) pointers.push_back(s.data());
  }
  int argc() const { return static_cast<int>(pointers.size()); }
  char** argv() { return pointers.data(); }
  std::string at(std::size_t i) const { return pointers[i]; }
};

}  // namespace

TEST_CASE("password= is masked in argv and nothing else changes", "[fusefs]") {
  SECTION("-o LIST") {
    Argv args({"modemftpfs", "dev", "mnt", "-o", "host=h,password=s3cret,user=bob"});
    CHECK(scrub_password(args.argc(), args.argv()));
    CHECK(args.at(4) == "host=h,password=xxxxxx,user=bob");
  }
  SECTION("-oLIST with an escaped comma in the password") {
    Argv args({"modemftpfs", "-opassword=a\\,b,port=21"});
    CHECK(scrub_password(args.argc(), args.argv()));
    CHECK(args.at(1) == "-opassword=xxxx,port=21");
  }
  SECTION("only whole option names count, and positionals are never touched") {
    Argv args({"modemftpfs", "password=x", "-o", "apn_password=y,mypassword=z"});
    CHECK_FALSE(scrub_password(args.argc(), args.argv()));
    CHECK(args.at(1) == "password=x");
    CHECK(args.at(3) == "apn_password=y,mypassword=z");
  }
}
