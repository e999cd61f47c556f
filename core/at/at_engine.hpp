// AT engine: one command in flight; information lines, final results, URCs routed to
// subscribers, length-announced binary blocks, prompts for raw uploads, and deadlines on all.
// Synchronous and single-threaded by design: only the modem thread calls it (DESIGN.md).
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/at/block_gather.hpp"
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
  // The most bytes the command asked for (the n of AT+FTPRECV=<n>): a header announcing more
  // is a protocol error, never data (PROTOCOL.md section 3, "More variations"). 0: no request
  // size, only the engine's own block limit.
  std::size_t max_block = 0;
  // A line starting with this prefix is a prompt (e.g. "+FTPPUT: 2,"): send `payload` raw.
  std::string_view prompt = {};
  std::string_view payload = {};
  // The result line that switches the command to a data mode (e.g. "+FTPRETR: 2"). Firmware
  // may send it before OK, OK then following the stream: the command ends at this line or at
  // OK, whichever comes first, and leaves the bytes after it unframed for read_raw. An OK
  // still owed is dropped later, never taken for the next command's.
  std::string_view data_mode_result = {};
};

// A listing (an L610 capture, a SIM7000 block stream) larger than this is not a listing but a
// module or server that never stops: the reading ends with at_errc::reply_too_large.
inline constexpr std::size_t max_listing_bytes = 64 * 1024 * 1024;

struct Response {
  // Information lines, in order, normalised ("+X:1" reads "+X: 1"): the command's own
  // "+NAME:" lines, block headers, the prompt line and plain text lines. Not URCs, not the echo.
  std::vector<std::string> lines;
  std::string block;               // the binary block, if the spec announced one and it came
  bool has_block = false;
};

// resync()'s pacing: how long one "AT" may take to answer, and how long the line must then
// stay silent before it counts as clean (a late OK of the timed-out command must not
// answer our "AT" and leave our own OK to answer the next command).
struct ResyncTiming {
  std::chrono::milliseconds per_try{300};
  std::chrono::milliseconds quiet{50};
};

// resync() after an unanswered "AT" sends end bytes and this much filler: more than the
// longest upload prompt of either family (L610 FTPPUT 1024, SIM7000 FTPPUT 1360 bytes).
inline constexpr std::size_t stray_prompt_filler = 1460;

struct EngineCounters {
  // resync "AT"s nobody answered: a module inside an upload may have taken them (and the
  // filler after them) as file data, so the server's copy of that upload is no prefix to
  // resume from.
  std::uint64_t unanswered_syncs = 0;
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
  // deadline -> at_errc::timeout (and the line is marked dirty); banner -> modem_restarted
  // (also dirty; "RDY" subscribers are told). Link failures (device_gone) pass through.
  // While a command runs, a "+NAME:" line of another command is a URC, not an information
  // line: it goes to subscribers, or to the unclaimed queue when none takes it.
  // If the line is dirty, resync() runs first, inside the same timeout.
  result<Response> command(std::string_view command, const CommandSpec& spec);

  // Waits for a line starting with `prefix` (the result URC of an asynchronous command,
  // e.g. "+FTPOPEN:"); prefix and lines are compared normalised. Searched first, in order:
  // the information lines of the last command() (a result line may come before its OK; they
  // stay claimable until the next command() is sent), then lines nobody claimed.
  // Returns the normalised line. A banner -> modem_restarted (unless the prefix asks for
  // it, e.g. "RDY"); deadline -> at_errc::timeout without marking the line dirty.
  result<std::string> await_line(std::string_view prefix, Deadline deadline);

