// The portable conditions' category: their names for messages.
#include "core/dialect/modem_condition.hpp"

#include <string>

namespace mfs::dialect {
namespace {

class ModemConditionCategory : public std::error_category {
 public:
  const char* name() const noexcept override { return "mfs.modem"; }
  std::string message(int value) const override {
    switch (static_cast<modem_condition>(value)) {
      case modem_condition::network_down: return "the modem's network or the server is down";
      case modem_condition::module_busy: return "the modem would not run the command now";
      case modem_condition::transfer_broken: return "the modem's data connection broke";
      case modem_condition::protocol_failed: return "a step of the FTP exchange failed";
    }
    return "unknown modem condition";
  }
};

}  // namespace

const std::error_category& modem_condition_category() noexcept {
  static const ModemConditionCategory category;
  return category;
}

std::error_condition make_error_condition(modem_condition c) noexcept {
  return {static_cast<int>(c), modem_condition_category()};
}

}  // namespace mfs::dialect
