// classify_failure: the operation gives the reply code its meaning. The 550 rows marked
// "captured" are what vsftpd, Pure-FTPd and pyftpdlib answered in
// /work/shared/ftp-listings/*/replies.txt for the same situation.
#include <catch2/catch.hpp>

#include <tuple>

#include "core/ftp/ftp_error.hpp"
#include "core/ftp/reply_errno.hpp"

namespace mfs::ftp {

TEST_CASE("reply codes map to ftp_errc by operation", "[ftp]") {
  using Row = std::tuple<FtpOp, std::optional<int>, ftp_errc>;
  const auto [op, code, expected] = GENERATE(table<FtpOp, std::optional<int>, ftp_errc>({
      Row{FtpOp::rmdir, 550, ftp_errc::not_empty},         // captured: RMD sub
      Row{FtpOp::mkdir, 550, ftp_errc::already_exists},    // captured: MKD sub
      Row{FtpOp::remove, 550, ftp_errc::not_found},        // captured: DELE no-such-file
      Row{FtpOp::rename, 550, ftp_errc::not_found},        // captured: RNFR no-such-file
      Row{FtpOp::retrieve, 550, ftp_errc::not_found},      // captured: RETR no-such-file
      Row{FtpOp::list, 550, ftp_errc::not_found},          // captured: pyftpdlib LIST no-such-file
      Row{FtpOp::cwd, 550, ftp_errc::not_found},           // captured: CWD old.txt (a file)
      Row{FtpOp::other, 550, ftp_errc::not_found},
      Row{FtpOp::store, 550, ftp_errc::permission_denied},
      Row{FtpOp::mkdir, 521, ftp_errc::already_exists},
      Row{FtpOp::rmdir, 521, ftp_errc::operation_failed},
      Row{FtpOp::list, 450, ftp_errc::not_found},
      Row{FtpOp::remove, 450, ftp_errc::operation_failed},
      Row{FtpOp::retrieve, 450, ftp_errc::operation_failed},
      Row{FtpOp::store, 452, ftp_errc::no_space},
      Row{FtpOp::store, 552, ftp_errc::no_space},
      Row{FtpOp::mkdir, 552, ftp_errc::no_space},
      Row{FtpOp::list, 530, ftp_errc::permission_denied},
      Row{FtpOp::store, 532, ftp_errc::permission_denied},
      Row{FtpOp::store, 553, ftp_errc::permission_denied},
      Row{FtpOp::rename, 553, ftp_errc::permission_denied},
      Row{FtpOp::retrieve, 421, ftp_errc::operation_failed},
      Row{FtpOp::retrieve, 425, ftp_errc::operation_failed},
      Row{FtpOp::retrieve, 426, ftp_errc::operation_failed},
      Row{FtpOp::remove, 451, ftp_errc::operation_failed},
      Row{FtpOp::other, 500, ftp_errc::operation_failed},
      Row{FtpOp::other, 226, ftp_errc::operation_failed},
      Row{FtpOp::rmdir, std::nullopt, ftp_errc::operation_failed},
      Row{FtpOp::retrieve, std::nullopt, ftp_errc::operation_failed},
  }));
  INFO("op " << static_cast<int>(op) << " code " << code.value_or(-1));
  const std::error_code ec = classify_failure(op, code);
  CHECK(ec == make_error_code(expected));
  CHECK(&ec.category() == &ftp_category());
}

// Pure-FTPd's own lines (captured against pure-ftpd 1.0.50 acting as nobody) and pyftpdlib's.
TEST_CASE("a 550 that says why is taken at its word", "[ftp]") {
  using Row = std::tuple<FtpOp, std::string, ftp_errc>;
  const auto [op, text, expected] = GENERATE(table<FtpOp, std::string, ftp_errc>({
      Row{FtpOp::remove, "550 Could not delete locked/inside: Permission denied", ftp_errc::permission_denied},
      Row{FtpOp::mkdir, "550 Can't create directory: Permission denied", ftp_errc::permission_denied},
      Row{FtpOp::retrieve, "550 Can't open secret: Permission denied", ftp_errc::permission_denied},
      Row{FtpOp::mkdir, "550 Can't create directory: No such file or directory", ftp_errc::not_found},
      Row{FtpOp::rename, "550 Sorry, but that file doesn't exist", ftp_errc::not_found},
      Row{FtpOp::rmdir, "550 Can't remove directory: Directory not empty", ftp_errc::not_empty},
      Row{FtpOp::mkdir, "550 File exists.", ftp_errc::already_exists},
      Row{FtpOp::remove, "550 Delete operation failed.", ftp_errc::not_found},      // vsftpd: generic
      Row{FtpOp::mkdir, "550 Create directory operation failed.", ftp_errc::already_exists},
  }));
  INFO(text);
  CHECK(classify_failure(op, 550, text) == make_error_code(expected));
}

TEST_CASE("only a 550's text is read; other codes keep their meaning", "[ftp]") {
  CHECK(classify_failure(FtpOp::store, 553, "553 Can't open that file: No such file or directory") ==
        make_error_code(ftp_errc::permission_denied));
  CHECK(classify_failure(FtpOp::store, 552, "552 Quota exceeded: Permission denied") ==
        make_error_code(ftp_errc::no_space));
}

TEST_CASE("every operation with no reply code is a plain failure", "[ftp]") {
  const auto op = GENERATE(FtpOp::list, FtpOp::retrieve, FtpOp::store, FtpOp::remove, FtpOp::mkdir,
                           FtpOp::rmdir, FtpOp::rename, FtpOp::cwd, FtpOp::other);
  CHECK(classify_failure(op, std::nullopt) == make_error_code(ftp_errc::operation_failed));
  CHECK(classify_failure(op, 530) == make_error_code(ftp_errc::permission_denied));
  CHECK(classify_failure(op, 552) == make_error_code(ftp_errc::no_space));
}

}  // namespace mfs::ftp
