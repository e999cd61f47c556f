// RealServer: each server started in the foreground with a generated configuration, the
// password kept out of every command line, readiness seen as a 220 greeting on the port.
#include "real_server.hpp"

#include <arpa/inet.h>
#include <crypt.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <fstream>
#include <random>
#include <vector>

extern char** environ;

namespace mfs::e2e {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::seconds start_limit{20};
constexpr std::chrono::seconds stop_limit{10};
// The unprivileged account pure-ftpd acts as when started by root (as in CI).
constexpr uid_t nobody_uid = 65534;
constexpr gid_t nogroup_gid = 65534;

// pyftpdlib with a user whose password comes from the environment, so that ps never shows it.
constexpr const char* pyftpdlib_script = R"(
import os, sys
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import FTPServer
root, port, user, idle = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
authorizer = DummyAuthorizer()
authorizer.add_user(user, os.environ["MFS_TEST_FTP_PASSWORD"], root, perm="elradfmwMT")
FTPHandler.authorizer = authorizer
if idle:
    FTPHandler.timeout = idle
# A poll timeout, or the idle timer is only looked at when some socket wakes the loop.
FTPServer(("127.0.0.1", port), FTPHandler).serve_forever(timeout=0.5)
)";

// A port nothing listens on now (the kernel's pick for an ephemeral bind).
std::uint16_t free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

std::string throwaway_password() {
  std::random_device random;
  std::string password = "mfs-";
  for (int i = 0; i < 16; ++i) password += "abcdefghijklmnopqrstuvwxyz0123456789"[random() % 36];
  return password;
}

// Starts `args` with `extra_env` added, stdout and stderr into `log`.
pid_t start(const std::vector<std::string>& args, const std::vector<std::string>& extra_env,
            const fs::path& log) {
  std::vector<char*> argv, envp;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  for (char** e = environ; *e; ++e) envp.push_back(*e);
  for (const auto& e : extra_env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

int wait_exit(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

bool RealServer::known(const std::string& kind) {
  return kind == "pure-ftpd" || kind == "pyftpdlib";
}

RealServer::RealServer(const std::string& kind, const fs::path& root, const fs::path& work,
                       std::chrono::seconds idle_timeout)
    : kind_(kind), work_(work), password_file_(work / "server-password"),
      password_(throwaway_password()), port_(free_port()) {
  REQUIRE(known(kind));
  fs::create_directories(work_);
  std::ofstream(password_file_) << password_ << "\n";
  ::chmod(password_file_.c_str(), 0600);
  // pure-ftpd acts as nobody: the tree must be its to change.
  ::chmod(root.c_str(), 0777);
  if (kind == "pyftpdlib") start_pyftpdlib(root, idle_timeout);
  if (kind == "pure-ftpd") start_pure_ftpd(root, idle_timeout);
  wait_until_answering();
}

RealServer::~RealServer() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0));
  pollfd pfd{pidfd, POLLIN, 0};
  const bool exited = pidfd >= 0 && ::poll(&pfd, 1, static_cast<int>(stop_limit.count() * 1000)) > 0;
  if (pidfd >= 0) ::close(pidfd);
  if (!exited) ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
}

std::string RealServer::url() const {
  return "ftp://" + user_ + "@127.0.0.1:" + std::to_string(port_);
}

void RealServer::start_pyftpdlib(const fs::path& root, std::chrono::seconds idle_timeout) {
  pid_ = start({"/usr/bin/python3", "-c", pyftpdlib_script, root.string(), std::to_string(port_),
                user_, std::to_string(idle_timeout.count())},
               {"MFS_TEST_FTP_PASSWORD=" + password_}, work_ / "server.log");
}

// A virtual user (pure-pw's puredb) mapped to nobody, chrooted to `root`. The passwd line is
// written here with a SHA-512 crypt hash: pure-pw's own argon2id takes seconds per login.
void RealServer::start_pure_ftpd(const fs::path& root, std::chrono::seconds idle_timeout) {
  const fs::path passwd = work_ / "pureftpd.passwd";
  crypt_data scratch{};
  const char* hash = crypt_r(password_.c_str(), "$6$mfse2etest$", &scratch);
  REQUIRE(hash != nullptr);
  std::ofstream(passwd) << user_ << ":" << hash << ":" << nobody_uid << ":" << nogroup_gid
                        << "::" << root.string() << "/./::::::::::::\n";
  const pid_t mkdb = start({"/usr/bin/pure-pw", "mkdb", (work_ / "pureftpd.pdb").string(), "-f",
                            passwd.string()},
                           {}, work_ / "server.log");
  INFO(slurp(work_ / "server.log"));
  REQUIRE(wait_exit(mkdb) == 0);
  // pure-ftpd's idle limit is in minutes.
  const auto minutes = (idle_timeout.count() + 59) / 60;
  std::vector<std::string> args = {"/usr/sbin/pure-ftpd",
                                   "-S", "127.0.0.1," + std::to_string(port_),
                                   "-l", "puredb:" + (work_ / "pureftpd.pdb").string(),
                                   "-E", "-A", "-H"};
  if (minutes > 0) args.insert(args.end(), {"-I", std::to_string(minutes)});
  pid_ = start(args, {}, work_ / "server.log");
}

void RealServer::wait_until_answering() {
  const auto deadline = Clock::now() + start_limit;
  std::string greeting;
  while (Clock::now() < deadline && greeting.rfind("220", 0) != 0) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port_);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
      pollfd pfd{fd, POLLIN, 0};
      char buf[512];
      if (::poll(&pfd, 1, 2000) > 0) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n > 0) greeting.assign(buf, static_cast<std::size_t>(n));
      }
    } else {
      // Not listening yet: wait for the server to exit or for a short while, whichever first.
      const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0));
      pollfd pfd{pidfd, POLLIN, 0};
      const bool exited = pidfd < 0 || ::poll(&pfd, 1, 50) > 0;
      if (pidfd >= 0) ::close(pidfd);
      if (exited) {
        ::close(fd);
        break;
      }
    }
    ::close(fd);
  }
  INFO(kind_ << " log:\n" << slurp(work_ / "server.log"));
  REQUIRE(greeting.rfind("220", 0) == 0);
}

}  // namespace mfs::e2e
