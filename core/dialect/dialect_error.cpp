// The dialect layer's error category: names for the modem states behind dialect_errc.
#include "core/dialect/dialect_error.hpp"

#include <string>

#include "core/dialect/families.hpp"

namespace mfs::dialect {
namespace {

class DialectCategory : public std::error_category {
 public:
  const char* name() const noexcept override { return "mfs.dialect"; }
  std::string message(int value) const override {
    switch (static_cast<dialect_errc>(value)) {
      case dialect_errc::unknown_family: return "unknown modem family";
      case dialect_errc::sim_not_ready: return "SIM not ready (missing, or PIN/PUK required)";
      case dialect_errc::bearer_failed: return "mobile data bearer could not be activated";
      case dialect_errc::session_not_open: return "no FTP session is open";
      case dialect_errc::no_download: return "no download is active";
      case dialect_errc::session_dropped:
        return "the modem closed the FTP session mid-transfer";
      case dialect_errc::unknown_module:
        return "the modem is not a " + family_display_names("or") + " (by ATI and AT+CGMM)";
      case dialect_errc::no_secure_mode:
        return "the modem's FTP client has no encrypted mode";
    }
    return "unknown dialect error";
  }
};

}  // namespace

const std::error_category& dialect_category() noexcept {
  static const DialectCategory category;
  return category;
}

std::error_code make_error_code(dialect_errc e) noexcept {
  return {static_cast<int>(e), dialect_category()};
}

}  // namespace mfs::dialect
