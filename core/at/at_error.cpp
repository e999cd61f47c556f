// Categories of the AT layer: the engine's own failures, and the modem's numeric +CME/+CMS
// errors whose value is the modem's number (the dialect's code tables give them meaning).
#include "core/at/at_error.hpp"

#include <string>

namespace mfs::at {
namespace {

class AtCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "mfs.at"; }

  std::string message(int value) const override {
    switch (static_cast<at_errc>(value)) {
      case at_errc::timeout: return "no final result before the deadline";
      case at_errc::error: return "modem answered ERROR";
      case at_errc::line_overflow: return "modem line too long";
      case at_errc::unexpected_reply: return "unexpected modem reply";
      case at_errc::modem_restarted: return "modem restarted";
      case at_errc::oversized_block: return "modem announced a block longer than asked for";
      case at_errc::reply_too_large: return "modem reply over its size limit";
    }
    return "unknown AT error";
  }
};

class CmeCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "mfs.cme"; }

  std::string message(int value) const override {
    return "+CME ERROR: " + std::to_string(value);
  }
};

class CmsCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "mfs.cms"; }

  std::string message(int value) const override {
    return "+CMS ERROR: " + std::to_string(value);
  }
};

}  // namespace

const std::error_category& at_category() noexcept {
  static const AtCategory category;
  return category;
}

std::error_code make_error_code(at_errc e) noexcept {
  return {static_cast<int>(e), at_category()};
}

const std::error_category& cme_category() noexcept {
  static const CmeCategory category;
  return category;
}

const std::error_category& cms_category() noexcept {
  static const CmsCategory category;
  return category;
}

}  // namespace mfs::at
