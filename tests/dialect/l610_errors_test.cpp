// Tests of the L610 error tables (core/dialect/l610_errors.cpp) against the seed manual's
// sections 2.1 and 2.3, and of the kinds the driver acts on (PROTOCOL.md section 2, Errors).
#include "core/dialect/l610_errors.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <tuple>

#include "core/at/at_error.hpp"

using namespace mfs::dialect::l610;

TEST_CASE("find_cme gives the manual's text and our kind", "[dialect.l610]") {
  auto [code, text, kind] = GENERATE(table<int, std::string, CmeKind>({
      {0, "phone failure", CmeKind::other},
      {3, "operation not allowed", CmeKind::refused},
      {10, "SIM not inserted", CmeKind::sim},
      {11, "SIM PIN required", CmeKind::sim},
      {13, "SIM failure", CmeKind::sim},
      {30, "no network service", CmeKind::network},
      {31, "network timeout", CmeKind::network},
      {1283, "CCBS possible", CmeKind::other},
      {2000, "TCPIP Param wrong", CmeKind::other},
      {2012, "TCPIP socket connect fail", CmeKind::network},
      {2023, "TCPIP socket error", CmeKind::network},
      {2031, "TCPIP mipcall not active", CmeKind::bearer_inactive},
      {2033, "TCPIP not def4", CmeKind::other},
  }));
  CAPTURE(code);
  auto entry = find_cme(code);
  REQUIRE(entry);
  CHECK(entry->text == text);
  CHECK(entry->kind == kind);
  CHECK(cme_kind(code) == kind);
}

TEST_CASE("codes outside the manual are unknown and of kind other", "[dialect.l610]") {
  auto code = GENERATE(-1, 8, 9, 33, 999, 1999, 2034, 99999);
  CAPTURE(code);
  CHECK_FALSE(find_cme(code));
  CHECK(cme_kind(code) == CmeKind::other);
}

TEST_CASE("every TCP/IP code 2000-2033 of section 2.3 is in the table", "[dialect.l610]") {
  for (int code = 2000; code <= 2033; ++code) {
    CAPTURE(code);
    auto entry = find_cme(code);
    REQUIRE(entry);
    CHECK(std::string(entry->text).starts_with("TCPIP "));
  }
}

TEST_CASE("cme_kind and describe look only at CME errors", "[dialect.l610]") {
  std::error_code cme(2031, mfs::at::cme_category());
  CHECK(cme_kind(cme) == CmeKind::bearer_inactive);
  CHECK(describe(cme) == "+CME ERROR: 2031 (TCPIP mipcall not active)");
  CHECK(describe(std::error_code(4242, mfs::at::cme_category())) == "+CME ERROR: 4242");

  std::error_code cms(10, mfs::at::cms_category());  // CMS 10 is "Call barred", not a SIM error
  CHECK(cme_kind(cms) == CmeKind::other);
  std::error_code engine = mfs::at::at_errc::timeout;
  CHECK(cme_kind(engine) == CmeKind::other);
  CHECK(describe(engine) == engine.message());
}
