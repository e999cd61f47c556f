// ExitWatch: a self-pipe written by the chained signal handler, polled beside the FUSE device.
#include "fusefs/exit_watch.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstddef>

namespace mfs::fusefs {
namespace {

constexpr std::array<int, 3> exit_signals = {SIGHUP, SIGINT, SIGTERM};
// Signal handlers see only globals: the pipe's write end and the handlers we chain to.
std::atomic<int> wake_fd{-1};
std::array<struct sigaction, exit_signals.size()> chained{};
std::array<bool, exit_signals.size()> hooked{};

// libfuse's handler first (it ends the loop), then the byte that wakes the watcher.
void on_exit_signal(int signal) {
  const int saved_errno = errno;
  for (std::size_t i = 0; i < exit_signals.size(); ++i)
    if (exit_signals[i] == signal && hooked[i]) chained[i].sa_handler(signal);
  const char byte = 's';
  if (const int fd = wake_fd.load(); fd >= 0) {
    [[maybe_unused]] const auto written = ::write(fd, &byte, 1);
  }
  errno = saved_errno;
}

// Only a signal libfuse handles with a plain function is hooked: the rest keep their action.
void hook_signals() {
  for (std::size_t i = 0; i < exit_signals.size(); ++i) {
    struct sigaction current {};
    hooked[i] = false;
    if (::sigaction(exit_signals[i], nullptr, &current) != 0) continue;
    if ((current.sa_flags & SA_SIGINFO) || current.sa_handler == SIG_DFL ||
        current.sa_handler == SIG_IGN)
      continue;
    chained[i] = current;
    struct sigaction ours = current;
    ours.sa_handler = on_exit_signal;
    hooked[i] = ::sigaction(exit_signals[i], &ours, nullptr) == 0;
  }
}

void unhook_signals() {
  for (std::size_t i = 0; i < exit_signals.size(); ++i) {
    if (hooked[i]) ::sigaction(exit_signals[i], &chained[i], nullptr);
    hooked[i] = false;
  }
}

}  // namespace

ExitWatch::ExitWatch(int fuse_fd, std::function<void()> on_exit) : on_exit_(std::move(on_exit)) {
  if (::pipe2(wake_, O_CLOEXEC | O_NONBLOCK) != 0) return;  // no watch: the loop's end still stops us
  wake_fd = wake_[1];
  hook_signals();
  thread_ = std::thread([this, fuse_fd] { watch(fuse_fd); });
}

ExitWatch::~ExitWatch() {
  stopping_ = true;
  if (thread_.joinable()) {
    const char byte = 'q';
    [[maybe_unused]] const auto written = ::write(wake_[1], &byte, 1);
    thread_.join();
  }
  unhook_signals();
  wake_fd = -1;
  for (int fd : wake_)
    if (fd >= 0) ::close(fd);
}

// No events asked of the FUSE device: poll still reports POLLERR, which is all we want, and a
// request arriving does not wake us.
void ExitWatch::watch(int fuse_fd) {
  std::array<pollfd, 2> fds{{{fuse_fd, 0, 0}, {wake_[0], POLLIN, 0}}};
  while (::poll(fds.data(), fds.size(), -1) < 0 && errno == EINTR) {
  }
  if (!stopping_) on_exit_();
}

}  // namespace mfs::fusefs
