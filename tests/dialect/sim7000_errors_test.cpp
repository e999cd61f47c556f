// The SIM7000 result-code table (core/dialect/sim7000_errors.cpp): every code 61-80 the
// protocol lists, what each becomes for the filesystem, and which the session retries.
#include "core/dialect/sim7000_errors.hpp"

#include <catch2/catch.hpp>

#include "core/ftp/ftp_error.hpp"

using namespace mfs::dialect::sim7000;
using mfs::ftp::FtpOp;
using mfs::ftp::ftp_errc;

TEST_CASE("every listed code has a text and a kind; gaps have none", "[dialect.sim7000]") {
  for (int code : {61, 62, 63, 64, 65, 66, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80}) {
    INFO(code);
    auto entry = find_ftp_error(code);
    REQUIRE(entry.has_value());
    CHECK_FALSE(entry->text.empty());
    CHECK(std::error_code(code, ftp_result_category()).message().find(std::to_string(code)) !=
          std::string::npos);
  }
  for (int code : {0, 1, 60, 67, 68, 69, 81}) CHECK_FALSE(find_ftp_error(code).has_value());
  CHECK(std::error_code(72, ftp_result_category()).message() == "SIM7000 FTP error 72 (password error)");
}

TEST_CASE("result codes become the filesystem's errors, per operation", "[dialect.sim7000]") {
  auto [code, op, expected] = GENERATE(table<int, FtpOp, std::error_code>({
      {71, FtpOp::list, ftp_errc::permission_denied},
      {72, FtpOp::retrieve, ftp_errc::permission_denied},
      {77, FtpOp::retrieve, ftp_errc::not_found},
      {77, FtpOp::remove, ftp_errc::not_found},
      {77, FtpOp::list, ftp_errc::not_found},
      {77, FtpOp::rename, ftp_errc::not_found},
      {77, FtpOp::rmdir, ftp_errc::not_empty},
      {77, FtpOp::mkdir, ftp_errc::already_exists},
      {77, FtpOp::store, ftp_errc::permission_denied},
      {64, FtpOp::retrieve, std::error_code(64, ftp_result_category())},
      {66, FtpOp::store, std::error_code(66, ftp_result_category())},
      {99, FtpOp::other, std::error_code(99, ftp_result_category())},
  }));
  INFO(code);
  CHECK(ftp_failure(code, op) == expected);
}

TEST_CASE("network, state and transfer codes are transient; answers are not", "[dialect.sim7000]") {
  for (int code : {61, 62, 63, 64, 65, 66, 78, 79, 80, 99}) {
    INFO(code);
    CHECK(is_transient_result(std::error_code(code, ftp_result_category())));
  }
  for (int code : {70, 73, 74, 75, 76}) {
    INFO(code);
    CHECK_FALSE(is_transient_result(std::error_code(code, ftp_result_category())));
  }
  CHECK_FALSE(is_transient_result(ftp_failure(72, FtpOp::list)));
  CHECK_FALSE(is_transient_result(ftp_failure(77, FtpOp::remove)));
  CHECK_FALSE(is_transient_result(std::error_code(64, std::generic_category())));
}
