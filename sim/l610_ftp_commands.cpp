// The L610's session and control-connection FTP commands: +FTPOPEN/+FTPCLOSE, +FTPINFO,
// +FTPMODE, +FTPREST, the one-result commands (CWD, MKD, RMD, DEL, CDUP, NOOP, REN), the text
// commands (PWD, SYST, STAT) and +FTPLIST.
#include <cctype>

#include "sim/l610_responder.hpp"
#include "sim/number.hpp"

namespace mfs::sim {
namespace {

// The seed's largest offset for +FTPREST/+FTPGET/+FTPSTOR/+FTPRETR.
constexpr std::uint64_t max_offset = 0xFFFFFFE;
constexpr std::uint64_t max_port = 65535;

std::string result_urc(const std::string& name, bool ok) { return name + (ok ? ": 1" : ": 0"); }

// "+FTPSTAT: 2,<text>" carries a server line without its reply code ("215 UNIX Type: L8").
std::string without_code(const std::string& line) {
  bool coded = line.size() >= 4 && std::isdigit(static_cast<unsigned char>(line[0])) &&
               (line[3] == ' ' || line[3] == '-');
  return coded ? line.substr(4) : line;
}

bool valid_open_params(const std::vector<Param>& p) {
  if (p.size() < 3 || p.size() > 8 || !p[0].quoted || !p[1].quoted || !p[2].quoted) return false;
  for (std::size_t i = 4; i < p.size() && i < 7; ++i)
    if (!p[i].text.empty() && !parse_number(p[i], max_port)) return false;
  return p.size() < 8 || p[7].text.empty() || parse_number(p[7], 1);  // <sftpmode>: 0 or 1
}

// Seed 000, FTPOPEN: <sftpmode> 1 enables the module's encrypted mode. The simulator serves
// plain FTP either way and counts the sessions asked for encrypted.
bool asks_secure(const std::vector<Param>& p) {
  return p.size() == 8 && p[7].text == "1";
}

}  // namespace

void L610Responder::on_ftpopen(const CommandLine& cmd) {
  if (cmd.form == CommandForm::query) {
    wire_.line(result_urc("+FTPOPEN", session_ != nullptr));
    return ok();
  }
  if (cmd.form != CommandForm::set || !valid_open_params(cmd.params)) return error();
  if (!bearer_) return cme_error(2031);
  if (session_) return error();  // one session at a time
  FtpLogin login = open_ftp_session(config_, cmd.params[1].text, cmd.params[2].text);
  if (login.session) {
    session_ = std::move(login.session);
    ++stats_.ftp_sessions;
    if (asks_secure(cmd.params)) ++stats_.ftp_sessions_secure;
  }
  async_result(login.reply, result_urc("+FTPOPEN", session_ != nullptr));
}

void L610Responder::on_ftpclose(const CommandLine& cmd) {
  if (cmd.form != CommandForm::exec) return error();
  if (!require_session()) return;
  bool before = wire_.has(Quirk::result_before_ok);
  if (!before) ok();
  wire_.hold_for(config_.link.rtt);
  info(session_->quit());
  close_session(true);
  if (before) ok();
}

// Ends the session and everything riding on it; `announce` sends "+FTPCLOSE: 1".
void L610Responder::close_session(bool announce) {
  if (!session_) return;
  download_.reset();
  upload_.reset();
  session_.reset();
  rest_ = 0;
  if (announce) wire_.line("+FTPCLOSE: 1");
}

void L610Responder::on_ftpinfo(const CommandLine& cmd) {
  if (cmd.form == CommandForm::query) {
    wire_.line(std::string("+FTPINFO: ") + (ftpinfo_ ? "1" : "0"));
    return ok();
  }
  auto on = cmd.params.size() == 1 ? parse_number(cmd.params[0], 1) : std::nullopt;
  if (cmd.form != CommandForm::set || !on) return error();
  ftpinfo_ = *on == 1;
  ok();
}

void L610Responder::on_ftpmode(const CommandLine& cmd) {
  if (cmd.form == CommandForm::query) {
    wire_.line("+FTPMODE: " + std::to_string(ftpmode_));
    return ok();
  }
  auto mode = cmd.params.size() == 1 ? parse_number(cmd.params[0], 1) : std::nullopt;
  if (cmd.form != CommandForm::set || !mode) return error();
  ftpmode_ = static_cast<int>(*mode);
  ok();
}

void L610Responder::on_ftprest(const CommandLine& cmd) {
  if (cmd.form == CommandForm::query) {
    wire_.line("+FTPREST: " + std::to_string(rest_));
    return ok();
  }
  auto offset = cmd.params.size() == 1 ? parse_number(cmd.params[0], max_offset) : std::nullopt;
  if (cmd.form != CommandForm::set || !offset) return error();
  rest_ = *offset;
  ok();
}

// CWD, MKD, RMD, DEL take one quoted path; CDUP and NOOP take none. Result: +FTPxxx: 1 or 0.
void L610Responder::on_path_command(const CommandLine& cmd) {
  bool takes_path = cmd.name != "+FTPCDUP" && cmd.name != "+FTPNOOP";
  bool shape_ok = takes_path ? (cmd.form == CommandForm::set && cmd.params.size() == 1 &&
                                cmd.params[0].quoted)
                             : cmd.form == CommandForm::exec;
  if (!shape_ok) return error();
  if (!require_session()) return;
  const std::string path = takes_path ? cmd.params[0].text : "";
  FtpReply reply;
  if (cmd.name == "+FTPCWD") reply = session_->cwd(path);
  if (cmd.name == "+FTPMKD") reply = session_->mkd(path);
  if (cmd.name == "+FTPRMD") reply = session_->rmd(path);
  if (cmd.name == "+FTPDEL") reply = session_->dele(path);
  if (cmd.name == "+FTPCDUP") reply = session_->cdup();
  if (cmd.name == "+FTPNOOP") reply = session_->noop();
  async_result(reply, result_urc(cmd.name, reply.ok));
}

void L610Responder::on_ftpren(const CommandLine& cmd) {
  const auto& p = cmd.params;
  if (cmd.form != CommandForm::set || p.size() != 2 || !p[0].quoted || !p[1].quoted)
    return error();
  if (!require_session()) return;
  FtpReply reply = session_->rename(p[0].text, p[1].text);
  async_result(reply, result_urc(cmd.name, reply.ok));
}

// PWD, SYST and STAT[="path"]: one "+FTPxxx: 2,<text>" per server line, then the result.
void L610Responder::on_text_command(const CommandLine& cmd) {
  bool with_path = cmd.name == "+FTPSTAT" && cmd.form == CommandForm::set;
  bool shape_ok = cmd.form == CommandForm::exec ||
                  (with_path && cmd.params.size() == 1 && cmd.params[0].quoted);
  if (!shape_ok) return error();
  if (!require_session()) return;
  std::optional<std::string_view> path;
  if (with_path) path = cmd.params[0].text;
  FtpReply reply = cmd.name == "+FTPPWD"    ? session_->pwd()
                   : cmd.name == "+FTPSYST" ? session_->syst()
                                            : session_->stat(path);
  bool before = wire_.has(Quirk::result_before_ok);
  if (!before) ok();
  wire_.hold_for(config_.link.rtt);
  info(reply);
  if (reply.ok && cmd.name == "+FTPPWD") {
    wire_.line("+FTPPWD: 2,\"" + quoted_path(reply).value_or("") + "\"");
  } else if (reply.ok) {
    for (const auto& line : reply.lines) wire_.line(cmd.name + ": 2," + without_code(line));
  }
  wire_.line(result_urc(cmd.name, reply.ok));
  if (before) ok();
}

// +FTPLIST: 2, the raw listing, +FTPLIST: 1; nothing may come between those three.
void L610Responder::on_ftplist(const CommandLine& cmd) {
  bool shape_ok = cmd.form == CommandForm::exec ||
                  (cmd.form == CommandForm::set && cmd.params.size() == 1 && cmd.params[0].quoted);
  if (!shape_ok) return error();
  if (!require_session()) return;
  std::string data;
  std::optional<std::string_view> path;
  if (!cmd.params.empty()) path = cmd.params[0].text;
  FtpReply reply = session_->list(path, data);
  bool before = wire_.has(Quirk::result_before_ok);
  if (!before) ok();
  wire_.hold_for(config_.link.rtt);
  info(reply);
  if (reply.ok) {
    wire_.line("+FTPLIST: 2");
    wire_.relay(data, config_.link);
    wire_.bare_line("+FTPLIST: 1");
  } else {
    wire_.line("+FTPLIST: 0");
  }
  if (before) ok();
}

}  // namespace mfs::sim
