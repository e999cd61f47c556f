// to_errno against DESIGN.md's table of mappings, one row per error the layers can return.
#include "fusefs/errno_map.hpp"

#include <catch2/catch.hpp>

#include <cerrno>
#include <future>

#include "core/at/at_error.hpp"
#include "core/dialect/dialect_error.hpp"
#include "core/dialect/modem_condition.hpp"
#include "core/dialect/sim7000_errors.hpp"
#include "core/ftp/ftp_error.hpp"
#include "core/link/link_error.hpp"

using mfs::fusefs::to_errno;
using mfs::ftp::ftp_errc;

TEST_CASE("ftp refusals and outcomes map one by one", "[fusefs]") {
  auto [error, expected] = GENERATE(table<std::error_code, int>({
      {ftp_errc::name_has_quote, EINVAL},
      {ftp_errc::name_has_control_char, EINVAL},
      {ftp_errc::name_empty, EINVAL},
      {ftp_errc::name_too_long, ENAMETOOLONG},
      {ftp_errc::not_found, ENOENT},
      {ftp_errc::not_empty, ENOTEMPTY},
      {ftp_errc::already_exists, EEXIST},
      {ftp_errc::permission_denied, EACCES},
      {ftp_errc::no_space, ENOSPC},
      {ftp_errc::operation_failed, EIO},
  }));
  CAPTURE(error.message());
  CHECK(to_errno(error) == expected);
}

TEST_CASE("link and AT engine and dialect failures are EIO", "[fusefs]") {
  auto error = GENERATE(std::error_code(mfs::link::link_errc::timeout),
                        std::error_code(mfs::link::link_errc::device_gone),
                        std::error_code(mfs::link::link_errc::device_busy),
                        std::error_code(mfs::at::at_errc::timeout),
                        std::error_code(mfs::at::at_errc::modem_restarted),
                        std::error_code(2031, mfs::at::cme_category()),
                        std::error_code(500, mfs::at::cms_category()),
                        std::error_code(mfs::dialect::dialect_errc::bearer_failed),
                        std::error_code(64, mfs::dialect::sim7000::ftp_result_category()));
  CAPTURE(error.category().name(), error.value());
  CHECK(to_errno(error) == EIO);
}

TEST_CASE("SIM7000 result codes reach the errno their meaning asks for", "[fusefs]") {
  using mfs::dialect::sim7000::ftp_failure;
  using mfs::ftp::FtpOp;
  CHECK(to_errno(ftp_failure(72, FtpOp::list)) == EACCES);
  CHECK(to_errno(ftp_failure(71, FtpOp::retrieve)) == EACCES);
  CHECK(to_errno(ftp_failure(77, FtpOp::remove)) == ENOENT);
  CHECK(to_errno(ftp_failure(77, FtpOp::rmdir)) == ENOTEMPTY);
  CHECK(to_errno(ftp_failure(77, FtpOp::mkdir)) == EEXIST);
  CHECK(to_errno(ftp_failure(77, FtpOp::store)) == EACCES);
  CHECK(to_errno(ftp_failure(79, FtpOp::retrieve)) == EIO);
}

TEST_CASE("a family's raw result codes are EIO through their portable condition", "[fusefs]") {
  using mfs::dialect::modem_condition;
  const auto& codes = mfs::dialect::sim7000::ftp_result_category();
  CHECK(std::error_code(64, codes) == modem_condition::network_down);
  CHECK(std::error_code(66, codes) == modem_condition::module_busy);
  CHECK(std::error_code(79, codes) == modem_condition::transfer_broken);
  CHECK(std::error_code(75, codes) == modem_condition::protocol_failed);
  for (int code = 0; code <= 100; ++code) {
    CAPTURE(code);
    CHECK(to_errno(std::error_code(code, codes)) == EIO);  // as before the conditions
  }
}

TEST_CASE("POSIX errors pass through unchanged", "[fusefs]") {
  CHECK(to_errno(std::make_error_code(std::errc::timed_out)) == ETIMEDOUT);
  CHECK(to_errno(std::make_error_code(std::errc::no_such_file_or_directory)) == ENOENT);
  CHECK(to_errno(std::error_code(EROFS, std::system_category())) == EROFS);
}

TEST_CASE("a raw server reply code is classified without operation context", "[fusefs]") {
  const auto& replies = mfs::ftp::ftp_reply_category();
  CHECK(to_errno(std::error_code(550, replies)) == ENOENT);
  CHECK(to_errno(std::error_code(552, replies)) == ENOSPC);
  CHECK(to_errno(std::error_code(530, replies)) == EACCES);
  CHECK(to_errno(std::error_code(421, replies)) == EIO);
}

TEST_CASE("anything unknown is EIO", "[fusefs]") {
  CHECK(to_errno(std::make_error_code(std::future_errc::broken_promise)) == EIO);
  CHECK(to_errno(std::error_code()) == EIO);
}
