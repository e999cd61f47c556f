// AtEngine, command half: one command in flight, its information lines and final result,
// block headers and prompts, and the routing of everything else to subscribers or the
// unclaimed queue (PROTOCOL.md section 1).
#include "core/at/at_engine.hpp"

#include <array>
#include <thread>

#include "core/at/at_error.hpp"
#include "core/at/engine_support.hpp"
#include "core/at/redact.hpp"
#include "core/at/reply_lines.hpp"
#include "core/link/link_error.hpp"
#include "core/util/log.hpp"

namespace mfs::at {
namespace detail {

std::shared_ptr<spdlog::logger> at_logger() {
  static const auto logger = log::get("at");
  return logger;
}

std::optional<std::string> take_first(std::deque<std::string>& lines, std::string_view prefix) {
  for (auto it = lines.begin(); it != lines.end(); ++it) {
    if (it->starts_with(prefix)) {
      std::string line = std::move(*it);
      lines.erase(it);
      return line;
    }
  }
  return std::nullopt;
}

}  // namespace detail

namespace {

using detail::at_logger;
using Clock = std::chrono::steady_clock;

// Unclaimed lines are kept for a later await_line; past this many the oldest are surely
// stale (nobody awaited them through dozens of lines) and are dropped.
constexpr std::size_t max_unclaimed = 64;

// Largest block a header may announce: FTPRECV gives at most 3000 bytes, SIM7000 reads 1460.
// A bigger number is a misread header, and waiting for it would stall until the deadline.
constexpr std::size_t max_block = 64 * 1024;

// A command's information lines are a few short lines (ATI, +FTPSTAT text); past either cap
// the modem is flooding the line, and the command fails rather than hold it all.
constexpr std::size_t max_reply_lines = 256;
constexpr std::size_t max_reply_bytes = 64 * 1024;

// A command that ended at its data-mode result owes its OK: it follows the stream's own
// result line at once, so the next command waits at most this long for it to go by.
constexpr std::chrono::milliseconds owed_ok_wait{250};

// The framer's block rule belongs to one command; it must not outlive it.
struct BlockRuleScope {
  LineFramer& framer;
  ~BlockRuleScope() { framer.set_block_rule({}); }
};

}  // namespace

struct AtEngine::Exchange {
  std::string_view command;
  const CommandSpec& spec;
  Deadline deadline;
  std::string info_prefix;  // "+CSQ:" for "AT+CSQ"
  std::string header;       // normalised spec.binary_header
  std::string prompt;       // normalised spec.prompt
  std::string data_mode;     // normalised spec.data_mode_result
  Response response{};
  std::size_t kept_bytes = 0;  // of response.lines
  bool echo_seen = false;
  bool payload_sent = false;
  std::error_code bad_header{};  // a block header that must not start a block
};

AtEngine::AtEngine(link::SerialLink& link) : link_(link) {}

result<Response> AtEngine::command(std::string_view command, const CommandSpec& spec) {
  const Deadline deadline = std::chrono::steady_clock::now() + spec.timeout;
  if (dirty_) {
    if (auto synced = resync(deadline); !synced) return synced.error();
  }
  if (ok_owed_) {
    MFS_TRY(take_owed_ok(deadline));
  }
  ++counters_.commands;
  last_info_.clear();
  at_logger()->trace("> {}", redact(command));
  if (auto sent = link_.write_all(std::string(command) + "\r", deadline); !sent) {
    return fail_exchange(sent.error());
  }
  gather_.restart();
  Exchange ex{command,
              spec,
              deadline,
              info_prefix_of(command),
              normalise_line(spec.binary_header),
              normalise_line(spec.prompt),
              normalise_line(spec.data_mode_result)};
  BlockRuleScope scope{framer_};
  if (!ex.header.empty()) framer_.set_block_rule(block_rule(ex));
  for (;;) {
    auto event = next_event(deadline);
    if (!event) return fail_exchange(event.error());
    FramerEvent& ev = event.value();
    if (ev.kind == FramerEvent::Kind::overflow) return fail_exchange(at_errc::line_overflow);
    if (ev.kind == FramerEvent::Kind::block) {
      ex.response.block += ev.raw;
      ex.response.has_block = true;
    } else if (ev.kind == FramerEvent::Kind::line) {
      auto done = on_command_line(ex, normalise_line(ev.text));
      if (!done) return done.error();
      if (done.value()) return std::move(ex.response);
    }
  }
}

// The framer's rule for this command's block header. A header whose length is missing, or
// larger than the command asked for, sets bad_header instead of starting a block: the
// announced bytes are never taken as data, and the command fails on the header line.
LineFramer::BlockRule AtEngine::block_rule(Exchange& ex) {
  const std::size_t limit = ex.spec.max_block > 0 ? std::min(ex.spec.max_block, max_block) : max_block;
  return [&ex, limit](std::string_view line) -> std::optional<std::size_t> {
    const auto parsed = parse_block_header(normalise_line(line), ex.header, ex.spec.length_field);
    if (!parsed.matched) return std::nullopt;
    if (!parsed.length) {
      ex.bad_header = at_errc::unexpected_reply;
    } else if (ex.response.block.size() + *parsed.length > limit) {
      at_logger()->warn("'{}' announces more than the {} bytes asked for: not data", redact(line), limit);
      ex.bad_header = at_errc::oversized_block;
    }
    if (ex.bad_header) return std::nullopt;
    return parsed.length;
  };
}

// One line while a command is in flight; true once the final result says OK, or once the
// data-mode result arrived.
result<bool> AtEngine::on_command_line(Exchange& ex, const std::string& text) {
  if (!ex.echo_seen && text == ex.command) {  // echo before ATE0 took effect
    ex.echo_seen = true;
    return false;
  }
  if (const auto final = parse_final_result(text)) {
    last_info_.assign(ex.response.lines.begin(), ex.response.lines.end());
    if (final->error) return final->error;
    return true;
  }
  if (ex.bad_header) return fail_exchange(ex.bad_header);
  if (!ex.prompt.empty() && !ex.payload_sent && text.starts_with(ex.prompt)) {
    MFS_TRY(keep_info_line(ex, text));
    if (!prompt_grants_payload(ex, text)) return fail_exchange(at_errc::unexpected_reply);
    if (auto sent = send_payload(ex, text); !sent) return fail_exchange(sent.error());
    return false;
  }
  if (!ex.data_mode.empty() && text == ex.data_mode) {
    MFS_TRY(keep_info_line(ex, text));
    last_info_.assign(ex.response.lines.begin(), ex.response.lines.end());
    ok_owed_ = true;
    return true;
  }
  const bool own = (!ex.info_prefix.empty() && text.starts_with(ex.info_prefix)) ||
                   (!ex.header.empty() && text.starts_with(ex.header));
  if (!own) {
    if (is_banner(text)) return on_banner(text);
    if (looks_like_urc(text) || is_noise_urc(text) || has_subscriber(text)) {
      route_urc(text);
      return false;
    }
  }
  MFS_TRY(keep_info_line(ex, text));
  return false;
}

// Keeps one information line for the caller, within the reply caps: a flood of lines during
// one command fails it (and resyncs) instead of growing memory.
result<void> AtEngine::keep_info_line(Exchange& ex, const std::string& text) {
  ex.kept_bytes += text.size();
  if (ex.response.lines.size() >= max_reply_lines || ex.kept_bytes > max_reply_bytes) {
    return too_large(fmt::format("the reply to {} (over {} lines or {} bytes)",
                                 redact(ex.command), max_reply_lines, max_reply_bytes));
  }
  ex.response.lines.push_back(text);
  notify(text);
  return success();
}

// The OK a command owes after ending at its data-mode result (firmware that sends it after the
// stream) is dropped here, before it could answer the command about to be sent. Other lines
// meanwhile are URCs; an OK that does not come within owed_ok_wait is not waited for again.
result<void> AtEngine::take_owed_ok(Deadline deadline) {
  const Deadline until = std::min(deadline, Clock::now() + owed_ok_wait);
  while (ok_owed_) {
    auto event = next_event(until);
    if (!event) {
      if (event.error() != link::link_errc::timeout) return fail_exchange(event.error());
      at_logger()->debug("no late OK after a data mode");
      ok_owed_ = false;
    } else if (event.value().kind == FramerEvent::Kind::overflow) {
      return fail_exchange(at_errc::line_overflow);
    } else if (event.value().kind == FramerEvent::Kind::line) {
      const std::string text = normalise_line(event.value().text);
      if (parse_final_result(text)) {
        ok_owed_ = false;
      } else if (is_banner(text)) {
        return on_banner(text);
      } else {
        route_urc(text);
      }
    }
  }
  return success();
}

std::error_code AtEngine::too_large(std::string_view what) {
  at_logger()->warn("{} passed its size limit: dropped, the line is resynced", what);
  return fail_exchange(at_errc::reply_too_large);
}

// A prompt that names a count ("+FTPPUT: 2,<len>") must name the payload's: the module takes
// exactly that many raw bytes, so fewer would leave the rest to be read as commands and more
// would leave it waiting. Nothing is sent then; the resync after the failure frees the module.
bool AtEngine::prompt_grants_payload(const Exchange& ex, std::string_view prompt_line) {
  const std::string_view count = prompt_line.substr(ex.prompt.size());
  const bool numeric = !count.empty() && count.find_first_not_of("0123456789") == count.npos;
  if (!numeric || count == std::to_string(ex.spec.payload.size())) return true;
  at_logger()->warn("'{}' grants another count than the {} bytes to send: not sending them",
                    prompt_line, ex.spec.payload.size());
  return false;
}

result<void> AtEngine::send_payload(Exchange& ex, const std::string& prompt_line) {
  at_logger()->trace("> [{} payload bytes after {}]", ex.spec.payload.size(), prompt_line);
  ex.payload_sent = true;
  return link_.write_all(ex.spec.payload, ex.deadline);
}

result<std::string> AtEngine::await_line(std::string_view prefix, Deadline deadline) {
  const std::string want = normalise_line(prefix);
  if (auto hit = detail::take_first(last_info_, want)) return std::move(*hit);
  if (auto hit = detail::take_first(unclaimed_, want)) return std::move(*hit);
  for (;;) {
    auto event = next_event(deadline);
    if (!event) {
      if (event.error() == link::link_errc::timeout) return at_errc::timeout;
      return fail_exchange(event.error());
    }
    if (event.value().kind == FramerEvent::Kind::overflow) return fail_exchange(at_errc::line_overflow);
    if (event.value().kind != FramerEvent::Kind::line) continue;
    std::string text = normalise_line(event.value().text);
    if (text.starts_with(want)) {
      notify(text);
      return text;
    }
    if (is_banner(text)) return on_banner(text);
    if (parse_final_result(text)) {
      at_logger()->debug("stray final result outside a command: {}", text);
      ok_owed_ = false;
      continue;
    }
    route_urc(text);
  }
}

std::size_t AtEngine::held_bytes() const {
  std::size_t held = framer_.capacity();
  for (const auto& line : last_info_) held += line.capacity();
  for (const auto& line : unclaimed_) held += line.capacity();
  return held;
}

void AtEngine::subscribe(std::string prefix, UrcHandler handler) {
  subscribers_.emplace_back(normalise_line(prefix), std::move(handler));
}

result<FramerEvent> AtEngine::next_event(Deadline deadline) {
  std::array<char, 4096> buf;
  for (;;) {
    if (auto event = framer_.next()) {
      if (event->kind == FramerEvent::Kind::line) {
        at_logger()->trace("< {}", redact(event->text));
      } else if (event->kind == FramerEvent::Kind::block) {
        at_logger()->trace("< [{} byte block]", event->raw.size());
      } else if (event->kind == FramerEvent::Kind::overflow) {
        at_logger()->debug("< [a line longer than {} bytes]", event->raw.size());
      }
      return std::move(*event);
    }
    // Inside a block, a short read is followed by a pause that lets the rest pile up in the
    // OS (BlockGather): a few wakeups per block instead of one per ~80 bytes.
    const auto pause =
        gather_.before_read(framer_.block_needs(), buf.size(), Clock::now(), deadline);
    if (pause.count() > 0) std::this_thread::sleep_for(pause);
    auto got = link_.read_some(buf, deadline);
    if (!got) return got.error();
    gather_.after_read(got.value(), Clock::now());
    framer_.feed({buf.data(), got.value()});
  }
}

// Every failure of an exchange leaves the line in an unknown state: dirty until resync.
std::error_code AtEngine::fail_exchange(std::error_code ec) {
  dirty_ = true;
  if (ec == link::link_errc::timeout || ec == at_errc::timeout) {
    ++counters_.timeouts;
    at_logger()->debug("AT exchange timed out; line is dirty");
    return at_errc::timeout;
  }
  return ec;
}

std::error_code AtEngine::on_banner(const std::string& line) {
  at_logger()->warn("modem restarted ({})", line);
  notify_restart(line);
  dirty_ = true;
  return at_errc::modem_restarted;
}

void AtEngine::notify_restart(const std::string& line) {
  ++counters_.urcs;
  for (auto& [prefix, handler] : subscribers_) {
    if (prefix == "RDY" || line.starts_with(prefix)) handler(line);
  }
}

bool AtEngine::notify(const std::string& line) {
  bool any = false;
  for (auto& [prefix, handler] : subscribers_) {
    if (line.starts_with(prefix)) {
      handler(line);
      any = true;
    }
  }
  return any;
}

bool AtEngine::has_subscriber(const std::string& line) const {
  for (const auto& entry : subscribers_) {
    if (line.starts_with(entry.first)) return true;
  }
  return false;
}

// A URC: subscribers see it; unless it is known noise it is also kept for await_line.
void AtEngine::route_urc(const std::string& line) {
  ++counters_.urcs;
  const bool claimed = notify(line);
  if (is_noise_urc(line)) return;
  if (!claimed) at_logger()->debug("unclaimed URC: {}", redact(line));
  unclaimed_.push_back(line);
  if (unclaimed_.size() > max_unclaimed) unclaimed_.pop_front();
}

}  // namespace mfs::at
