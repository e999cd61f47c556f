// Tests of the L610 command builders and the wire-string check (core/dialect/l610_commands.cpp):
// exact command lines per the seed manual, and refusal of what the wire cannot carry.
#include "core/dialect/l610_commands.hpp"

#include <catch2/catch.hpp>

#include <string>

#include "core/ftp/ftp_error.hpp"

using namespace mfs::dialect;
using namespace mfs::dialect::l610;
using mfs::ftp::ftp_errc;

TEST_CASE("command builders produce the manual's syntax", "[dialect.l610]") {
  CHECK(ftpopen_command({"ftp.example.com", 2121, "u", "p w", false}) ==
        "AT+FTPOPEN=\"ftp.example.com\",\"u\",\"p w\",\"\",0,2121,0");
  CHECK(ftpopen_command({"ftp.example.com", 21, "u", "p", true}) ==
        "AT+FTPOPEN=\"ftp.example.com\",\"u\",\"p\",\"\",0,21,0,1");
  CHECK(mipcall_command({"internet", "", ""}) == "AT+MIPCALL=1,\"internet\"");
  CHECK(mipcall_command({"apn", "user", "pw"}) == "AT+MIPCALL=1,\"apn\",\"user\",\"pw\"");
  CHECK(mipcall_command({"", "", ""}) == "AT+MIPCALL=1,\"\"");
  CHECK(path_command("+FTPLIST", "") == "AT+FTPLIST");
  CHECK(path_command("+FTPLIST", "/a b") == "AT+FTPLIST=\"/a b\"");
  CHECK(path_command("+FTPMKD", "d") == "AT+FTPMKD=\"d\"");
  CHECK(ftpren_command("/a", "/b") == "AT+FTPREN=\"/a\",\"/b\"");
  CHECK(ftpget_command("/f", 0) == "AT+FTPGET=\"/f\",1,0");
  CHECK(ftpget_command("/f", 1200000) == "AT+FTPGET=\"/f\",1,1200000");
  CHECK(ftprecv_command(3000) == "AT+FTPRECV=3000");
  CHECK(ftpput_command("/f", 1024, false) == "AT+FTPPUT=\"/f\",1024,0,1");
  CHECK(ftpput_command("/f", 1, true) == "AT+FTPPUT=\"/f\",1,1,1");
  CHECK(ftpstor_command("/empty", 0) == "AT+FTPSTOR=\"/empty\",1,0");
  CHECK(ftpstor_command("/big", 1048576) == "AT+FTPSTOR=\"/big\",1,1048576");
  CHECK(ftpretr_command("/big", 7) == "AT+FTPRETR=\"/big\",1,7");
  CHECK(ftplimit_command(0) == "AT+GTSET=\"FTPLIMIT\",0");
}

TEST_CASE("check_wire_string refuses what a quoted parameter cannot carry", "[dialect.l610]") {
  auto [value, expected] = GENERATE(table<std::string, std::error_code>({
      {"", {}},
      {"plain", {}},
      {"with space and ,comma", {}},
      {std::string(255, 'x'), {}},
      {std::string(256, 'x'), ftp_errc::name_too_long},
      {"a\"b", ftp_errc::name_has_quote},
      {"a\rb", ftp_errc::name_has_control_char},
      {"a\nb", ftp_errc::name_has_control_char},
      {std::string("a\0b", 3), ftp_errc::name_has_control_char},
      {"pass\bword", ftp_errc::name_has_control_char},  // V.250 would edit the line
      {"xoff\x13", ftp_errc::name_has_control_char},
      {"del\x7f", ftp_errc::name_has_control_char},
      {std::string(300, '"'), ftp_errc::name_has_quote},
  }));
  CAPTURE(value.size());
  auto checked = check_wire_string(value);
  if (expected) {
    REQUIRE(checked.has_error());
    CHECK(checked.error() == expected);
  } else {
    CHECK(checked.has_value());
  }
}
