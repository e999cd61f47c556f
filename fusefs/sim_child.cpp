// The simulator child: fork, a readiness pipe written from run_simulator's on_ready, and an
// orderly stop. The child leaves the terminal's process group so that Ctrl-C stops
// modemftpfs first, which unmounts (uploading what is still spooled) before stopping the child.
#include "fusefs/sim_child.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <system_error>
#include <utility>

#include <fmt/format.h>

namespace mfs::fusefs {
namespace {

constexpr std::chrono::seconds ready_limit{10};  // a pty and a symlink: instant when healthy
constexpr std::chrono::seconds stop_limit{5};    // then SIGKILL

// Waits up to `limit` for `fd` to become readable; false on timeout.
bool wait_readable(int fd, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd pfd{fd, POLLIN, 0};
    const int ready = ::poll(&pfd, 1, static_cast<int>(left.count()));
    if (ready > 0) return true;
    if (ready < 0 && errno != EINTR) return false;
  }
}

void redirect_to_null(std::initializer_list<int> fds) {
  const int null_fd = ::open("/dev/null", O_RDWR);
  if (null_fd < 0) return;
  for (int fd : fds) ::dup2(null_fd, fd);
  if (null_fd > STDERR_FILENO) ::close(null_fd);
}

[[noreturn]] void run_child(const sim::SimConfig& config, int ready_fd, bool quiet, pid_t parent) {
  ::setpgid(0, 0);
  ::prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (::getppid() != parent) ::_exit(1);
  // Keep only stdio and our pipe: in particular not the daemon's verdict pipe.
  if (ready_fd > 3) ::close_range(3, static_cast<unsigned>(ready_fd) - 1, 0);
  ::close_range(static_cast<unsigned>(ready_fd) + 1, UINT_MAX, 0);
  if (quiet) {
    redirect_to_null({STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO});
  } else {
    redirect_to_null({STDIN_FILENO});
  }
  const int status = sim::run_simulator(
      config, [ready_fd] { [[maybe_unused]] const auto n = ::write(ready_fd, "1", 1); },
      [parent] { return ::getppid() != parent; });
  ::_exit(status);
}

std::string describe_exit(pid_t pid) {
  int status = 0;
  if (::waitpid(pid, &status, 0) != pid) return "the simulator vanished";
  if (WIFSIGNALED(status)) return fmt::format("the simulator was killed by signal {}", WTERMSIG(status));
  return fmt::format("the simulator exited with status {} before its link appeared",
                     WEXITSTATUS(status));
}

std::filesystem::path make_private_dir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string templ = std::string(tmp && tmp[0] == '/' ? tmp : "/tmp") + "/modemftpfs-sim-XXXXXX";
  if (::mkdtemp(templ.data()) == nullptr) return {};
  return templ;
}

}  // namespace

std::string SimulatorChild::start(sim::SimConfig config, bool quiet) {
  dir_ = make_private_dir();
  if (dir_.empty()) return fmt::format("cannot create a temporary directory: {}", std::strerror(errno));
  link_path_ = config.link_path = dir_ / "modem";
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return fmt::format("pipe: {}", std::strerror(errno));
  const pid_t parent = ::getpid();
  std::fflush(nullptr);
  pid_ = ::fork();
  if (pid_ == 0) run_child(config, fds[1], quiet, parent);
  ::close(fds[1]);
  if (pid_ < 0) {
    ::close(fds[0]);
    return fmt::format("fork: {}", std::strerror(errno));
  }
  const bool readable = wait_readable(fds[0], ready_limit);
  char byte = 0;
  const bool ready = readable && ::read(fds[0], &byte, 1) == 1;
  ::close(fds[0]);
  if (ready) return {};
  if (readable) return describe_exit(std::exchange(pid_, -1));
  return fmt::format("the simulator did not start within {} s", ready_limit.count());
}

void SimulatorChild::stop() {
  ::kill(pid_, SIGTERM);
  const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0));
  const bool exited = pidfd >= 0 && wait_readable(pidfd, stop_limit);
  if (pidfd >= 0) ::close(pidfd);
  if (!exited) ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

SimulatorChild::~SimulatorChild() {
  if (pid_ > 0) stop();
  std::error_code ignored;
  if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
}

}  // namespace mfs::fusefs
