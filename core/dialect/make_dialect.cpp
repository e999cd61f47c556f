// make_dialect: the table of modem families this build drives.
#include "core/dialect/make_dialect.hpp"

#include "core/dialect/dialect_error.hpp"
#include "core/dialect/l610.hpp"

namespace mfs::dialect {

result<std::unique_ptr<Dialect>> make_dialect(std::string_view family, at::AtEngine& engine) {
  if (family == "l610") return std::unique_ptr<Dialect>(std::make_unique<L610>(engine));
  return dialect_errc::unknown_family;
}

}  // namespace mfs::dialect
