// Our own daemonize: the command returns only once the mount is live (what mount(8), fstab and
// scripts expect), and a start-up error reaches the terminal with exit status 1.
// fuse_daemonize cannot do this: it forks after the caller's threads (the modem thread) exist,
// and fork copies only the calling thread.
#pragma once

#include <string>

namespace mfs::fusefs {

class Readiness {
 public:
  // Foreground: no fork, reports go to stderr. Otherwise forks before any thread exists: the
  // parent waits for the child's verdict and exits with it (never returns); the child returns
  // here in a new session and carries on with the start-up.
  static Readiness detach(bool foreground);

  Readiness(Readiness&& other) noexcept;
  Readiness& operator=(Readiness&&) = delete;
  ~Readiness();

  // The mount is live: the parent exits 0; the daemon moves to "/" and drops the terminal.
  void succeeded();

  // Start-up failed: the message reaches the terminal. Returns the exit status (1).
  int failed(const std::string& message);

  // The verdict pipe, which any other child process must close (see SimulatorChild).
  int fd() const { return fd_; }

 private:
  explicit Readiness(int fd) : fd_(fd) {}
  int fd_ = -1;  // write end of the verdict pipe; -1 in the foreground
};

}  // namespace mfs::fusefs
