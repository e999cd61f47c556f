// L610 listings and one-exchange FTP commands: FTPLIST, FTPMKD/RMD/DEL/REN/CWD/NOOP and the
// text commands FTPPWD/SYST/STAT. Every path is checked before anything is sent.
#include "core/dialect/l610.hpp"

#include "core/at/at_error.hpp"
#include "core/dialect/l610_commands.hpp"
#include "core/ftp/ftp_error.hpp"
#include "core/ftp/list_parser.hpp"
#include "core/ftp/path_rules.hpp"
#include "core/util/log.hpp"

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

// LIST's argument. Servers read a leading '-' as options (vsftpd, Pure-FTPd): a relative path
// starting with one is given as "./-x". Paths from the filesystem start with '/', so "-a /-x"
// keeps its options and its path apart.
std::string list_target(std::string_view path) {
  if (path.starts_with('-')) return "./" + std::string(path);
  return std::string(path);
}

// "LIST -a <path>": vsftpd and Pure-FTPd show dotfiles only with -a. Empty when the option
// would push the argument past the wire's 255 octets: that listing goes without it.
std::string list_all_argument(std::string_view path) {
  std::string argument = "-a";
  if (!path.empty()) argument += " " + list_target(path);
  if (argument.size() > ftp::max_wire_path_octets) return {};
  return argument;
}

}  // namespace

// Dotfiles (issue 12 item 4): vsftpd and Pure-FTPd leave them out of a plain LIST and show them
// for "LIST -a"; pyftpdlib shows them always and takes "-a <path>" as a path it cannot find.
// The first listing of a login that names a path asks with -a: a success settles "-a" for the
// login; a refusal followed by a plain success settles the plain form; two refusals settle
// nothing (the path is missing). "LIST -a" alone settles nothing either, since pyftpdlib takes
// that form (and only that one) as the working directory.
result<std::string> L610::list(std::string_view dir_path) {
  if (!dir_path.empty()) {
    MFS_TRY(ftp::check_path(dir_path));
  }
  if (list_argument_is_split(dir_path)) {
    // Entered first, then listed without an argument: one more exchange, only for such names.
    MFS_TRY(change_directory(dir_path));
    dir_path = {};
  }
  const std::string all = list_all_argument(dir_path);
  if (list_shows_all() == false || all.empty()) {
    MFS_TRY(plain, list_exchange(list_target(dir_path)));
    if (!plain) return failure(FtpOp::list);
    return std::move(*plain);
  }
  MFS_TRY(shown, list_exchange(all));
  if (shown) {
    if (!dir_path.empty()) list_form_ = ListForm{counters_.ftp_sessions_opened, true};
    return std::move(*shown);
  }
  if (list_shows_all() == true) return failure(FtpOp::list);
  return list_probing(dir_path);
}

// "-a" was refused on a login whose form is not settled yet: the plain form decides.
result<std::string> L610::list_probing(std::string_view dir_path) {
  MFS_TRY(plain, list_exchange(list_target(dir_path)));
  if (!plain) return failure(FtpOp::list);
  log_->info("the server refuses LIST -a: plain LIST from now on (dotfiles only if it shows them)");
  list_form_ = ListForm{counters_.ftp_sessions_opened, false};
  return std::move(*plain);
}

// What this login learnt about LIST -a; nullopt when nothing yet.
std::optional<bool> L610::list_shows_all() const {
  if (!list_form_ || list_form_->login != counters_.ftp_sessions_opened) return std::nullopt;
  return list_form_->show_all;
}

// FTPLIST: "+FTPLIST: 2", the raw listing, then "+FTPLIST: 1" (or "+FTPLIST: 0", possibly with
// no "2" before it). nullopt is the module's "+FTPLIST: 0": the server refused this argument.
// A file literally named "+FTPLIST: 1" would end the capture early: the one ambiguity of this
// wire (PROTOCOL.md section 2).
result<std::optional<std::string>> L610::list_exchange(std::string_view argument) {
  MFS_TRY(prepare_ftp());
  MFS_TRY(send_ftp(path_command("+FTPLIST", argument), list_spec(), FtpOp::list));
  const auto deadline = after(ftplist_timeout);
  for (bool started = false; !started;) {
    MFS_TRY(line, engine_.await_line("+FTPLIST:", deadline));
    auto state = parse_status(line, "+FTPLIST");
    if (state == 0) return std::optional<std::string>();
    started = state == 2;
  }
  MFS_TRY(capture, engine_.capture_until(list_terminators, deadline));
  if (capture.terminator.back() != '1') return std::optional<std::string>();
  return std::optional<std::string>(std::move(capture.bytes));
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

// LIST of the file's own path: one line whatever the size of its directory. Servers spell the
// entry as the name or as the whole path, so the one file entry shown is the file.
result<std::uint64_t> L610::stored_size(std::string_view path) {
  MFS_TRY(raw, list(path));
  const auto parsed = ftp::parse_listing(raw, std::chrono::system_clock::now());
  if (parsed.entries.size() != 1 || parsed.entries.front().type != ftp::EntryType::file)
    return ftp::ftp_errc::not_found;
  return parsed.entries.front().size;
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
