// SerialLink over a real pty: round trip and counters, deadlines on read and write,
// refusal of a device another process holds (directly or through a symlink), and a
// vanished device.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <fcntl.h>

#include "core/link/link_error.hpp"
#include "core/link/serial_link.hpp"
#include "tests/at/scripted_modem.hpp"

using namespace std::chrono_literals;
using mfs::link::link_errc;
using mfs::link::SerialLink;
using Clock = std::chrono::steady_clock;

namespace {

// A child process that holds `path` open until told to go (the stand-in for ModemManager).
class Holder {
 public:
  explicit Holder(const std::string& path) {
    int ready[2];
    REQUIRE(::pipe(ready) == 0);
    REQUIRE(::pipe(release_) == 0);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {  // child: only async-signal-safe calls
      const int fd = ::open(path.c_str(), O_RDWR | O_NOCTTY);
      char byte = fd >= 0 ? 'y' : 'n';
      [[maybe_unused]] auto w = ::write(ready[1], &byte, 1);
      [[maybe_unused]] auto r = ::read(release_[0], &byte, 1);
      ::_exit(0);
    }
    char byte = 0;
    REQUIRE(::read(ready[0], &byte, 1) == 1);
    REQUIRE(byte == 'y');
    ::close(ready[0]);
    ::close(ready[1]);
  }
  ~Holder() {
    [[maybe_unused]] auto w = ::write(release_[1], "x", 1);
    ::waitpid(pid_, nullptr, 0);
    ::close(release_[0]);
    ::close(release_[1]);
  }

 private:
  pid_t pid_ = -1;
  int release_[2] = {-1, -1};
};

}  // namespace

TEST_CASE("link: bytes cross the pty both ways and are counted", "[at]") {
  mfs::test::ScriptedModem modem;
  modem.on("AT\r", "\r\nOK\r\n");
  modem.start();
  SerialLink link({modem.slave_path()});
  REQUIRE(link.open());
  REQUIRE(link.write_all("AT\r", Clock::now() + 500ms));
  std::string got;
  char buf[64];
  while (got.size() < 6) {
    auto n = link.read_some(buf, Clock::now() + 500ms);
    REQUIRE(n);
    got.append(buf, n.value());
  }
  CHECK(got == "\r\nOK\r\n");
  CHECK(modem.finish().empty());
  CHECK(link.counters().bytes_written == 3);
  CHECK(link.counters().bytes_read == 6);
  CHECK(link.counters().reopens == 0);
  link.close();
  REQUIRE(link.open());
  CHECK(link.counters().reopens == 1);
}

TEST_CASE("link: a read with nothing to read ends at its deadline", "[at]") {
  mfs::test::ScriptedModem modem;
  SerialLink link({modem.slave_path()});
  REQUIRE(link.open());
  char buf[16];
  const auto start = Clock::now();
  const auto got = link.read_some(buf, start + 150ms);
  const auto waited = Clock::now() - start;
  REQUIRE_FALSE(got);
  CHECK(got.error() == link_errc::timeout);
  CHECK(waited >= 150ms);
  CHECK(waited < 1s);
  CHECK(link.is_open());
}

TEST_CASE("link: a write the peer never drains ends at its deadline", "[at]") {
  mfs::test::ScriptedModem modem;
  SerialLink link({modem.slave_path()});
  REQUIRE(link.open());
  const std::string flood(4 << 20, 'x');  // far beyond the pty's buffer
  const auto start = Clock::now();
  const auto sent = link.write_all(flood, start + 150ms);
  REQUIRE_FALSE(sent);
  CHECK(sent.error() == link_errc::timeout);
  CHECK(Clock::now() - start < 1s);
  CHECK(link.counters().bytes_written < flood.size());
}

TEST_CASE("link: a device another process holds is refused", "[at]") {
  mfs::test::ScriptedModem modem;
  const auto dir = std::filesystem::temp_directory_path() / ("mfs-link-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto alias = dir / "ttyMODEM";
  std::filesystem::remove(alias);
  std::filesystem::create_symlink(modem.slave_path(), alias);
  {
    Holder holder(modem.slave_path());
    for (const std::string& path : {modem.slave_path(), alias.string()}) {
      INFO(path);
      SerialLink link({path});
      const auto opened = link.open();
      REQUIRE_FALSE(opened);
      CHECK(opened.error() == link_errc::device_busy);
      CHECK_FALSE(link.is_open());
    }
  }
  SerialLink link({alias.string()});
  CHECK(link.open());
  std::filesystem::remove_all(dir);
}

TEST_CASE("link: a missing device and a closed link say so", "[at]") {
  SerialLink missing({"/dev/mfs-no-such-device"});
  const auto opened = missing.open();
  REQUIRE_FALSE(opened);
  CHECK(opened.error() == link_errc::device_gone);
  char buf[4];
  const auto got = missing.read_some(buf, Clock::now() + 100ms);
  REQUIRE_FALSE(got);
  CHECK(got.error() == link_errc::not_open);
}

TEST_CASE("link: the pty master closing reads as device_gone", "[at]") {
  mfs::test::ScriptedModem modem;
  SerialLink link({modem.slave_path()});
  REQUIRE(link.open());
  modem.close_master();
  char buf[16];
  const auto got = link.read_some(buf, Clock::now() + 500ms);
  REQUIRE_FALSE(got);
  CHECK(got.error() == link_errc::device_gone);
  CHECK_FALSE(link.is_open());
}
