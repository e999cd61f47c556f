// ScriptedModem: pty peer for tests (see scripted_modem.hpp).
#include "tests/at/scripted_modem.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <stdexcept>
#include <termios.h>
#include <unistd.h>

namespace mfs::test {
namespace {

std::string printable(const std::string& bytes) {
  std::string out;
  for (const unsigned char c : bytes) {
    if (c == '\r') out += "\\r";
    else if (c == '\n') out += "\\n";
    else if (c < 0x20 || c >= 0x7f) out += "\\x" + std::to_string(c);
    else out += static_cast<char>(c);
  }
  return out;
}

}  // namespace

ScriptedModem::ScriptedModem() {
  char name[128] = {};
  termios raw{};
  ::cfmakeraw(&raw);
  if (::openpty(&master_, &slave_, name, &raw, nullptr) != 0 || ::pipe(stop_) != 0) {
    throw std::runtime_error(std::string("openpty: ") + std::strerror(errno));
  }
  slave_path_ = name;
}

ScriptedModem::~ScriptedModem() {
  if (peer_.joinable()) {
    [[maybe_unused]] auto n = ::write(stop_[1], "x", 1);
    peer_.join();
  }
  close_master();
  for (int fd : {slave_, stop_[0], stop_[1]}) {
    if (fd >= 0) ::close(fd);
  }
}

void ScriptedModem::on(std::string expect, std::string reply) {
  steps_.push_back({std::move(expect), std::move(reply)});
}

void ScriptedModem::on(std::string expect, std::string reply, std::chrono::milliseconds latency) {
  steps_.push_back({std::move(expect), std::move(reply), latency});
}

void ScriptedModem::on_paced(std::string expect, std::string reply, std::size_t piece,
                             std::chrono::microseconds interval) {
  steps_.push_back(
      {std::move(expect), std::move(reply), std::chrono::milliseconds(0), piece, interval});
}

void ScriptedModem::on_flood(std::string expect, std::string head, std::string unit,
                             std::size_t total) {
  Step step{std::move(expect), std::move(head)};
  step.kind = Kind::flood;
  step.unit = std::move(unit);
  step.total = total;
  steps_.push_back(std::move(step));
}

void ScriptedModem::on_stream_end(std::string reply, bool cut_after_dle) {
  Step step{{}, std::move(reply)};
  step.kind = Kind::stream_end;
  step.escaped = cut_after_dle;
  steps_.push_back(std::move(step));
}

void ScriptedModem::on_prompt_rest(std::size_t count, std::string reply) {
  Step step{{}, std::move(reply)};
  step.kind = Kind::prompt_rest;
  step.total = count;
  steps_.push_back(std::move(step));
}

void ScriptedModem::start() { peer_ = std::thread([this] { run(); }); }

std::string ScriptedModem::finish() {
  if (peer_.joinable()) peer_.join();
  return failure_;
}

void ScriptedModem::close_master() {
  if (master_ >= 0) ::close(master_);
  master_ = -1;
}

void ScriptedModem::run() {
  std::string pending;
  for (std::size_t i = 0; i < steps_.size(); ++i) {
    const Step& step = steps_[i];
    if (step.kind == Kind::stream_end) {
      if (!receive_stream_end(pending, step.escaped)) {
        failure_ = "step " + std::to_string(i) + ": no unescaped end byte in '" +
                   printable(pending) + "'";
        return;
      }
      write_all(step.reply);
      continue;
    }
    if (step.kind == Kind::prompt_rest) {
      if (!receive(pending, step.total)) {
        failure_ = "step " + std::to_string(i) + ": a prompt's " + std::to_string(step.total) +
                   " bytes never came, only '" + printable(pending) + "'";
        return;
      }
      pending.erase(0, step.total);
      write_all(step.reply);
      continue;
    }
    if (!receive(pending, step.expect.size())) {
      failure_ = "step " + std::to_string(i) + ": waited for '" + printable(step.expect) +
                 "', got only '" + printable(pending) + "'";
      return;
    }
    if (pending.compare(0, step.expect.size(), step.expect) != 0) {
      failure_ = "step " + std::to_string(i) + ": expected '" + printable(step.expect) +
                 "', got '" + printable(pending.substr(0, step.expect.size())) + "'";
      return;
    }
    pending.erase(0, step.expect.size());
    if (step.latency.count() > 0) std::this_thread::sleep_for(step.latency);
    if (step.kind == Kind::flood) {
      write_flood(step);
    } else if (step.piece > 0) {
      write_paced(step);
    } else {
      write_all(step.reply);
    }
  }
  if (!pending.empty()) failure_ = "unexpected trailing bytes '" + printable(pending) + "'";
}

// Reads until `pending` holds `wanted` bytes; false on timeout, stop or a closed pty.
bool ScriptedModem::receive(std::string& pending, std::size_t wanted) {
  const auto limit = std::chrono::steady_clock::now() + step_limit;
  while (pending.size() < wanted) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        limit - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd fds[2] = {{master_, POLLIN, 0}, {stop_[0], POLLIN, 0}};
    if (::poll(fds, 2, static_cast<int>(left.count())) <= 0) continue;
    if (fds[1].revents != 0) return false;
    char buf[4096];
    const ssize_t n = ::read(master_, buf, sizeof buf);
    if (n <= 0) return false;
    pending.append(buf, static_cast<std::size_t>(n));
  }
  return true;
}

// Consumes the host's bytes up to and including the first unescaped 0x03; false on timeout.
bool ScriptedModem::receive_stream_end(std::string& pending, bool escaped) {
  std::size_t scanned = 0;
  for (;;) {
    for (; scanned < pending.size(); ++scanned) {
      const char c = pending[scanned];
      if (!escaped && c == '\x03') {
        pending.erase(0, scanned + 1);
        return true;
      }
      escaped = !escaped && c == '\x10';
    }
    if (!receive(pending, pending.size() + 1)) return false;
  }
}

void ScriptedModem::write_all(const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(master_, bytes.data() + done, bytes.size() - done);
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

// Piece i leaves at start + i * interval, so a late wakeup of this thread sends the pieces it
// owes together instead of slowing the whole line down.
void ScriptedModem::write_paced(const Step& step) {
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t at = 0, i = 0; at < step.reply.size(); at += step.piece, ++i) {
    std::this_thread::sleep_until(start + i * step.interval);
    write_all(step.reply.substr(at, step.piece));
  }
}

void ScriptedModem::write_flood(const Step& step) {
  const int flags = ::fcntl(master_, F_GETFL);
  ::fcntl(master_, F_SETFL, flags | O_NONBLOCK);
  std::string chunk;  // whole units, some 64 KiB of them per write
  while (chunk.size() < 65536) chunk += step.unit;
  bool going = write_unless_stopped(step.reply);
  for (std::size_t sent = step.reply.size(); going && sent < step.total; sent += chunk.size()) {
    going = write_unless_stopped(chunk);
  }
  ::fcntl(master_, F_SETFL, flags);
}

// Writes as the host reads; false once the modem is being destroyed or the pty failed.
bool ScriptedModem::write_unless_stopped(std::string_view bytes) {
  while (!bytes.empty()) {
    pollfd fds[2] = {{master_, POLLOUT, 0}, {stop_[0], POLLIN, 0}};
    if (::poll(fds, 2, 100) < 0 || fds[1].revents != 0) return false;
    const ssize_t n = ::write(master_, bytes.data(), bytes.size());
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace mfs::test
