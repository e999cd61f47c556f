// PtyClient: open + cfmakeraw + poll-with-deadline reads.
#include "tests/sim/pty_client.hpp"

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <stdexcept>
#include <utility>

namespace mfs::sim::test {

PtyClient::PtyClient(const std::filesystem::path& link) {
  fd_ = ::open(link.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (fd_ < 0) throw std::runtime_error("cannot open " + link.string());
  termios tio{};
  tcgetattr(fd_, &tio);
  cfmakeraw(&tio);
  tcsetattr(fd_, TCSANOW, &tio);
}

PtyClient::~PtyClient() { ::close(fd_); }

void PtyClient::send(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error("write to the pty failed");
    bytes.remove_prefix(static_cast<std::size_t>(n));
    sent_ += static_cast<std::size_t>(n);
  }
}

// Reads what is available before `until`; false when the deadline passed with nothing new.
bool PtyClient::fill(std::chrono::steady_clock::time_point until) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      until - std::chrono::steady_clock::now());
  pollfd pfd{fd_, POLLIN, 0};
  if (left.count() <= 0 || ::poll(&pfd, 1, static_cast<int>(left.count())) <= 0) return false;
  std::array<char, 65536> buf{};
  ssize_t n = ::read(fd_, buf.data(), buf.size());
  if (n <= 0) return false;
  buffer_.append(buf.data(), static_cast<std::size_t>(n));
  received_ += static_cast<std::size_t>(n);
  return true;
}

std::string PtyClient::read_until(std::string_view terminator,
                                  std::chrono::milliseconds deadline) {
  auto until = std::chrono::steady_clock::now() + deadline;
  std::size_t at;
  while ((at = buffer_.find(terminator)) == std::string::npos) {
    if (!fill(until))
      throw std::runtime_error("no '" + std::string(terminator) + "' in time; got: " + buffer_);
  }
  std::string out = buffer_.substr(0, at + terminator.size());
  buffer_.erase(0, out.size());
  return out;
}

std::string PtyClient::read_exact(std::size_t n, std::chrono::milliseconds deadline) {
  auto until = std::chrono::steady_clock::now() + deadline;
  while (buffer_.size() < n) {
    if (!fill(until)) throw std::runtime_error("short read: " + std::to_string(buffer_.size()));
  }
  std::string out = buffer_.substr(0, n);
  buffer_.erase(0, n);
  return out;
}

std::string PtyClient::read_for(std::chrono::milliseconds window) {
  auto until = std::chrono::steady_clock::now() + window;
  while (fill(until)) {
  }
  return std::exchange(buffer_, {});
}

}  // namespace mfs::sim::test
