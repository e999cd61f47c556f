// The two error categories of the FTP layer: our own outcomes (ftp_errc, "ftp") and the
// server's numeric reply codes ("ftp-reply", value = the code itself, e.g. 550).
#include "core/ftp/ftp_error.hpp"

#include <string>

namespace mfs::ftp {
namespace {

class FtpCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "ftp"; }

  std::string message(int value) const override {
    switch (static_cast<ftp_errc>(value)) {
      case ftp_errc::name_has_quote: return "name contains '\"', which the AT wire cannot carry";
      case ftp_errc::name_has_control_char: return "name contains a control byte (0x00-0x1F, 0x7F)";
      case ftp_errc::name_too_long: return "name or path longer than 255 octets";
      case ftp_errc::name_empty: return "empty name";
      case ftp_errc::not_found: return "no such file or directory on the server";
      case ftp_errc::not_empty: return "directory not empty";
      case ftp_errc::already_exists: return "entry already exists";
      case ftp_errc::permission_denied: return "permission denied by the server";
      case ftp_errc::no_space: return "no space left on the server";
      case ftp_errc::operation_failed: return "FTP operation failed";
    }
    return "unknown ftp error " + std::to_string(value);
  }
};

class FtpReplyCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "ftp-reply"; }

  std::string message(int value) const override { return "FTP reply " + std::to_string(value); }
};

}  // namespace

const std::error_category& ftp_category() noexcept {
  static const FtpCategory category;
  return category;
}

std::error_code make_error_code(ftp_errc e) noexcept {
  return {static_cast<int>(e), ftp_category()};
}

const std::error_category& ftp_reply_category() noexcept {
  static const FtpReplyCategory category;
  return category;
}

}  // namespace mfs::ftp
