// One TCP connection of the real-server backend (control or data), used synchronously: every
// operation has a deadline, after which it is cancelled and reports timed_out.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>

namespace mfs::sim {

class TimedSocket {
 public:
  TimedSocket();
  ~TimedSocket();
  TimedSocket(const TimedSocket&) = delete;
  TimedSocket& operator=(const TimedSocket&) = delete;

  std::error_code connect(const std::string& host, std::uint16_t port,
                          std::chrono::milliseconds timeout);
  // Reads at least one byte (up to `n`); 0 with asio's eof error once the peer closed.
  std::size_t read_some(char* out, std::size_t n, std::chrono::milliseconds timeout,
                        std::error_code& ec);
  std::error_code write_all(std::string_view bytes, std::chrono::milliseconds timeout);
  // True when a read would not block now: bytes waiting, or the peer closed.
  bool readable_now() const;
  // The peer's address as text, for an EPSV data connection to the same host.
  std::string remote_address() const;
  // Sends FIN (end of an upload) and keeps reading possible.
  void shutdown_send();
  void close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mfs::sim
