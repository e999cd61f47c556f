// The daemon's control socket (a unix stream socket, control_path.hpp): one request line per
// connection, answered by one reply line from the handler. Only root and the user who mounted
// may talk to it: the directory and the socket are theirs alone, and each peer's uid is checked
// (SO_PEERCRED). Each connection gets a thread of its own (a flush can take minutes; status
// must still answer meanwhile), up to a few at once.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace mfs::fusefs {

class ControlSocket {
 public:
  using Handler = std::function<std::string(const std::string& request)>;

  ControlSocket() = default;
  ControlSocket(const ControlSocket&) = delete;
  ControlSocket& operator=(const ControlSocket&) = delete;
  ~ControlSocket();

  // Creates the directory (0700), replaces a stale socket at `path`, listens and serves
  // requests with `handler` on other threads. "" or the error.
  std::string start(const std::filesystem::path& path, Handler handler);

  // Stops accepting, waits for the requests being answered, removes the socket. The handler's
  // waits must be ending (the session shut down) for this to return soon. Idempotent.
  void stop();

 private:
  struct Worker {
    std::thread thread;
    std::shared_ptr<std::atomic<bool>> done;
  };

  void accept_loop();
  void serve(int fd);
  void reap(bool all);

  std::filesystem::path path_;
  Handler handler_;
  int listen_fd_ = -1;
  int wake_[2] = {-1, -1};  // a byte on wake_[1] ends accept_loop's poll
  std::thread acceptor_;
  std::mutex mu_;  // guards workers_
  std::list<Worker> workers_;
};

}  // namespace mfs::fusefs
