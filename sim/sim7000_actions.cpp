// The login each SIM7000 action starts with, and the actions with one result URC: FTPDELE,
// FTPSIZE, FTPMDTM, FTPMKD, FTPRMD, FTPRENAME (seed 5.8-5.10, 5.17, 5.18). A failure is the
// second field of the result URC (PROTOCOL.md section 3): 61 no bearer, 62 no server set,
// 63 no connection, 71/72 user/password refused, 65 any other login failure, 77 the server
// refused the operation itself (a missing file, a directory that exists).
#include "sim/number.hpp"
#include "sim/sim7000_responder.hpp"

namespace mfs::sim {
namespace {

bool has_reply(const FtpReply& reply, std::string_view code) {
  for (const auto& line : reply.lines)
    if (line.starts_with(code)) return true;
  return false;
}

int login_error(const FtpReply& reply) {
  if (reply.lines.empty()) return 63;
  if (!has_reply(reply, "530")) return 65;
  return has_reply(reply, "331") ? 72 : 71;  // the user was taken, then the password refused
}

// The text after "213 " (SIZE, MDTM); empty when the reply has none.
std::string value_of_213(const FtpReply& reply) {
  for (const auto& line : reply.lines)
    if (line.starts_with("213 ")) return line.substr(4);
  return {};
}

// FTPMKD and FTPRMD act on FTPGETPATH ("/dir/" names the directory "/dir").
std::string directory_of(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

}  // namespace

void Sim7000Responder::on_one_result_action(const CommandLine& cmd) {
  static const std::map<std::string, Action> actions = {
      {"+FTPDELE", Action::dele}, {"+FTPSIZE", Action::size}, {"+FTPMDTM", Action::mdtm},
      {"+FTPMKD", Action::mkd},   {"+FTPRMD", Action::rmd},   {"+FTPRENAME", Action::rename}};
  // AT+FTPDELE=1 in seed 5.8, the bare form elsewhere: both are taken for every action.
  bool shape_ok = cmd.form == CommandForm::exec ||
                  (cmd.form == CommandForm::set && cmd.params.size() == 1 &&
                   parse_number(cmd.params[0], 1).value_or(0) == 1);
  if (!shape_ok) return error();
  Action action = actions.at(cmd.name);
  bool on_directory = action == Action::mkd || action == Action::rmd;
  bool named = on_directory ? !parameter("+FTPGETPATH").empty()
                            : !parameter("+FTPGETNAME").empty() &&
                                  (action != Action::rename || !parameter("+FTPPUTNAME").empty());
  if (!named) return ok_and_urc(cmd.name + ": 1,66");
  start_action(action, cmd.name);
}

// Connects and logs in with FTPUN/FTPPW; on failure sends the result URC and returns null.
std::unique_ptr<FtpBackend> Sim7000Responder::login(const std::string& urc) {
  if (!bearer_) return send_result(urc, 61), nullptr;
  if (parameter("+FTPSERV").empty()) return send_result(urc, 62), nullptr;
  FtpLogin login = open_ftp_session(config_, parameter("+FTPUN"), parameter("+FTPPW"));
  if (!login.session) return send_result(urc, login_error(login.reply)), nullptr;
  ++stats_.ftp_sessions;
  return std::move(login.session);
}

void Sim7000Responder::send_result(const std::string& urc, int code) {
  wire_.line(urc + ": 1," + std::to_string(code));
}

// The rename target is FTPPUTNAME: in FTPGETPATH's directory unless it is absolute (our reading
// of seed 5.17, which sets no FTPPUTPATH).
void Sim7000Responder::run_one_result(Action action, const std::string& urc) {
  auto session = login(urc);
  if (!session) return;
  FtpReply reply;
  std::string value;
  std::string directory = directory_of(parameter("+FTPGETPATH"));
  switch (action) {
    case Action::dele: reply = session->dele(get_file()); break;
    case Action::size: reply = session->size(get_file()); break;
    case Action::mdtm: reply = session->mdtm(get_file()); break;
    case Action::mkd: reply = session->mkd(directory); break;
    case Action::rmd: reply = session->rmd(directory); break;
    default: {
      std::string target = parameter("+FTPPUTNAME");
      if (!target.starts_with('/')) target = directory + (directory == "/" ? "" : "/") + target;
      reply = session->rename(get_file(), target);
    }
  }
  session->quit();
  if (!reply.ok) return send_result(urc, 77);
  if (action == Action::size || action == Action::mdtm) value = "," + value_of_213(reply);
  wire_.line(urc + ": 1,0" + value);
}

}  // namespace mfs::sim
