// Per-operation reply-code table: "op X failed, last reply N" -> ftp_errc. The same 550 means
// "missing" on RETR but "not empty" on RMD (sshfs does the same with SFTP "failure").
#include "core/ftp/reply_errno.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include <string>

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

// What a 550 line says, from Pure-FTPd's and pyftpdlib's texts (and strerror's, which several
// servers append): "550 Could not delete x: Permission denied", "550 Can't create directory:
// No such file or directory", "550 Sorry, but that file doesn't exist". vsftpd's texts are
// generic ("550 Delete operation failed.") and fall through to the table. Checked in order.
struct TextHint {
  std::string_view words;  // lower case
  ftp_errc outcome;
};
constexpr std::array text_hints{
    TextHint{"permission denied", ftp_errc::permission_denied},
    TextHint{"access denied", ftp_errc::permission_denied},
    TextHint{"not permitted", ftp_errc::permission_denied},
    TextHint{"no such file", ftp_errc::not_found},
    TextHint{"doesn't exist", ftp_errc::not_found},
    TextHint{"does not exist", ftp_errc::not_found},
    TextHint{"not empty", ftp_errc::not_empty},
    TextHint{"file exists", ftp_errc::already_exists},
    TextHint{"already exists", ftp_errc::already_exists},
};

std::optional<ftp_errc> hinted_by_text(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const TextHint& hint : text_hints)
    if (lower.find(hint.words) != std::string::npos) return hint.outcome;
  return std::nullopt;
}

}  // namespace

std::error_code classify_failure(FtpOp op, std::optional<int> reply_code,
                                 std::string_view reply_text) {
  if (reply_code == 550) {
    if (auto hinted = hinted_by_text(reply_text)) return *hinted;
  }
  if (reply_code) {
    for (const Rule& rule : rules) {
      if (rule.code == *reply_code && (!rule.op || *rule.op == op)) return rule.outcome;
    }
  }
  return ftp_errc::operation_failed;
}

}  // namespace mfs::ftp
