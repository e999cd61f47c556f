// The start-up messages a user sees on the terminal name the device and the likely cause.
#include "fusefs/connect.hpp"

#include <catch2/catch.hpp>

#include "core/at/at_error.hpp"
#include "core/dialect/dialect_error.hpp"
#include "core/ftp/ftp_error.hpp"
#include "core/link/link_error.hpp"

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
