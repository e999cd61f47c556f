// A ready SIM and the signal quality, as both families check them (see sim_and_signal.hpp).
#include "core/dialect/sim_and_signal.hpp"

#include <optional>
#include <string>

#include "core/dialect/dialect_error.hpp"
#include "core/dialect/l610_parse.hpp"
#include "core/util/log.hpp"

namespace mfs::dialect {

result<void> check_sim_and_signal(at::AtEngine& engine, spdlog::logger& log,
                                  std::chrono::milliseconds cpin_timeout,
                                  std::chrono::milliseconds csq_timeout) {
  MFS_TRY(cpin, engine.command("AT+CPIN?", at::CommandSpec{cpin_timeout}));
  std::optional<std::string> sim;
  for (const auto& line : cpin.lines) {
    if (auto state = l610::parse_cpin(line)) sim = state;
  }
  if (sim != "READY") {
    log.error("SIM not ready: +CPIN: {}", sim.value_or("(no answer)"));
    return dialect_errc::sim_not_ready;
  }
  MFS_TRY(csq, engine.command("AT+CSQ", at::CommandSpec{csq_timeout}));
  for (const auto& line : csq.lines) {
    if (auto quality = l610::parse_csq(line))
      log.info("signal: rssi {} ber {}", quality->rssi, quality->ber);
  }
  return success();
}

}  // namespace mfs::dialect
