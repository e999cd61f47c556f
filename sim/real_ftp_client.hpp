// The real-server backend: the simulated module's FTP session relayed to a real FTP server
// (RFC 959 over Boost.Asio; binary type, passive data connections by EPSV, else PASV). Reply
// lines and LIST bytes pass through unchanged, as a module relays them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sim/ftp_backend.hpp"
#include "sim/real_ftp_control.hpp"

namespace mfs::sim {

// ftp://[USER@]HOST[:PORT][/]; no password in it (that comes from a file or the environment).
struct FtpUrl {
  std::string user = "anonymous";
  std::string host;
  std::uint16_t port = 21;
};
std::optional<FtpUrl> parse_ftp_url(std::string_view url);

class RealFtpClient final : public FtpBackend {
 public:
  // Connects, reads the greeting, logs in (USER/PASS) and sets TYPE I. The reply holds every
  // line the server sent; session is set when the login succeeded.
  static FtpLogin open(const FtpUrl& url, std::string_view password);

  FtpReply cwd(std::string_view path) override;
  FtpReply cdup() override;
  FtpReply pwd() override;
  FtpReply mkd(std::string_view path) override;
  FtpReply rmd(std::string_view path) override;
  FtpReply dele(std::string_view path) override;
  FtpReply rename(std::string_view from, std::string_view to) override;
  FtpReply syst() override;
  FtpReply noop() override;
  FtpReply stat(std::optional<std::string_view> path) override;
  FtpReply size(std::string_view path) override;
  FtpReply mdtm(std::string_view path) override;
  FtpReply list(std::optional<std::string_view> path, std::string& data) override;
  FtpReply retr(std::string_view path, std::uint64_t offset,
                std::unique_ptr<DataReader>& data) override;
  FtpReply stor(std::string_view path, std::uint64_t offset,
                std::unique_ptr<DataWriter>& data) override;
  FtpReply quit() override;
  bool closed_by_server() override;

  // For the data connections: the reply that ends a transfer.
  ControlReply transfer_end();

 private:
  // Sends one command; adds its reply lines to `into` and returns the reply.
  ControlReply exchange(std::string_view line, FtpReply& into);
  // One command whose positive (2xx) completion is success.
  FtpReply simple(std::string_view verb, std::optional<std::string_view> argument);
  // EPSV (else PASV), the data connection, REST when `offset` is not 0, then `command` (its
  // reply in `start`); on a preliminary reply returns the connected data socket.
  std::unique_ptr<TimedSocket> start_transfer(const std::string& command, std::uint64_t offset,
                                              FtpReply& into, ControlReply& start);
  std::unique_ptr<TimedSocket> open_data_connection(FtpReply& into);

  FtpControl control_;
  bool closed_ = false;  // the server sent 421 or closed the control connection
};

}  // namespace mfs::sim
