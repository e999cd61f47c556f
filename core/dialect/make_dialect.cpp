// make_dialect: the table of modem families this build drives, and modem=auto's identification
// of the module by ATI and AT+CGMM (both families answer them; the manuals' start-up does not).
#include "core/dialect/make_dialect.hpp"

#include "core/at/at_error.hpp"
#include "core/dialect/dialect_error.hpp"
#include "core/dialect/l610.hpp"
#include "core/dialect/sim7000.hpp"
#include "core/dialect/sim7000_parse.hpp"
#include "core/util/log.hpp"

namespace mfs::dialect {
namespace {

using namespace std::chrono_literals;

// Sync at start-up: either module answers AT within some 15 s of power-on.
constexpr std::chrono::milliseconds identify_sync_deadline = 20s;
// ATI and AT+CGMM are answered from the module's own memory.
constexpr std::chrono::milliseconds identify_timeout = 5s;

std::unique_ptr<Dialect> dialect_for(std::string_view family, at::AtEngine& engine) {
  if (family == "l610") return std::make_unique<L610>(engine);
  if (family == "sim7000") return std::make_unique<Sim7000>(engine);
  return nullptr;
}

// Adds the command's answer lines to `identity` and takes the family from the first that
// names one. ERROR (a module without the command) adds nothing.
result<void> ask(at::AtEngine& engine, std::string_view command, ModemIdentity& identity) {
  auto reply = engine.command(command, at::CommandSpec{identify_timeout});
  if (!reply && reply.error() == at::at_errc::error) return success();
  MFS_TRY(reply);
  for (const auto& line : reply.value().lines) {
    if (line.empty()) continue;
    identity.answer += (identity.answer.empty() ? "" : " / ") + line;
    if (!identity.family) identity.family = sim7000::family_of_model(line);
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
    log->error("unknown modem: ATI and AT+CGMM answered '{}'; modemftpfs drives the Fibocom "
               "L610 and the SIMCom SIM7000 (modem=l610 or modem=sim7000 forces one)",
               identity.answer.empty() ? "(nothing)" : identity.answer);
  }
  return identity;
}

result<std::unique_ptr<Dialect>> make_dialect(std::string_view family, at::AtEngine& engine) {
  if (family == "auto") {
    MFS_TRY(identity, identify_modem(engine));
    if (!identity.family) return dialect_errc::unknown_module;
    return dialect_for(*identity.family, engine);
  }
  if (auto dialect = dialect_for(family, engine)) return dialect;
  return dialect_errc::unknown_family;
}

}  // namespace mfs::dialect
