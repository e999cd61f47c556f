// Chooses the Dialect for a modem family by name (a row of families.hpp), or by asking the
// module ("auto"), so the session and the command line never name a concrete dialect class.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/at/at_engine.hpp"
#include "core/dialect/dialect.hpp"
#include "core/util/result.hpp"

namespace mfs::dialect {

// What the module says it is: its answers to ATI and AT+CGMM (lines joined with " / "), and
// the family they name, if any.
struct ModemIdentity {
  std::optional<std::string> family;
  std::string answer;
};

// Syncs the line and asks ATI, then AT+CGMM if ATI named no family. A module that answers
// neither with a family we drive is logged at error level with its answers.
result<ModemIdentity> identify_modem(at::AtEngine& engine);

// The dialect for `family` over `engine`: a row's name, or "auto" (identify_modem, then
// dialect_errc::unknown_module for a module we do not drive); unknown_family for any other
// name. The engine must outlive the dialect.
result<std::unique_ptr<Dialect>> make_dialect(std::string_view family, at::AtEngine& engine);

}  // namespace mfs::dialect
