// The control connection to a real FTP server (RFC 959 section 4.2): command lines out, replies
// in, multi-line replies gathered whole, every line kept byte for byte as the server sent it.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/real_ftp_socket.hpp"

namespace mfs::sim {

struct ControlReply {
  int code = 0;                    // 0: no reply (timeout, connection closed, garbage)
  std::vector<std::string> lines;  // without their CRLF

  bool positive_preliminary() const { return code / 100 == 1; }
  bool positive() const { return code / 100 == 2; }
  bool intermediate() const { return code / 100 == 3; }
};

class FtpControl {
 public:
  static constexpr std::chrono::milliseconds reply_timeout{30'000};

  std::error_code connect(const std::string& host, std::uint16_t port);
  // Sends `line` + CRLF and reads the reply to it.
  ControlReply command(std::string_view line);
  // Reads the next reply (RFC 959: "ddd-" opens a multi-line reply that ends at "ddd ").
  ControlReply read_reply(std::chrono::milliseconds timeout = reply_timeout);
  // Without blocking: true when the server sent something unasked or closed the connection.
  bool has_unsolicited() const { return !buffer_.empty() || socket_.readable_now(); }
  std::string remote_address() const { return socket_.remote_address(); }
  void close() { socket_.close(); }

 private:
  std::optional<std::string> read_line(std::chrono::steady_clock::time_point deadline);

  TimedSocket socket_;
  std::string buffer_;  // bytes received past the last line taken
};

}  // namespace mfs::sim
