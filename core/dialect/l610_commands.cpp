// Builders of the L610's command lines (seed manual section 1.2) and the wire-string check that
// guards them: a value is quoted only after it is known to be expressible (PROTOCOL.md section 1).
#include "core/dialect/l610_commands.hpp"

#include "core/ftp/path_rules.hpp"

namespace mfs::dialect::l610 {

result<void> check_wire_string(std::string_view value) { return ftp::check_wire_text(value); }

std::string quote_param(std::string_view value) {
  std::string out;
  out.reserve(value.size() + 2);
  out += '"';
  out += value;
  out += '"';
  return out;
}

std::string mipcall_command(const BearerConfig& bearer) {
  std::string out = "AT+MIPCALL=1," + quote_param(bearer.apn);
  if (!bearer.user.empty() || !bearer.password.empty())
    out += "," + quote_param(bearer.user) + "," + quote_param(bearer.password);
  return out;
}

std::string ftpopen_command(const FtpServer& server) {
  return "AT+FTPOPEN=" + quote_param(server.host) + "," + quote_param(server.user) + "," +
         quote_param(server.password) + ",\"\",0," + std::to_string(server.port) + ",0" +
         (server.secure ? ",1" : "");
}

std::string path_command(std::string_view name, std::string_view path) {
  std::string out = "AT";
  out += name;
  if (!path.empty()) out += "=" + quote_param(path);
  return out;
}

std::string ftpren_command(std::string_view from, std::string_view to) {
  return "AT+FTPREN=" + quote_param(from) + "," + quote_param(to);
}

std::string ftpget_command(std::string_view path, std::uint64_t offset) {
  return "AT+FTPGET=" + quote_param(path) + ",1," + std::to_string(offset);
}

std::string ftprecv_command(std::size_t max_bytes) {
  return "AT+FTPRECV=" + std::to_string(max_bytes);
}

std::string ftpput_command(std::string_view path, std::size_t length, bool eof) {
  return "AT+FTPPUT=" + quote_param(path) + "," + std::to_string(length) + "," + (eof ? "1" : "0") +
         ",1";
}

std::string ftpstor_command(std::string_view path, std::uint64_t offset) {
  return "AT+FTPSTOR=" + quote_param(path) + ",1," + std::to_string(offset);
}

std::string ftpretr_command(std::string_view path, std::uint64_t offset) {
  return "AT+FTPRETR=" + quote_param(path) + ",1," + std::to_string(offset);
}

std::string ftplimit_command(unsigned period) {
  return "AT+GTSET=\"FTPLIMIT\"," + std::to_string(period);
}

}  // namespace mfs::dialect::l610
