// make_dialect: a family's dialect from the family table, and modem=auto's identification of
// the module by ATI and AT+CGMM (every family answers them; the manuals' start-up does not).
#include "core/dialect/make_dialect.hpp"

#include "core/at/at_error.hpp"
#include "core/dialect/dialect_error.hpp"
#include "core/dialect/families.hpp"
#include "core/util/log.hpp"

namespace mfs::dialect {
namespace {

using namespace std::chrono_literals;

// Sync at start-up: each module answers AT within some 15 s of power-on.
constexpr std::chrono::milliseconds identify_sync_deadline = 20s;
// ATI and AT+CGMM are answered from the module's own memory.
constexpr std::chrono::milliseconds identify_timeout = 5s;

// Adds the command's answer lines to `identity` and takes the family from the first that
// names one. ERROR (a module without the command) adds nothing.
result<void> ask(at::AtEngine& engine, std::string_view command, ModemIdentity& identity) {
  auto reply = engine.command(command, at::CommandSpec{identify_timeout});
  if (!reply && reply.error() == at::at_errc::error) return success();
  MFS_TRY(reply);
  for (const auto& line : reply.value().lines) {
    if (line.empty()) continue;
    identity.answer += (identity.answer.empty() ? "" : " / ") + line;
    const Family* family = family_of_model(line);
    if (!identity.family && family) identity.family = std::string(family->name);
  }
  return success();
}

}  // namespace

result<ModemIdentity> identify_modem(at::AtEngine& engine) {
  MFS_TRY(engine.resync(std::chrono::steady_clock::now() + identify_sync_deadline));
  ModemIdentity identity;
  MFS_TRY(ask(engine, "ATI", identity));
  if (!identity.family) {
    MFS_TRY(ask(engine, "AT+CGMM", identity));
  }
  auto log = log::get("dialect");
  if (identity.family) {
    log->info("modem identified as {} ({})", *identity.family, identity.answer);
  } else {
    log->error("unknown modem: ATI and AT+CGMM answered '{}'; modemftpfs drives the {} ({} "
               "forces one)", identity.answer.empty() ? "(nothing)" : identity.answer,
               family_display_names("and"), family_options());
  }
  return identity;
}

result<std::unique_ptr<Dialect>> make_dialect(std::string_view family, at::AtEngine& engine) {
  if (family == automatic_family) {
    MFS_TRY(identity, identify_modem(engine));
    if (!identity.family) return dialect_errc::unknown_module;
    return find_family(*identity.family)->make(engine);
  }
  if (const Family* row = find_family(family)) return row->make(engine);
  return dialect_errc::unknown_family;
}

}  // namespace mfs::dialect
