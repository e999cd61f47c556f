// A tiny raw serial client for the simulator tests: opens the link like a driver would
// (raw termios) and reads with deadlines, so every assertion is on exact wire bytes.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>

namespace mfs::sim::test {

class PtyClient {
 public:
  explicit PtyClient(const std::filesystem::path& link);
  ~PtyClient();
  PtyClient(const PtyClient&) = delete;
  PtyClient& operator=(const PtyClient&) = delete;

  void send(std::string_view bytes);
  // Sends "<command>\r".
  void command(std::string_view command) { send(std::string(command) + "\r"); }

  // Everything up to and including the first `terminator`; throws on the deadline.
  std::string read_until(std::string_view terminator,
                         std::chrono::milliseconds deadline = std::chrono::seconds(10));
  // Exactly `n` bytes; throws on the deadline.
  std::string read_exact(std::size_t n,
                         std::chrono::milliseconds deadline = std::chrono::seconds(10));
  // Whatever arrives within `window` (used only to prove that nothing more was sent).
  std::string read_for(std::chrono::milliseconds window);

  // Totals over the client's life, to compare with the simulator's statistics.
  std::size_t bytes_sent() const { return sent_; }
  std::size_t bytes_received() const { return received_; }

  // Sends a command and returns the reply up to and including `terminator`.
  std::string exchange(std::string_view command, std::string_view terminator) {
    this->command(command);
    return read_until(terminator);
  }

 private:
  bool fill(std::chrono::steady_clock::time_point until);

  int fd_ = -1;
  std::string buffer_;
  std::size_t sent_ = 0;
  std::size_t received_ = 0;
};

}  // namespace mfs::sim::test
