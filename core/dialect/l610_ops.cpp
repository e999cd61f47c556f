// L610 listings and one-exchange FTP commands: FTPLIST, FTPMKD/RMD/DEL/REN/CWD/NOOP and the
// text commands FTPPWD/SYST/STAT. Every path is checked before anything is sent.
#include "core/dialect/l610.hpp"

#include "core/at/at_error.hpp"
#include "core/dialect/l610_commands.hpp"
#include "core/ftp/path_rules.hpp"

namespace mfs::dialect {

using namespace l610;
using ftp::FtpOp;

namespace {

const at::CommandSpec accept_spec{ftp_accept_timeout};

// The listing may follow "+FTPLIST: 2" before OK (the result_before_ok order): the command
// ends there, so that the listing is captured as the server's bytes.
at::CommandSpec list_spec() {
  at::CommandSpec spec{ftp_accept_timeout};
  spec.data_mode_result = "+FTPLIST: 2";
  return spec;
}

// Both spacings: the listing's end is matched as a whole line (PROTOCOL.md section 2, FTPLIST).
const std::vector<std::string> list_terminators = {"+FTPLIST: 1", "+FTPLIST: 0", "+FTPLIST:1",
                                                   "+FTPLIST:0"};

// Pure-FTPd splits a LIST argument at spaces: "LIST /my dir" succeeds with an empty listing.
// CWD takes its whole argument as one path on every server.
bool list_argument_is_split(std::string_view path) { return path.find(' ') != std::string_view::npos; }

}  // namespace

// FTPLIST: "+FTPLIST: 2", the raw listing, then "+FTPLIST: 1" (or "+FTPLIST: 0", possibly with
// no "2" before it). A file literally named "+FTPLIST: 1" would end the capture early: the one
// ambiguity of this wire (PROTOCOL.md section 2).
result<std::string> L610::list(std::string_view dir_path) {
  if (!dir_path.empty()) {
    MFS_TRY(ftp::check_path(dir_path));
  }
  if (list_argument_is_split(dir_path)) {
    // Entered first, then listed without an argument: one more exchange, only for such names.
    MFS_TRY(change_directory(dir_path));
    dir_path = {};
  }
  MFS_TRY(prepare_ftp());
  MFS_TRY(send_ftp(path_command("+FTPLIST", dir_path), list_spec(), FtpOp::list));
  const auto deadline = after(ftplist_timeout);
  for (bool started = false; !started;) {
    MFS_TRY(line, engine_.await_line("+FTPLIST:", deadline));
    auto state = parse_status(line, "+FTPLIST");
    if (state == 0) return failure(FtpOp::list);
    started = state == 2;
  }
  MFS_TRY(capture, engine_.capture_until(list_terminators, deadline));
  if (capture.terminator.back() != '1') return failure(FtpOp::list);
  return std::move(capture.bytes);
}

// An asynchronous command with a plain result: OK, then "+X: 1" or "+X: 0".
result<void> L610::simple_command(const std::string& command, std::string_view name, FtpOp op) {
  MFS_TRY(prepare_ftp());
  MFS_TRY(send_ftp(command, accept_spec, op));
  MFS_TRY(outcome, await_result(name, after(ftp_reply_timeout)));
  if (outcome.status != 1) return failure(op);
  return success();
}

// An asynchronous command whose result carries server text ("+X: 2,<text>" lines).
result<L610::AsyncResult> L610::text_command(const std::string& command, std::string_view name) {
  MFS_TRY(prepare_ftp());
  MFS_TRY(send_ftp(command, accept_spec, FtpOp::other));
  MFS_TRY(outcome, await_result(name, after(ftp_reply_timeout)));
  if (outcome.status != 1) return failure(FtpOp::other);
  return outcome;
}

result<void> L610::make_directory(std::string_view path) {
  MFS_TRY(ftp::check_path(path));
  return simple_command(path_command("+FTPMKD", path), "+FTPMKD", FtpOp::mkdir);
}

result<void> L610::remove_directory(std::string_view path) {
  MFS_TRY(ftp::check_path(path));
  return simple_command(path_command("+FTPRMD", path), "+FTPRMD", FtpOp::rmdir);
}

result<void> L610::remove_file(std::string_view path) {
  MFS_TRY(ftp::check_path(path));
  return simple_command(path_command("+FTPDEL", path), "+FTPDEL", FtpOp::remove);
}

result<void> L610::rename(std::string_view from, std::string_view to) {
  MFS_TRY(ftp::check_path(from));
  MFS_TRY(ftp::check_path(to));
  return simple_command(ftpren_command(from, to), "+FTPREN", FtpOp::rename);
}

result<void> L610::change_directory(std::string_view path) {
  MFS_TRY(ftp::check_path(path));
  return simple_command(path_command("+FTPCWD", path), "+FTPCWD", FtpOp::cwd);
}

result<void> L610::noop() { return simple_command("AT+FTPNOOP", "+FTPNOOP", FtpOp::other); }

result<std::string> L610::working_directory() {
  MFS_TRY(outcome, text_command("AT+FTPPWD", "+FTPPWD"));
  for (auto it = outcome.texts.rbegin(); it != outcome.texts.rend(); ++it) {
    if (auto dir = pwd_from_text(*it)) return *dir;
  }
  return at::at_errc::unexpected_reply;
}

result<std::string> L610::system_type() {
  MFS_TRY(outcome, text_command("AT+FTPSYST", "+FTPSYST"));
  if (outcome.texts.empty()) return at::at_errc::unexpected_reply;
  return std::string(strip_reply_code(outcome.texts.front()));
}

result<std::vector<std::string>> L610::status(std::string_view path) {
  if (!path.empty()) {
    MFS_TRY(ftp::check_path(path));
  }
  MFS_TRY(outcome, text_command(path_command("+FTPSTAT", path), "+FTPSTAT"));
  return std::move(outcome.texts);
}

}  // namespace mfs::dialect