  // Captures a listing line by line until a complete line that is exactly one of
  // `terminators` (e.g. "+FTPLIST: 1", "+FTPLIST: 0", compared normalised, so "+FTPLIST:1"
  // ends it too); returns the bytes before it, line ends and empty lines included, and which
  // terminator (as passed) ended it. The bytes are the server's: lines end only at LF (a CR
  // inside belongs to a name), nothing inside is a URC or a banner (a reboot shows as a
  // timeout). A line longer than the framer's limit is skipped with a warning; more than the
  // capture limit (max_listing_bytes) fails with reply_too_large. Failures leave the line dirty.
  struct Capture {
    std::string bytes;
    std::string terminator;
  };
  result<Capture> capture_until(const std::vector<std::string>& terminators, Deadline deadline);

  // Raw access for the escaped streams (FTPRETR/FTPSTOR): bytes after the current position,
  // starting with any the framer holds but has not yet turned into lines.
  result<std::size_t> read_raw(std::span<char> out, Deadline deadline);
  result<void> write_raw(std::string_view bytes, Deadline deadline);
  // Gives back bytes read_raw returned past a stream's end: the lines after it are framed next.
  void unread_raw(std::string_view bytes) { framer_.unread(bytes); }

  // Routes lines starting with `prefix` to `handler` whenever they arrive outside a block and
  // a capture (there only noise URCs are routed). Subscribers observe: a line a command or
  // await_line also returns is still shown to them. Banners reach "RDY" subscribers too.
  // A handler must not call back into the engine.
  void subscribe(std::string prefix, UrcHandler handler);

  // After a timeout the line is dirty: send "AT" until "OK" followed by silence, dropping
  // stray bytes. Banners seen meanwhile are reported to subscribers, not as an error. An "AT"
  // without answer may have been swallowed by a module still inside an upload stream (its
  // host died): two end bytes follow it, the second unescaped whatever the cut stream ended
  // with; in command mode they are ignored. A download stream still running is dropped until
  // the line is quiet, within the deadline.
  result<void> resync(Deadline deadline);
  bool dirty() const { return dirty_; }
  void set_resync_timing(ResyncTiming timing) { resync_timing_ = timing; }
  void set_capture_limit(std::size_t bytes) { capture_limit_ = bytes; }

  // Bytes the engine holds for lines not yet handed over (framer buffer, kept lines): bounded
  // whatever the modem sends.
  std::size_t held_bytes() const;

  // Lines that arrived when no command or wait claimed them (kept for await_line).
  void drop_unclaimed() { unclaimed_.clear(); }

  const EngineCounters& counters() const { return counters_; }
  link::SerialLink& link() { return link_; }

 private:
  struct Exchange;  // one command in flight

  result<FramerEvent> next_event(Deadline deadline);
  LineFramer::BlockRule block_rule(Exchange& ex);
  result<bool> on_command_line(Exchange& ex, const std::string& text);
  result<void> keep_info_line(Exchange& ex, const std::string& text);
  result<void> take_owed_ok(Deadline deadline);
  result<void> append_capture(Capture& capture, const FramerEvent& ev);
  std::error_code too_large(std::string_view what);
  static bool prompt_grants_payload(const Exchange& ex, std::string_view prompt_line);
  result<void> send_payload(Exchange& ex, const std::string& prompt_line);
  std::error_code fail_exchange(std::error_code ec);
  std::error_code on_banner(const std::string& line);
  void notify_restart(const std::string& line);
  bool notify(const std::string& line);
  bool has_subscriber(const std::string& line) const;
  void route_urc(const std::string& line);
  result<bool> resync_try(Deadline try_deadline);
  result<void> end_stray_stream(Deadline deadline);
  result<bool> settled(Deadline deadline);

  link::SerialLink& link_;
  LineFramer framer_;
  BlockGather gather_;
  std::deque<std::string> last_info_;  // information lines of the last command, claimable
  std::deque<std::string> unclaimed_;
  std::vector<std::pair<std::string, UrcHandler>> subscribers_;
  EngineCounters counters_;
  ResyncTiming resync_timing_;
  std::size_t capture_limit_ = max_listing_bytes;
  bool dirty_ = false;
  bool ok_owed_ = false;  // a command ended at its data-mode result before its OK
};

}  // namespace mfs::at
