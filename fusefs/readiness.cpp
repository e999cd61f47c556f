// The verdict pipe between the command the user ran and the daemon it starts. Protocol: one
// byte, '0' for "mounted", or '1' followed by the error text; EOF alone means the daemon died.
#include "fusefs/readiness.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>

namespace mfs::fusefs {
namespace {

// Start-up has its own deadlines (serial sync, bearer, FTP login); this only bounds a daemon
// that hangs regardless, so the user's shell never waits forever.
constexpr std::chrono::minutes startup_limit{10};

void write_all(int fd, const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // the parent is gone (Ctrl-C): nobody is left to tell
    done += static_cast<std::size_t>(n);
  }
}

std::string read_verdict(int fd) {
  std::string verdict;
  char buf[512];
  const auto deadline = std::chrono::steady_clock::now() + startup_limit;
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd pfd{fd, POLLIN, 0};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    const int ready = ::poll(&pfd, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) break;
    if (ready == 0) continue;
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) return verdict;
    if (n > 0) verdict.append(buf, static_cast<std::size_t>(n));
    if (!verdict.empty() && verdict.front() == '0') return verdict;
  }
  return "1start-up did not finish in time";
}

[[noreturn]] void wait_for_daemon(pid_t child, int fd) {
  const std::string verdict = read_verdict(fd);
  if (!verdict.empty() && verdict.front() == '0') std::_Exit(0);
  if (verdict.size() > 1) {
    std::fprintf(stderr, "modemftpfs: %s\n", verdict.c_str() + 1);
  } else {
    int status = 0;
    ::waitpid(child, &status, 0);
    if (WIFSIGNALED(status)) {
      std::fprintf(stderr, "modemftpfs: the daemon was killed by signal %d during start-up\n",
                   WTERMSIG(status));
    } else {
      std::fprintf(stderr, "modemftpfs: the daemon exited during start-up\n");
    }
  }
  std::_Exit(1);
}

void drop_terminal() {
  const int null_fd = ::open("/dev/null", O_RDWR);
  if (null_fd < 0) return;
  for (int fd : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO}) ::dup2(null_fd, fd);
  if (null_fd > STDERR_FILENO) ::close(null_fd);
}

}  // namespace

Readiness Readiness::detach(bool foreground) {
  if (foreground) return Readiness(-1);
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    std::perror("modemftpfs: pipe");
    std::_Exit(1);
  }
  std::fflush(nullptr);  // nothing buffered may be written twice
  const pid_t child = ::fork();
  if (child < 0) {
    std::perror("modemftpfs: fork");
    std::_Exit(1);
  }
  if (child > 0) {
    ::close(fds[1]);
    wait_for_daemon(child, fds[0]);
  }
  ::close(fds[0]);
  ::setsid();
  ::signal(SIGPIPE, SIG_IGN);  // a parent killed by Ctrl-C must not take the daemon with it
  return Readiness(fds[1]);
}

Readiness::Readiness(Readiness&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

Readiness::~Readiness() {
  if (fd_ >= 0) ::close(fd_);
}

void Readiness::succeeded() {
  if (fd_ < 0) return;
  write_all(fd_, "0");
  ::close(std::exchange(fd_, -1));
  // Every path the daemon keeps is absolute; "/" keeps it from pinning the user's directory.
  [[maybe_unused]] const int ignored = ::chdir("/");
  drop_terminal();
}

int Readiness::failed(const std::string& message) {
  if (fd_ < 0) {
    std::fprintf(stderr, "modemftpfs: %s\n", message.c_str());
  } else {
    write_all(fd_, "1" + message);
    ::close(std::exchange(fd_, -1));
  }
  return 1;
}

}  // namespace mfs::fusefs
