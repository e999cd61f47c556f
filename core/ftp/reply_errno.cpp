// Per-operation reply-code table: "op X failed, last reply N" -> ftp_errc. The same 550 means
// "missing" on RETR but "not empty" on RMD (sshfs does the same with SFTP "failure").
#include "core/ftp/reply_errno.hpp"

#include <array>

#include "core/ftp/ftp_error.hpp"

namespace mfs::ftp {
namespace {

struct Rule {
  int code;
  std::optional<FtpOp> op;  // nullopt: any operation
  ftp_errc outcome;
};

// First match wins, so op-specific rows precede the wildcard row of the same code.
// The 550 rows for RMD/MKD/DELE/RNFR/RETR/CWD match what vsftpd, pure-ftpd and pyftpdlib
// answered in /work/shared/ftp-listings/*/replies.txt ("Directory not empty", "File exists",
// "No such file or directory", vsftpd's texts are generic but the codes agree).
//
//   code  op        outcome            why
//   550   rmdir     not_empty          RMD of an existing non-empty dir (all three servers)
//   550   mkdir     already_exists     MKD of an existing entry (all three servers)
//   550   store     permission_denied  STOR into a directory we listed: refused, not missing
//   550   any other not_found          DELE/RNFR/RETR/LIST/CWD/SIZE of a missing path
//   521   mkdir     already_exists     RFC 959 "directory already exists"
//   450   list      not_found          "No files found" for an empty/missing LIST/NLST
//   450   any other operation_failed   file busy: transient, not a fact about the path
//   452, 552  any   no_space           insufficient storage / quota exceeded
//   530, 532  any   permission_denied  not logged in / no account for storing
//   553   any       permission_denied  file name not allowed by the server
//   421, other, none operation_failed  session closed or nothing usable to decide on
constexpr std::array rules{
    Rule{550, FtpOp::rmdir, ftp_errc::not_empty},
    Rule{550, FtpOp::mkdir, ftp_errc::already_exists},
    Rule{550, FtpOp::store, ftp_errc::permission_denied},
    Rule{550, std::nullopt, ftp_errc::not_found},
    Rule{521, FtpOp::mkdir, ftp_errc::already_exists},
    Rule{450, FtpOp::list, ftp_errc::not_found},
    Rule{452, std::nullopt, ftp_errc::no_space},
    Rule{552, std::nullopt, ftp_errc::no_space},
    Rule{530, std::nullopt, ftp_errc::permission_denied},
    Rule{532, std::nullopt, ftp_errc::permission_denied},
    Rule{553, std::nullopt, ftp_errc::permission_denied},
};

}  // namespace

std::error_code classify_failure(FtpOp op, std::optional<int> reply_code) {
  if (reply_code) {
    for (const Rule& rule : rules) {
      if (rule.code == *reply_code && (!rule.op || *rule.op == op)) return rule.outcome;
    }
  }
  return ftp_errc::operation_failed;
}

}  // namespace mfs::ftp
