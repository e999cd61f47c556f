// L610 start-up (sync, SIM, bearer) and the FTP session: FTPOPEN/FTPCLOSE, the +FTPINFO reply
// tracking that gives failures their server code, and the helpers every FTP operation shares
// (lazy reopen, the OK-then-result pattern of asynchronous commands, error mapping).
#include "core/dialect/l610.hpp"

#include "core/at/at_error.hpp"
#include "core/dialect/dialect_error.hpp"
#include "core/dialect/l610_commands.hpp"
#include "core/dialect/l610_errors.hpp"
#include "core/dialect/sim_and_signal.hpp"
#include "core/ftp/ftp_error.hpp"
#include "core/util/log.hpp"

namespace mfs::dialect {

using namespace l610;
using std::chrono::steady_clock;

namespace {

at::CommandSpec spec(std::chrono::milliseconds timeout) { return at::CommandSpec{timeout}; }

}  // namespace

L610::L610(at::AtEngine& engine)
    : engine_(engine), urc_(std::make_shared<UrcState>()), log_(log::get("dialect")) {
  std::weak_ptr<UrcState> weak = urc_;
  engine_.subscribe("+FTPINFO:", [weak](std::string_view line) {
    if (auto state = weak.lock()) state->replies.feed(line);
  });
  // The modem closes the session by itself when the server or the network drops it, or after
  // 120 s of unread download data (PROTOCOL.md section 2, download step 7).
  engine_.subscribe("+FTPCLOSE:", [weak](std::string_view) {
    if (auto state = weak.lock()) {
      state->session_open = false;
      ++state->closes_seen;
    }
  });
}

result<void> L610::start_modem(const BearerConfig& bearer) {
  MFS_TRY(check_wire_string(bearer.apn));
  MFS_TRY(check_wire_string(bearer.user));
  MFS_TRY(check_wire_string(bearer.password));
  urc_->session_open = false;  // after a restart nothing of the old session survives
  reply_echo_on_ = false;
  download_.reset();
  auto started = engine_.resync(after(sync_deadline));
  if (started) started = configure_modem();
  if (started) started = ensure_bearer(bearer);
  if (!started) log_->error("modem start-up failed: {}", describe(started.error()));
  return started;
}

// Echo off, numeric errors, a ready SIM; the signal quality only for the log.
result<void> L610::configure_modem() {
  MFS_TRY(engine_.command("ATE0", spec(local_timeout)));
  MFS_TRY(engine_.command("AT+CMEE=1", spec(local_timeout)));
  // Unpaced FTPRETR streams (seed 1.2.16: a timer paces them on USB, 0 switches it off). A
  // firmware without the setting refuses it; its streams then run at its own pace.
  auto unpaced = engine_.command(ftplimit_command(0), spec(local_timeout));
  if (!unpaced && unpaced.error() != at::at_errc::error &&
      unpaced.error().category() != at::cme_category())
    return unpaced.error();
  return check_sim_and_signal(engine_, *log_, cpin_timeout, local_timeout);
}

result<void> L610::ensure_bearer(const BearerConfig& bearer) {
  MFS_TRY(query, engine_.command("AT+MIPCALL?", spec(local_timeout)));
  for (const auto& line : query.lines) {
    auto state = parse_mipcall(line);
    if (state && state->active) {
      log_->info("bearer already active, address {}", state->ip);
      return success();
    }
  }
  engine_.drop_unclaimed();
  MFS_TRY(engine_.command(mipcall_command(bearer), spec(local_timeout)));
  const auto deadline = after(mipcall_activate_timeout);
  while (true) {
    MFS_TRY(line, engine_.await_line("+MIPCALL:", deadline));
    auto state = parse_mipcall(line);
    if (!state) continue;
    if (!state->active) return dialect_errc::bearer_failed;
    log_->info("bearer active, address {}", state->ip);
    return success();
  }
}

result<void> L610::open_session(const FtpServer& server) {
  if (server.host.empty()) return ftp::ftp_errc::name_empty;
  MFS_TRY(check_wire_string(server.host));
  MFS_TRY(check_wire_string(server.user));
  MFS_TRY(check_wire_string(server.password));
  server_ = server;
  if (download_active() || urc_->session_open) {
    MFS_TRY(close_modem_session());
  }
  download_.reset();
  auto opened = open_once(server);
  if (!opened && opened.error() == at::at_errc::error) {
    // ERROR: the modem still holds a session we did not know of (PROTOCOL.md 2: one at a time).
    log_->info("FTPOPEN refused, closing the modem's stale session and retrying");
    MFS_TRY(close_modem_session());
    opened = open_once(server);
  }
  if (!opened) {
    log_->warn("FTP login to {}:{} failed: {}", server.host, server.port,
               describe(opened.error()));
    return opened;
  }
  ++counters_.ftp_sessions_opened;
  log_->info("FTP session open to {}:{} as {}", server.host, server.port, server.user);
  return success();
}

// One FTPOPEN. +FTPINFO is switched on first so a refused login leaves its code (530); the
// manual says it may only work once a session exists, so an ERROR here is not a failure.
// Once the module echoes replies it is not asked again (a reopen per random read would pay
// that command each time); a login that echoed nothing shows the setting was lost.
result<void> L610::open_once(const FtpServer& server) {
  if (!reply_echo_on_) {
    auto info = engine_.command("AT+FTPINFO=1", spec(local_timeout));
    if (!info && info.error() != at::at_errc::error) return info.error();
  }
  engine_.drop_unclaimed();
  urc_->replies.reset();
  MFS_TRY(engine_.command(ftpopen_command(server), spec(ftp_accept_timeout)));
  MFS_TRY(outcome, await_result("+FTPOPEN", after(ftpopen_timeout)));
  if (outcome.status != 1) return failure(ftp::FtpOp::other);
  urc_->session_open = true;
  reply_echo_on_ = urc_->replies.last_code().has_value();
  if (!reply_echo_on_) {
    auto again = engine_.command("AT+FTPINFO=1", spec(local_timeout));
    if (!again && again.error() != at::at_errc::error) return again.error();
  }
  return success();
}

result<void> L610::close_session() {
  server_.reset();  // asked for: no lazy reopen
  if (!urc_->session_open) {
    download_.reset();
    return success();
  }
  return close_modem_session();
}

// AT+FTPCLOSE, then its +FTPCLOSE: 1. ERROR means the modem had no session: closed either way.
result<void> L610::close_modem_session() {
  download_.reset();
  const auto closes_before = urc_->closes_seen;
  auto accepted = engine_.command("AT+FTPCLOSE", spec(ftp_accept_timeout));
  if (!accepted && accepted.error() == at::at_errc::error) {
    urc_->session_open = false;
    return success();
  }
  MFS_TRY(accepted);
  if (urc_->closes_seen == closes_before) {
    MFS_TRY(engine_.await_line("+FTPCLOSE:", after(ftpclose_timeout)));
  }
  urc_->session_open = false;
  return success();
}

bool L610::session_open() const { return urc_->session_open; }

TransferLimits L610::limits() const { return {max_recv_chunk, max_put_chunk}; }

std::optional<int> L610::last_reply_code() const { return urc_->replies.last_code(); }

// "226 Transfer complete" (or 250) to the STOR, echoed by +FTPINFO: a module that echoes no
// replies gets the size check.
bool L610::upload_confirmed() const {
  const auto code = last_reply_code();
  return code == 226 || code == 250;
}

// Seed tables 2.1 and 2.3: radio and TCP trouble, or a PDP context that went down (2031).
bool L610::is_transient(const std::error_code& error) const {
  const CmeKind kind = cme_kind(error);
  return kind == CmeKind::network || kind == CmeKind::bearer_inactive;
}

// Before any FTP command: a download in progress would make it fail (ERROR), and a session
// closed by an abort or by the modem is reopened here, lazily, with the server we were given.
result<void> L610::prepare_ftp() {
  if (download_active()) {
    MFS_TRY(abort_download());
  }
  download_.reset();
  if (urc_->session_open) return success();
  if (!server_) return dialect_errc::session_not_open;
  FtpServer server = *server_;
  return open_session(server);
}

// Sends an FTP command and returns its response up to OK. Stale lines are dropped first so an
// old result cannot pass for this one. An ERROR may mean the modem lost the session without
// telling us: if AT+FTPOPEN? agrees, reopen and send once more. A remaining ERROR is the
// operation's failure; engine errors and CME codes pass through unchanged for the session.
result<at::Response> L610::send_ftp(std::string_view command, const at::CommandSpec& how,
                                    ftp::FtpOp op) {
  engine_.drop_unclaimed();
  urc_->replies.reset();
  auto accepted = engine_.command(command, how);
  if (!accepted && accepted.error() == at::at_errc::error && unconfirmed_end_) {
    MFS_TRY(confirm_download_end());
    accepted = engine_.command(command, how);
  }
  unconfirmed_end_.reset();
  if (accepted || accepted.error() != at::at_errc::error) return accepted;
  if (server_) {
    MFS_TRY(query, engine_.command("AT+FTPOPEN?", spec(local_timeout)));
    bool open = false;
    for (const auto& line : query.lines) open = open || parse_status(line, "+FTPOPEN") == 1;
    if (!open) {
      log_->info("the modem had lost the FTP session; reopening");
      urc_->session_open = false;
      MFS_TRY(prepare_ftp());
      engine_.drop_unclaimed();
      urc_->replies.reset();
      accepted = engine_.command(command, how);
    }
  }
  if (!accepted && accepted.error() == at::at_errc::error) return failure(op);
  return accepted;
}

// The result of an asynchronous command: "+X: 2,<text>" lines, then "+X: 1" or "+X: 0". The
// engine's await_line also returns the lines that came before OK (the result_before_ok order).
result<L610::AsyncResult> L610::await_result(std::string_view name, at::Deadline deadline) {
  const std::string prefix = std::string(name) + ":";
  AsyncResult out;
  while (true) {
    MFS_TRY(line, engine_.await_line(prefix, deadline));
    auto parsed = parse_text_result(line, name);
    if (!parsed) continue;
    if (parsed->result != 2) {
      out.status = parsed->result;
      return out;
    }
    out.texts.push_back(std::move(parsed->text));
  }
}

// A failed FTP operation: the last failing server reply decides (550 on RMD: not empty), and
// its text when it says why (550 "Permission denied" on DELE).
std::error_code L610::failure(ftp::FtpOp op) const {
  auto code = urc_->replies.last_failure_code();
  if (!code) code = urc_->replies.last_code();
  return ftp::classify_failure(op, code, urc_->replies.last_failure_text());
}

}  // namespace mfs::dialect
