// The start-up messages a user sees on the terminal name the device and the likely cause (the
// holder of a busy port by name and pid, when /proc shows it).
#include "fusefs/connect.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/at/at_error.hpp"
#include "core/dialect/dialect_error.hpp"
#include "core/ftp/ftp_error.hpp"
#include "core/link/link_error.hpp"
#include "tests/at/holding_process.hpp"

using mfs::fusefs::describe_connect_error;
using Catch::Matchers::Contains;

namespace {

mfs::session::SessionConfig config() {
  mfs::session::SessionConfig c;
  c.serial.device = "/dev/ttyUSB2";
  c.server.host = "ftp.example.com";
  c.server.user = "bob";
  c.server.password = "s3cret";
  return c;
}

}  // namespace

TEST_CASE("a busy port points at ModemManager and the udev rule", "[fusefs]") {
  const auto text = describe_connect_error(mfs::link::link_errc::device_busy, config());
  CHECK_THAT(text, Contains("/dev/ttyUSB2") && Contains("ModemManager") && Contains("UDEV RULE"));
}

TEST_CASE("a silent modem and a refused login say so", "[fusefs]") {
  CHECK_THAT(describe_connect_error(mfs::at::at_errc::timeout, config()),
             Contains("no answer") && Contains("/dev/ttyUSB2"));
  const auto refused = describe_connect_error(mfs::ftp::ftp_errc::permission_denied, config());
  CHECK_THAT(refused, Contains("ftp.example.com") && Contains("bob"));
  CHECK_THAT(refused, !Contains("s3cret"));
}

TEST_CASE("a missing device names the OS error", "[fusefs]") {
  const auto text =
      describe_connect_error(std::make_error_code(std::errc::no_such_file_or_directory), config());
  CHECK_THAT(text, Contains("cannot open /dev/ttyUSB2") && Contains("No such file"));
}

TEST_CASE("SIM and bearer failures name what to check", "[fusefs]") {
  CHECK_THAT(describe_connect_error(mfs::dialect::dialect_errc::sim_not_ready, config()),
             Contains("SIM"));
  CHECK_THAT(describe_connect_error(mfs::dialect::dialect_errc::bearer_failed, config()),
             Contains("apn="));
}

TEST_CASE("a module of no family we drive names the way to force one", "[fusefs]") {
  CHECK_THAT(describe_connect_error(mfs::dialect::dialect_errc::unknown_module, config()),
             Contains("/dev/ttyUSB2") && Contains("ATI") && Contains("modem=sim7000"));
}

namespace {

// A fresh pty, its master held for the test's lifetime; the slave's path.
class Pty {
 public:
  Pty() : master_(::posix_openpt(O_RDWR | O_NOCTTY)) {
    REQUIRE(master_ >= 0);
    REQUIRE(::grantpt(master_) == 0);
    REQUIRE(::unlockpt(master_) == 0);
    slave_ = ::ptsname(master_);
  }
  ~Pty() { ::close(master_); }
  const std::string& slave() const { return slave_; }

 private:
  int master_;
  std::string slave_;
};

}  // namespace

TEST_CASE("a port held by an earlier modemftpfs or by a prober names it, with its pid",
          "[fusefs]") {
  Pty pty;
  auto c = config();
  c.serial.device = pty.slave();
  {
    mfs::test::HoldingProcess earlier(pty.slave(), "modemftpfs");
    const auto text = describe_connect_error(mfs::link::link_errc::device_busy, c);
    CHECK_THAT(text, Contains("earlier modemftpfs (pid " + std::to_string(earlier.pid()) + ")"));
    CHECK_THAT(text, !Contains("ModemManager"));
  }
  mfs::test::HoldingProcess prober(pty.slave(), "ModemManager");
  const auto text = describe_connect_error(mfs::link::link_errc::device_busy, c);
  CHECK_THAT(text, Contains("ModemManager (pid " + std::to_string(prober.pid()) + ")") &&
                       Contains("UDEV RULE"));
}
