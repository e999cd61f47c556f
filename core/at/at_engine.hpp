// AT engine: one command in flight; information lines, final results, URCs routed to
// subscribers, length-announced binary blocks, prompts for raw uploads, and deadlines on all.
// Synchronous and single-threaded by design: only the modem thread calls it (DESIGN.md).
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/at/line_framer.hpp"
#include "core/link/serial_link.hpp"
#include "core/util/result.hpp"

namespace mfs::at {

using Deadline = std::chrono::steady_clock::time_point;

// How to run one command. `timeout` has no default on purpose: every command states its own.
struct CommandSpec {
  std::chrono::milliseconds timeout;
  // A line starting with this prefix announces a binary block (e.g. "+FTPRECV:" or "+FTPGET: 2,");
  // the block length is the comma-separated field `length_field` (0-based) after the "+X:" part.
  std::string_view binary_header = {};
  int length_field = 0;
  // A line starting with this prefix is a prompt (e.g. "+FTPPUT: 2,"): send `payload` raw.
  std::string_view prompt = {};
  std::string_view payload = {};
};

struct Response {
  std::vector<std::string> lines;  // information lines, in order (not URCs, not the echo)
  std::string block;               // the binary block, if the spec announced one and it came
  bool has_block = false;
};

struct EngineCounters {
  std::uint64_t commands = 0;
  std::uint64_t timeouts = 0;
  std::uint64_t urcs = 0;
};

class AtEngine {
 public:
  using UrcHandler = std::function<void(std::string_view line)>;

  explicit AtEngine(link::SerialLink& link);

  // Sends "<command>\r" and collects the response up to the final result.
  // OK -> Response; ERROR -> at_errc::error; +CME/+CMS ERROR: n -> {n, cme/cms_category()};
  // deadline -> at_errc::timeout (and the line is marked dirty); banner -> modem_restarted.
  result<Response> command(std::string_view command, const CommandSpec& spec);

  // Waits for a line starting with `prefix` (the result URC of an asynchronous command,
  // e.g. "+FTPOPEN:"). Lines that arrived earlier and nobody claimed are searched first.
  result<std::string> await_line(std::string_view prefix, Deadline deadline);

  // Captures raw bytes line by line until a line that is exactly one of `terminators`
  // (e.g. "+FTPLIST: 1", "+FTPLIST: 0"); returns the bytes before it, line ends included,
  // and which terminator ended it. Known URCs inside are routed, not captured.
  struct Capture {
    std::string bytes;
    std::string terminator;
  };
  result<Capture> capture_until(const std::vector<std::string>& terminators, Deadline deadline);

  // Raw access for the escaped streams (FTPRETR/FTPSTOR): bytes after the current position.
  result<std::size_t> read_raw(std::span<char> out, Deadline deadline);
  result<void> write_raw(std::string_view bytes, Deadline deadline);

  // Routes lines starting with `prefix` to `handler` whenever they arrive outside a block.
  void subscribe(std::string prefix, UrcHandler handler);

  // After a timeout the line is dirty: send "AT" until "OK", dropping stray bytes.
  result<void> resync(Deadline deadline);
  bool dirty() const { return dirty_; }

  // Lines that arrived when no command or wait claimed them (kept for await_line).
  void drop_unclaimed() { unclaimed_.clear(); }

  const EngineCounters& counters() const { return counters_; }
  link::SerialLink& link() { return link_; }

 private:
  link::SerialLink& link_;
  LineFramer framer_;
  std::deque<std::string> unclaimed_;
  std::vector<std::pair<std::string, UrcHandler>> subscribers_;
  EngineCounters counters_;
  bool dirty_ = false;
};

}  // namespace mfs::at
