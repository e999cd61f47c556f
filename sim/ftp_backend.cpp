// open_ftp_session picks the store behind the simulated module; quoted_path reads 257 replies.
#include "sim/ftp_backend.hpp"

#include "sim/ftp_server.hpp"
#include "sim/real_ftp_client.hpp"
#include "sim/simulator.hpp"

namespace mfs::sim {

FtpLogin open_ftp_session(const SimConfig& config, std::string_view user, std::string_view password) {
  if (!config.ftp_url.empty()) {
    // The --ftp URL and its password win; the module's FTPOPEN credentials are not used.
    auto url = parse_ftp_url(config.ftp_url);
    if (!url) return {{false, {"421 Service not available (bad --ftp URL)."}}, nullptr};
    return RealFtpClient::open(*url, config.password);
  }
  FtpLogin login{DirFtpServer::login(user, password, config.user, config.password), nullptr};
  const ListStyle style =
      config.quirks.contains(Quirk::pyftpdlib_list) ? ListStyle::pyftpdlib : ListStyle::vsftpd;
  if (login.reply.ok) login.session = std::make_unique<DirFtpServer>(config.root, style);
  return login;
}

std::optional<std::string> quoted_path(const FtpReply& reply) {
  for (const auto& line : reply.lines) {
    if (!line.starts_with("257")) continue;
    auto open = line.find('"');
    if (open == std::string::npos) return std::nullopt;
    std::string path;
    for (std::size_t i = open + 1; i < line.size(); ++i) {
      if (line[i] != '"') {
        path += line[i];
      } else if (i + 1 < line.size() && line[i + 1] == '"') {
        path += '"';
        ++i;
      } else {
        return path;
      }
    }
  }
  return std::nullopt;
}

}  // namespace mfs::sim
