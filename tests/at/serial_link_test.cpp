// SerialLink over a real pty: round trip and counters, deadlines on read and write, the
// request ceiling and cancel(), refusal of a device a port prober holds (directly or through a
// symlink) and not of one socat holds, and a vanished device.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <sys/wait.h>
#include <unistd.h>
#include <fcntl.h>

#include "core/link/link_error.hpp"
#include "core/link/serial_link.hpp"
#include "tests/at/holding_process.hpp"
#include "tests/at/scripted_modem.hpp"

using namespace std::chrono_literals;
using mfs::link::link_errc;
using mfs::link::SerialLink;
using Clock = std::chrono::steady_clock;

namespace {

// Sends "AT" and reads the six bytes of the scripted answer.
std::string answer_to_at(SerialLink& link) {
  REQUIRE(link.write_all("AT\r", Clock::now() + 500ms));
  std::string got;
  char buf[64];
  while (got.size() < 6) {
    auto n = link.read_some(buf, Clock::now() + 500ms);
    REQUIRE(n);
    got.append(buf, n.value());
  }
  return got;
}

}  // namespace

TEST_CASE("link: bytes cross the pty both ways and are counted", "[at]") {
  mfs::test::ScriptedModem modem;
  modem.on("AT\r", "\r\nOK\r\n");
  modem.start();
  SerialLink link({modem.slave_path()});
  REQUIRE(link.open());
  CHECK(answer_to_at(link) == "\r\nOK\r\n");
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

TEST_CASE("link: a device a port prober holds is refused", "[at]") {
  mfs::test::ScriptedModem modem;
  const auto dir = std::filesystem::temp_directory_path() / ("mfs-link-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto alias = dir / "ttyMODEM";
  std::filesystem::remove(alias);
  std::filesystem::create_symlink(modem.slave_path(), alias);
  {
    mfs::test::HoldingProcess holder(modem.slave_path(), "ModemManager");
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
  CHECK(opened.error() == link_errc::no_such_device);  // never there: not "vanished"
  CHECK(opened.error().message() == "no such device");
  char buf[4];
  const auto got = missing.read_some(buf, Clock::now() + 100ms);
  REQUIRE_FALSE(got);
  CHECK(got.error() == link_errc::not_open);
}

TEST_CASE("link: a device that goes away after the first open has vanished", "[at]") {
  mfs::test::ScriptedModem modem;
  const auto dir = std::filesystem::temp_directory_path() / ("mfs-gone-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto alias = dir / "ttyMODEM";
  std::filesystem::create_symlink(modem.slave_path(), alias);
  SerialLink link({alias.string()});
  REQUIRE(link.open());
  std::filesystem::remove_all(dir);  // the USB device's node goes
  const auto reopened = link.open();
  REQUIRE_FALSE(reopened);
  CHECK(reopened.error() == link_errc::device_gone);
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

TEST_CASE("link: a pty another program holds (socat's end of a bridge) opens", "[at]") {
  mfs::test::ScriptedModem modem;
  modem.on("AT\r", "\r\nOK\r\n");
  modem.start();
  mfs::test::HoldingProcess bridge(modem.slave_path(), "socat");
  SerialLink link({modem.slave_path()});
  REQUIRE(link.open());
  CHECK(answer_to_at(link) == "\r\nOK\r\n");
  CHECK(modem.finish().empty());
  if (::geteuid() != 0) {  // TIOCEXCL binds everyone but root
    const int late = ::open(modem.slave_path().c_str(), O_RDWR | O_NOCTTY);
    CHECK(late < 0);
    if (late >= 0) ::close(late);
  }
}

TEST_CASE("link: the request's ceiling cuts every wait and is told apart from a timeout", "[at]") {
  mfs::test::ScriptedModem modem;
  SerialLink link({modem.slave_path()});
  REQUIRE(link.open());
  char buf[16];
  const auto start = Clock::now();
  link.set_ceiling(start + 150ms);
  const auto cut = link.read_some(buf, start + 10s);
  REQUIRE_FALSE(cut);
  CHECK(cut.error() == link_errc::request_deadline);
  CHECK(Clock::now() - start >= 150ms);
  CHECK(Clock::now() - start < 1s);
  // Past the ceiling nothing waits at all, a write neither.
  const auto again = Clock::now();
  CHECK(link.read_some(buf, again + 10s).error() == link_errc::request_deadline);
  CHECK(link.write_all("AT\r", again + 10s).error() == link_errc::request_deadline);
  CHECK(Clock::now() - again < 100ms);
  // A wait whose own deadline comes first is an ordinary timeout.
  link.set_ceiling(Clock::now() + 10s);
  CHECK(link.read_some(buf, Clock::now() + 50ms).error() == link_errc::timeout);
  link.set_ceiling(std::nullopt);
  CHECK(link.read_some(buf, Clock::now() + 50ms).error() == link_errc::timeout);
  CHECK(link.is_open());
}

TEST_CASE("link: cancel() from another thread ends a wait at once, and every later one", "[at]") {
  mfs::test::ScriptedModem modem;
  SerialLink link({modem.slave_path()});
  REQUIRE(link.open());
  std::thread canceller([&link] {
    std::this_thread::sleep_for(100ms);  // shapes when the cancel comes, while the read waits
    link.cancel();
  });
  char buf[16];
  const auto start = Clock::now();
  const auto got = link.read_some(buf, start + 20s);
  const auto waited = Clock::now() - start;
  canceller.join();
  REQUIRE_FALSE(got);
  CHECK(got.error() == link_errc::cancelled);
  CHECK(waited < 2s);
  CHECK(link.cancelled());
  CHECK(link.read_some(buf, Clock::now() + 20s).error() == link_errc::cancelled);
  CHECK(link.write_all("AT\r", Clock::now() + 20s).error() == link_errc::cancelled);
  CHECK(Clock::now() - start < 3s);
  link.close();
  CHECK(link.open().error() == link_errc::cancelled);
}
