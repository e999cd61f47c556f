// SIM7000 start-up (sync, SIM, CNACT bearer), the FTP parameters the module keeps between its
// per-action logins, and the pattern every action shares: OK, then a result URC
// "+FTPxxx: 1,<code>[,<value>]" whose code 0 is success and 61-80 an error (sim7000_errors).
#include "core/dialect/sim7000.hpp"

#include "core/at/at_error.hpp"
#include "core/dialect/dialect_error.hpp"
#include "core/dialect/l610_errors.hpp"  // describe(): 3GPP CME texts
#include "core/dialect/sim7000_commands.hpp"
#include "core/dialect/sim7000_errors.hpp"
#include "core/dialect/sim_and_signal.hpp"
#include "core/ftp/ftp_error.hpp"
#include "core/util/log.hpp"

namespace mfs::dialect {

using namespace sim7000;
using std::chrono::steady_clock;

namespace {

at::CommandSpec spec(std::chrono::milliseconds timeout) { return at::CommandSpec{timeout}; }

// Every action whose result URC the dialect waits for.
constexpr std::string_view action_names[] = {"+FTPGET",  "+FTPLIST", "+FTPPUT",
                                             "+FTPDELE", "+FTPSIZE", "+FTPMDTM",
                                             "+FTPMKD",  "+FTPRMD",  "+FTPRENAME",
                                             "+FTPETGET", "+FTPETPUT"};

}  // namespace

Sim7000::Sim7000(at::AtEngine& engine)
    : engine_(engine), urc_(std::make_shared<UrcState>()), log_(log::get("dialect")) {
  for (auto name : action_names) watch_action(name);
  std::weak_ptr<UrcState> weak = urc_;
  engine_.subscribe("+APP PDP:", [weak](std::string_view line) {
    auto state = weak.lock();
    auto active = parse_app_pdp(line);
    if (state && active) state->bearer_lost = !*active;
  });
  // A restarted module has forgotten every parameter: they are sent again before the next
  // action (by the recovery's open_session, or lazily by prepare_action).
  engine_.subscribe("RDY", [weak](std::string_view) {
    if (auto state = weak.lock()) state->params_lost = true;
  });
}

// Result lines are counted as they arrive, whoever reads them (a command's own lines included).
void Sim7000::watch_action(std::string_view name) {
  std::weak_ptr<UrcState> weak = urc_;
  engine_.subscribe(std::string(name) + ":", [weak, name](std::string_view line) {
    auto state = weak.lock();
    if (!state) return;
    if (auto result = parse_action_result(line, name)) {
      auto& rec = state->actions[std::string(name)];
      ++rec.seen;
      rec.last = *result;
    }
  });
}

Sim7000::ActionRecord& Sim7000::record(std::string_view name) {
  return urc_->actions[std::string(name)];
}

result<void> Sim7000::start_modem(const BearerConfig& bearer) {
  MFS_TRY(check_wire_string(bearer.apn));
  MFS_TRY(check_wire_string(bearer.user));
  MFS_TRY(check_wire_string(bearer.password));
  params_.clear();  // after a restart the module holds none of them
  put_option_unknown_ = true;  // a daemon killed after an APPE left the module appending
  urc_->params_lost = true;
  download_.reset();
  auto started = engine_.resync(after(sync_deadline));
  if (started) started = configure_modem();
  if (started) started = ensure_bearer(bearer);
  if (started) started = end_stale_action();
  if (!started) log_->error("modem start-up failed: {}", l610::describe(started.error()));
  return started;
}

// Echo off, numeric errors, a ready SIM; the signal quality only for the log.
result<void> Sim7000::configure_modem() {
  MFS_TRY(engine_.command("ATE0", spec(local_timeout)));
  MFS_TRY(engine_.command("AT+CMEE=1", spec(local_timeout)));
  return check_sim_and_signal(engine_, *log_, cpin_timeout, local_timeout);
}

// AT+CNACT? and, when inactive, AT+CNACT=1 then "+APP PDP: ACTIVE" (seed 4.1). APN credentials
// go first with AT+CNCFG, as the seed does.
result<void> Sim7000::ensure_bearer(const BearerConfig& bearer) {
  MFS_TRY(query, engine_.command("AT+CNACT?", spec(local_timeout)));
  for (const auto& line : query.lines) {
    auto state = parse_cnact(line);
    if (state && state->active) {
      log_->info("bearer already active, address {}", state->ip);
      urc_->bearer_lost = false;
      return success();
    }
  }
  if (!bearer.user.empty() || !bearer.password.empty()) {
    MFS_TRY(engine_.command(cncfg_command(bearer), spec(local_timeout)));
  }
  engine_.drop_unclaimed();
  MFS_TRY(engine_.command(cnact_command(bearer), spec(local_timeout)));
  const auto deadline = after(cnact_activate_timeout);
  while (true) {
    MFS_TRY(line, engine_.await_line("+APP PDP:", deadline));
    auto active = parse_app_pdp(line);
    if (!active) continue;
    if (!*active) return dialect_errc::bearer_failed;
    urc_->bearer_lost = false;
    log_->info("bearer active");
    return success();
  }
}

// Sets the parameters, then proves the login with one action (verify_login), as FTPOPEN does on
// the L610: a wrong password fails the start-up rather than the first listing.
result<void> Sim7000::open_session(const FtpServer& server) {
  if (server.host.empty()) return ftp::ftp_errc::name_empty;
  MFS_TRY(check_wire_string(server.host));
  MFS_TRY(check_wire_string(server.user));
  MFS_TRY(check_wire_string(server.password));
  if (download_active()) {
    MFS_TRY(abort_download());
  }
  // Kept whatever follows: until the parameters are in and the login proven, params_lost stays
  // set and the next action's prepare_action tries again.
  server_ = server;
  urc_->params_lost = true;
  MFS_TRY(set_param("+FTPCID", number_param("+FTPCID", ftp_cid)));
  MFS_TRY(set_param("+FTPSERV", string_param("+FTPSERV", server.host)));
  MFS_TRY(set_param("+FTPPORT", number_param("+FTPPORT", server.port)));
  MFS_TRY(set_param("+FTPUN", string_param("+FTPUN", server.user)));
  MFS_TRY(set_param("+FTPPW", string_param("+FTPPW", server.password)));
  MFS_TRY(set_param("+FTPTYPE", string_param("+FTPTYPE", "I")));  // binary: bytes as stored
  MFS_TRY(set_param("+FTPMODE", number_param("+FTPMODE", 1)));    // passive: NAT on cellular
  if (auto verified = verify_login(); !verified) {
    log_->warn("FTP login to {}:{} failed: {}", server.host, server.port, verified.error().message());
    return verified;
  }
  urc_->params_lost = false;
  log_->info("FTP login to {}:{} as {} works", server.host, server.port, server.user);
  return success();
}

// The module logs in only to run an action; the cheapest is SIZE of the login directory itself.
// Only the login and network codes (71/72, 61-65) mean failure: a directory has no size, so the
// usual answer is 77 ("operate error"), which comes after a successful login.
result<void> Sim7000::verify_login() {
  MFS_TRY(set_path_params("+FTPGETPATH", "/", "+FTPGETNAME", "."));
  auto size = run_action("AT+FTPSIZE", "+FTPSIZE", ftp::FtpOp::other);
  if (size || size.error() == ftp::ftp_errc::not_found) return success();
  return size.error();
}

result<void> Sim7000::close_session() {
  if (download_active()) {
    MFS_TRY(abort_download());
  }
  download_.reset();
  server_.reset();
  return success();
}

TransferLimits Sim7000::limits() const {
  return {sim7000::max_read_chunk, sim7000::chunked_upload_limit};
}

bool Sim7000::session_open() const {
  return server_.has_value() && !urc_->bearer_lost && !urc_->params_lost;
}

// An action still running from before (a transfer cut by a fault, or left by a killed daemon)
// makes every new one fail with 66: AT+FTPQUIT ends it, then FTPSTATE must read idle.
result<void> Sim7000::end_stale_action() {
  MFS_TRY(busy, ftp_busy());
  if (!busy) return success();
  log_->info("the module still runs an FTP action; quitting it");
  auto quit = engine_.command("AT+FTPQUIT", spec(ftp_accept_timeout));
  if (!quit && quit.error() != at::at_errc::error) return quit.error();
  const auto deadline = after(ftpquit_timeout);
  while (true) {
    MFS_TRY(still, ftp_busy());
    if (!still) return success();
    auto line = engine_.await_line("+FTP", std::min(deadline, after(stale_poll_interval)));
    if (!line && line.error() != at::at_errc::timeout) return line.error();
    if (steady_clock::now() >= deadline) return at::at_errc::timeout;
  }
}

// Sends a parameter command only when the module does not already hold that value.
result<void> Sim7000::set_param(std::string_view name, const std::string& command) {
  auto known = params_.find(name);
  if (known != params_.end() && known->second == command) return success();
  params_.erase(std::string(name));
  MFS_TRY(engine_.command(command, spec(local_timeout)));
  params_[std::string(name)] = command;
  return success();
}

result<void> Sim7000::set_path_params(std::string_view dir_param, std::string_view dir,
                                      std::string_view name_param, std::string_view name) {
  MFS_TRY(set_param(dir_param, string_param(dir_param, dir)));
  return set_param(name_param, string_param(name_param, name));
}

// Before an action: a running download would make it fail ("operation not allowed"), and the
// parameters must be in the module.
result<void> Sim7000::prepare_action() {
  if (download_active()) {
    MFS_TRY(abort_download());
  }
  download_.reset();
  if (!server_) return dialect_errc::session_not_open;
  if (urc_->bearer_lost) return dialect_errc::bearer_failed;
  if (urc_->params_lost) {
    FtpServer server = *server_;
    return open_session(server);
  }
  return success();
}

// Sends an action command after forgetting its previous result, so only this action's lines
// count. An ERROR here means the module refused the action outright (seed 5.6). Each action is
// one FTP login, which is what the session counter of this family counts.
result<void> Sim7000::start_action(const std::string& command, std::string_view name) {
  engine_.drop_unclaimed();
  record(name).last.reset();
  MFS_TRY(engine_.command(command, spec(ftp_accept_timeout)));
  ++counters_.ftp_sessions_opened;
  return success();
}

// Waits for a result line of `name` newer than the `seen`-th.
result<ActionResult> Sim7000::await_new_result(std::string_view name, std::uint64_t seen,
                                               at::Deadline deadline) {
  const std::string prefix = std::string(name) + ":";
  while (record(name).seen == seen || !record(name).last) {
    MFS_TRY(engine_.await_line(prefix, deadline));
  }
  return *record(name).last;
}

// A one-result action (DELE, SIZE, MDTM, MKD, RMD, RENAME): its result, or its error.
result<ActionResult> Sim7000::run_action(const std::string& command, std::string_view name,
                                         ftp::FtpOp op) {
  const auto seen = record(name).seen;
  MFS_TRY(start_action(command, name));
  MFS_TRY(outcome, await_new_result(name, seen, after(ftp_action_timeout)));
  if (outcome.code != 0) return ftp_failure(outcome.code, op);
  return outcome;
}

// The module's own failure codes of kind network/state/transfer, and 3GPP TS 27.007's
// "no network service" (30) and "network timeout" (31), which both families share.
bool Sim7000::is_transient(const std::error_code& error) const {
  if (error.category() == at::cme_category()) return error.value() == 30 || error.value() == 31;
  return is_transient_result(error);
}

}  // namespace mfs::dialect
