// FtpControl: line framing on CRLF (a bare LF is accepted too) and reply gathering.
#include "sim/real_ftp_control.hpp"

#include <cctype>

namespace mfs::sim {
namespace {

constexpr std::chrono::milliseconds connect_timeout{15'000};

// The reply code of a line that starts with three digits, else 0.
int code_of(const std::string& line) {
  if (line.size() < 3) return 0;
  for (int i = 0; i < 3; ++i)
    if (!std::isdigit(static_cast<unsigned char>(line[i]))) return 0;
  return std::stoi(line.substr(0, 3));
}

}  // namespace

std::error_code FtpControl::connect(const std::string& host, std::uint16_t port) {
  buffer_.clear();
  return socket_.connect(host, port, connect_timeout);
}

ControlReply FtpControl::command(std::string_view line) {
  std::string wire(line);
  wire += "\r\n";
  if (socket_.write_all(wire, reply_timeout)) return {};
  return read_reply();
}

ControlReply FtpControl::read_reply(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  ControlReply reply;
  auto first = read_line(deadline);
  if (!first) return reply;
  reply.lines.push_back(*first);
  int code = code_of(*first);
  if (code == 0) return reply;
  if (first->size() > 3 && (*first)[3] == '-') {
    const std::string end = first->substr(0, 3) + " ";
    for (;;) {
      auto line = read_line(deadline);
      if (!line) return {0, std::move(reply.lines)};
      reply.lines.push_back(*line);
      if (line->starts_with(end)) break;
    }
  }
  reply.code = code;
  return reply;
}

std::optional<std::string> FtpControl::read_line(std::chrono::steady_clock::time_point deadline) {
  for (;;) {
    auto lf = buffer_.find('\n');
    if (lf != std::string::npos) {
      std::string line = buffer_.substr(0, lf);
      buffer_.erase(0, lf + 1);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return line;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    char chunk[4096];
    std::error_code ec;
    std::size_t got = socket_.read_some(chunk, sizeof chunk, left, ec);
    if (ec || got == 0) return std::nullopt;
    buffer_.append(chunk, got);
  }
}

}  // namespace mfs::sim
