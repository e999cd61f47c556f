// The SIM7000 FTP result-code table (PROTOCOL.md section 3), sorted by code; kinds are our
// reading of each text, and decide both the errno a user sees and whether the session retries.
#include "core/dialect/sim7000_errors.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "core/at/at_error.hpp"
#include "core/dialect/modem_condition.hpp"
#include "core/ftp/ftp_error.hpp"

namespace mfs::dialect::sim7000 {
namespace {

constexpr std::array ftp_error_table = {
    FtpErrorEntry{61, "net error", FtpErrorKind::network},
    FtpErrorEntry{62, "DNS error", FtpErrorKind::network},
    FtpErrorEntry{63, "connect error", FtpErrorKind::network},
    FtpErrorEntry{64, "timeout", FtpErrorKind::network},
    FtpErrorEntry{65, "server error", FtpErrorKind::network},
    FtpErrorEntry{66, "operation not allowed", FtpErrorKind::state},
    FtpErrorEntry{70, "reply error", FtpErrorKind::protocol},
    FtpErrorEntry{71, "user error", FtpErrorKind::login},
    FtpErrorEntry{72, "password error", FtpErrorKind::login},
    FtpErrorEntry{73, "type error", FtpErrorKind::protocol},
    FtpErrorEntry{74, "rest error", FtpErrorKind::protocol},
    FtpErrorEntry{75, "passive error", FtpErrorKind::protocol},
    FtpErrorEntry{76, "active error", FtpErrorKind::protocol},
    FtpErrorEntry{77, "operate error", FtpErrorKind::refused},
    FtpErrorEntry{78, "upload error", FtpErrorKind::transfer},
    FtpErrorEntry{79, "download error", FtpErrorKind::transfer},
    FtpErrorEntry{80, "manual quit", FtpErrorKind::state},
};
static_assert(std::is_sorted(ftp_error_table.begin(), ftp_error_table.end(),
                             [](const auto& a, const auto& b) { return a.code < b.code; }),
              "find_ftp_error searches the table by bisection");

// The server's reply behind "operate error": the command was refused on this path. 550 is what
// vsftpd, pure-ftpd and pyftpdlib answer for each refusal the filesystem can cause (missing
// path, existing directory, non-empty directory), so the per-operation 550 rules apply.
constexpr int operate_error_reply = 550;

class FtpResultCategory : public std::error_category {
 public:
  const char* name() const noexcept override { return "mfs.sim7000.ftp"; }
  std::string message(int value) const override {
    auto entry = find_ftp_error(value);
    return "SIM7000 FTP error " + std::to_string(value) +
           (entry ? " (" + std::string(entry->text) + ")" : std::string());
  }
  // Login and refusal codes become ftp_errc before they leave the dialect (ftp_failure), and a
  // code the table lacks has no known meaning: these keep no portable condition.
  std::error_condition default_error_condition(int value) const noexcept override {
    const auto entry = find_ftp_error(value);
    if (!entry) return {value, *this};
    switch (entry->kind) {
      case FtpErrorKind::network: return modem_condition::network_down;
      case FtpErrorKind::state: return modem_condition::module_busy;
      case FtpErrorKind::transfer: return modem_condition::transfer_broken;
      case FtpErrorKind::protocol: return modem_condition::protocol_failed;
      case FtpErrorKind::login:
      case FtpErrorKind::refused: break;
    }
    return {value, *this};
  }
};

}  // namespace

std::optional<FtpErrorEntry> find_ftp_error(int code) {
  auto it = std::lower_bound(ftp_error_table.begin(), ftp_error_table.end(), code,
                             [](const FtpErrorEntry& e, int c) { return e.code < c; });
  if (it == ftp_error_table.end() || it->code != code) return std::nullopt;
  return *it;
}

const std::error_category& ftp_result_category() noexcept {
  static const FtpResultCategory category;
  return category;
}

std::error_code ftp_failure(int code, ftp::FtpOp op) {
  auto entry = find_ftp_error(code);
  if (entry && entry->kind == FtpErrorKind::login) return ftp::ftp_errc::permission_denied;
  if (entry && entry->kind == FtpErrorKind::refused)
    return ftp::classify_failure(op, operate_error_reply);
  return {code, ftp_result_category()};
}

bool is_transient_result(const std::error_code& ec) {
  if (ec.category() != ftp_result_category()) return false;
  auto entry = find_ftp_error(ec.value());
  if (!entry) return true;
  return entry->kind == FtpErrorKind::network || entry->kind == FtpErrorKind::state ||
         entry->kind == FtpErrorKind::transfer;
}

bool is_refusal(const std::error_code& ec) {
  return ec == at::at_errc::error || ec.category() == at::cme_category();
}

}  // namespace mfs::dialect::sim7000
