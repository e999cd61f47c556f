// Start-up of the modem session and the words for its failures.
#include "fusefs/connect.hpp"

#include <fmt/format.h>

#include "core/at/at_error.hpp"
#include "core/dialect/dialect_error.hpp"
#include "core/dialect/families.hpp"
#include "core/ftp/ftp_error.hpp"
#include "core/link/device_holders.hpp"
#include "core/link/link_error.hpp"
#include "core/util/log.hpp"

namespace mfs::fusefs {
namespace {

// Who holds the port, as far as /proc tells: an earlier modemftpfs still running is named as
// such, so nobody goes looking for ModemManager.
std::string describe_busy(const std::string& device) {
  const auto holder =
      link::blocking_holder(link::other_holders(link::resolve_device_path(device)));
  if (holder && holder->kind == link::HolderKind::modemftpfs) {
    return fmt::format("{} is held by {}: unmount it, or wait for it to exit", device,
                       link::describe(*holder));
  }
  return fmt::format("{} is in use by {}: see UDEV RULE in modemftpfs(1)", device,
                     holder ? link::describe(*holder) : "another process (ModemManager?)");
}

}  // namespace

std::string describe_connect_error(const std::error_code& error,
                                   const session::SessionConfig& config) {
  const std::string& device = config.serial.device;
  if (error == link::link_errc::device_busy) return describe_busy(device);
  if (error.category() == link::link_category() || error.category() == std::generic_category() ||
      error.category() == std::system_category()) {
    return fmt::format("cannot open {}: {}", device, error.message());
  }
  if (error == at::at_errc::timeout) {
    return fmt::format("no answer from the modem on {} (is it the AT port? is baud= right?)",
                       device);
  }
  if (error == dialect::dialect_errc::sim_not_ready)
    return "the modem's SIM is not ready (no SIM card, or a PIN or PUK is needed)";
  if (error == dialect::dialect_errc::unknown_module) {
    return fmt::format("the modem on {} is not a {} (its answers to ATI and AT+CGMM are logged "
                       "above); -o {} forces a family", device, dialect::family_display_names("or"),
                       dialect::family_options());
  }
  if (error == dialect::dialect_errc::no_secure_mode) {
    return fmt::format("-o secure: the modem on {} has no encrypted FTP mode (only the {} has "
                       "one); mount without -o secure to log in in clear", device,
                       dialect::secure_mode_families());
  }
  if (error == dialect::dialect_errc::bearer_failed) {
    return "the mobile data connection did not come up (check apn=, apn_user=, "
           "apn_passfile= and the signal)";
  }
  if (error == ftp::ftp_errc::permission_denied) {
    return fmt::format("the FTP server {}:{} refused the login of user '{}' (check user= and "
                       "passfile=)", config.server.host, config.server.port, config.server.user);
  }
  return fmt::format("cannot reach the FTP server {}:{} through {}: {}", config.server.host,
                     config.server.port, device, error.message());
}

std::string connect_modem(const session::SessionConfig& config,
                          std::unique_ptr<session::Session>& session) {
  auto started = session::Session::start(config);
  if (!started) return describe_connect_error(started.error(), config);
  session = std::move(started).value();
  log::get("fusefs")->info("connected to {}:{} through {}", config.server.host, config.server.port,
                           config.serial.device);
  return {};
}

void log_session_stats(const session::SessionStats& stats) {
  log::get("fusefs")->info(
      "session: {} requests, {} AT commands, {} bytes to the modem, {} bytes from it, "
      "{} FTP sessions, {} downloads, {} uploads, {} reconnects",
      stats.requests, stats.at_commands, stats.serial_bytes_out, stats.serial_bytes_in,
      stats.ftp_sessions_opened, stats.downloads_started, stats.uploads, stats.reconnects);
}

void log_data_usage(const session::SessionStatus& status) {
  const auto& m = status.usage_mount;
  const auto& p = status.usage_period;
  log::get("fusefs")->info(
      "data: {} bytes down, {} up since the mount (serial {} out, {} in); {} down, {} up since "
      "{}{}",
      m.payload_down, m.payload_up, m.serial_out, m.serial_in, p.payload_down, p.payload_up,
      status.period_start,
      status.budget.bytes ? fmt::format(" (budget {} bytes)", status.budget.bytes) : std::string());
}

}  // namespace mfs::fusefs
