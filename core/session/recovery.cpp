// Transient-failure classification and the recovery sequence (see recovery.hpp).
#include "core/session/recovery.hpp"

#include "core/at/at_error.hpp"
#include "core/dialect/dialect_error.hpp"
#include "core/ftp/ftp_error.hpp"
#include "core/link/link_error.hpp"
#include "core/session/session_error.hpp"
#include "core/util/log.hpp"

namespace mfs::session {

bool is_transient(const std::error_code& ec, const dialect::Dialect& dialect) {
  if (ec == link::link_errc::cancelled) return false;  // the daemon is stopping
  if (ec.category() == link::link_category()) return true;
  if (ec.category() == at::at_category()) return ec != at::at_errc::unexpected_reply;
  if (ec == dialect::dialect_errc::session_dropped || ec == dialect::dialect_errc::bearer_failed)
    return true;
  if (ec == session_errc::upload_incomplete || ec == session_errc::short_download) return true;
  // A failure without a server reply to classify it: the module itself refused (plain ERROR),
  // or the session went. Retrying costs a little time; giving up would answer EIO all the same.
  if (ec == ftp::ftp_errc::operation_failed) return true;
  return dialect.is_transient(ec);
}

result<void> recover(ModemParts parts, const std::error_code& cause,
                     std::chrono::steady_clock::time_point deadline) {
  auto log = log::get("session");
  if (cause.category() == link::link_category() && cause != link::link_errc::timeout &&
      cause != link::link_errc::request_deadline)
    parts.link.close();  // the device vanished: only a fresh open can see it again
  if (!parts.link.is_open()) {
    MFS_TRY(parts.link.open());
    log->info("reopened {}", parts.link.config().device);
  }
  const auto resync_deadline = std::min(deadline, std::chrono::steady_clock::now() +
                                                      std::chrono::seconds(10));
  MFS_TRY(parts.engine.resync(resync_deadline));
  MFS_TRY(parts.dialect.start_modem(parts.bearer));
  if (!parts.dialect.session_open()) {
    MFS_TRY(parts.dialect.open_session(parts.server));
  }
  return success();
}

}  // namespace mfs::session
