// Tells the modem session to stop as soon as the mount ends, before libfuse's loop returns:
// that loop waits for every worker to answer its request, and a worker waiting on a stalled
// modem would keep the daemon (and the tty, exclusively) for the whole request timeout.
// The end is seen as it happens: the unmount aborts the FUSE connection (POLLERR on its device),
// and SIGINT, SIGTERM and SIGHUP are hooked behind libfuse's own handlers.
#pragma once

#include <atomic>
#include <functional>
#include <thread>

namespace mfs::fusefs {

class ExitWatch {
 public:
  // Hooks the signals (libfuse's handlers must be installed already) and starts watching the
  // FUSE device `fuse_fd`. `on_exit` runs once, on the watching thread. One watch at a time.
  ExitWatch(int fuse_fd, std::function<void()> on_exit);
  // Stops watching and gives the signals back to libfuse's handlers.
  ~ExitWatch();
  ExitWatch(const ExitWatch&) = delete;
  ExitWatch& operator=(const ExitWatch&) = delete;

 private:
  void watch(int fuse_fd);

  std::function<void()> on_exit_;
  int wake_[2] = {-1, -1};  // a signal or the destructor writes a byte here
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace mfs::fusefs
