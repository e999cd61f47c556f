// ControlSocket (control_socket.hpp): poll on the listener and a wake-up pipe; one thread per
// connection; a short receive timeout so a client that never sends cannot hold a thread.
#include "fusefs/control_socket.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "core/util/log.hpp"

namespace mfs::fusefs {
namespace {

constexpr std::size_t max_connections = 8;
constexpr std::size_t max_request = 64 * 1024;
constexpr int receive_timeout_seconds = 5;

std::string errno_text(const std::string& what) {
  return fmt::format("{}: {}", what, std::strerror(errno));
}

bool peer_allowed(int fd) {
  ucred cred{};
  socklen_t len = sizeof cred;
  if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0) return false;
  return cred.uid == 0 || cred.uid == ::geteuid();
}

void send_all(int fd, const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0 && errno != EINTR) return;
    if (n > 0) sent += static_cast<std::size_t>(n);
  }
}

// Up to the first newline; "" when the peer sent nothing in time.
std::string read_line(int fd) {
  std::string line;
  char buf[4096];
  while (line.size() < max_request) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    line.append(buf, static_cast<std::size_t>(n));
    if (const auto nl = line.find('\n'); nl != std::string::npos) return line.substr(0, nl);
  }
  return line;
}

}  // namespace

std::string ControlSocket::start(const std::filesystem::path& path, Handler handler) {
  path_ = path;
  handler_ = std::move(handler);
  const auto dir = path.parent_path();
  if (::mkdir(dir.c_str(), S_IRWXU) != 0 && errno != EEXIST)
    return errno_text("cannot create " + dir.string());
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != ::geteuid() ||
      (st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    return dir.string() + " must be a directory of this user's alone (mode 0700)";
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.string().size() >= sizeof addr.sun_path) return path.string() + ": path too long";
  std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
  listen_fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) return errno_text("socket");
  ::unlink(path.c_str());  // a killed daemon's; a live one would be a mount on the same point
  const mode_t old_mask = ::umask(077);
  const int bound = ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  ::umask(old_mask);
  if (bound != 0 || ::listen(listen_fd_, 8) != 0) return errno_text("cannot listen on " + path.string());
  if (::pipe2(wake_, O_CLOEXEC) != 0) return errno_text("pipe");
  acceptor_ = std::thread([this] { accept_loop(); });
  return {};
}

void ControlSocket::accept_loop() {
  for (;;) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[1].revents != 0) return;
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    reap(false);
    std::lock_guard lock(mu_);
    if (workers_.size() >= max_connections) {
      send_all(fd, "{\"ok\":false,\"error\":\"busy: too many control requests at once\"}\n");
      ::close(fd);
      continue;
    }
    auto done = std::make_shared<std::atomic<bool>>(false);
    workers_.push_back({std::thread([this, fd, done] {
                          serve(fd);
                          *done = true;
                        }),
                        done});
  }
}

void ControlSocket::serve(int fd) {
  const timeval timeout{receive_timeout_seconds, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  if (!peer_allowed(fd)) {
    log::get("fusefs")->warn("control socket: refused a peer that is neither root nor the owner");
  } else if (const std::string request = read_line(fd); !request.empty()) {
    std::string reply;
    try {
      reply = handler_(request);
    } catch (const std::exception& e) {
      reply = fmt::format("{{\"ok\":false,\"error\":\"internal error\"}}");
      log::get("fusefs")->warn("control request failed: {}", e.what());
    }
    send_all(fd, reply + "\n");
  }
  ::close(fd);
}

void ControlSocket::reap(bool all) {
  std::list<Worker> finished;
  {
    std::lock_guard lock(mu_);
    for (auto it = workers_.begin(); it != workers_.end();) {
      if (all || *it->done) {
        finished.splice(finished.end(), workers_, it++);
      } else {
        ++it;
      }
    }
  }
  for (auto& worker : finished) worker.thread.join();
}

void ControlSocket::stop() {
  if (acceptor_.joinable()) {
    const char byte = 0;
    (void)!::write(wake_[1], &byte, 1);
    acceptor_.join();
  }
  reap(true);
  for (int* fd : {&listen_fd_, &wake_[0], &wake_[1]}) {
    if (*fd >= 0) ::close(*fd);
    *fd = -1;
  }
  if (!path_.empty()) ::unlink(path_.c_str());
  path_.clear();
}

ControlSocket::~ControlSocket() { stop(); }

}  // namespace mfs::fusefs
