// Chooses the Dialect for a modem family by name ("l610"), so the session and the command line
// never name a concrete dialect class.
#pragma once

#include <memory>
#include <string_view>

#include "core/at/at_engine.hpp"
#include "core/dialect/dialect.hpp"
#include "core/util/result.hpp"

namespace mfs::dialect {

// The dialect for `family` over `engine`; dialect_errc::unknown_family for a family we do not
// drive. The engine must outlive the dialect.
result<std::unique_ptr<Dialect>> make_dialect(std::string_view family, at::AtEngine& engine);

}  // namespace mfs::dialect
