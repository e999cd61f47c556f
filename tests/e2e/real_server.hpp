// A real FTP server from Debian's packages (pure-ftpd, pyftpdlib) on 127.0.0.1 and a free port,
// serving a directory on disk with a throwaway login, for as long as the object lives.
// (Debian's vsftpd conflicts with pure-ftpd, and refuses an anonymous chroot whose root is
// writable, which the tests need.)
#pragma once

#include <sys/types.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>

namespace mfs::e2e {

namespace fs = std::filesystem;

class RealServer {
 public:
  // The kinds variant_setting("server") may name.
  static bool known(const std::string& kind);

  // Starts `kind` serving `root` (made writable for the server's user), keeping its files in
  // `work`; a server that does not answer within the start limit fails the test.
  // `idle_timeout` > 0 makes it close idle control connections (pure-ftpd counts in minutes).
  RealServer(const std::string& kind, const fs::path& root, const fs::path& work,
             std::chrono::seconds idle_timeout = std::chrono::seconds(0));
  ~RealServer();
  RealServer(const RealServer&) = delete;
  RealServer& operator=(const RealServer&) = delete;

  const std::string& kind() const { return kind_; }
  // ftp://USER@127.0.0.1:PORT, as modem-sim --ftp takes it.
  std::string url() const;
  // A file holding the login's password, as modem-sim --password-file takes it.
  const fs::path& password_file() const { return password_file_; }
  std::uint16_t port() const { return port_; }
  // True when plain LIST shows dotfiles (pyftpdlib; Pure-FTPd only with -D, not used here).
  bool lists_dotfiles() const { return kind_ == "pyftpdlib"; }
  // True when the server keeps root's rights (pyftpdlib here), so nothing is ever refused.
  bool runs_as_root() const { return kind_ == "pyftpdlib" && ::geteuid() == 0; }

 private:
  void start_pyftpdlib(const fs::path& root, std::chrono::seconds idle_timeout);
  void start_pure_ftpd(const fs::path& root, std::chrono::seconds idle_timeout);
  void wait_until_answering();

  std::string kind_;
  fs::path work_;
  fs::path password_file_;
  std::string user_ = "mfs";
  std::string password_;
  std::uint16_t port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace mfs::e2e
