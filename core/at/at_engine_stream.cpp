// AtEngine, stream half: listings captured byte-exact up to their terminator line, raw reads
// and writes for the escaped FTPRETR/FTPSTOR streams, and resync after a timeout (out of a
// stream a dead host left open, too).
#include <algorithm>
#include <array>

#include "core/at/at_engine.hpp"
#include "core/at/at_error.hpp"
#include "core/at/engine_support.hpp"
#include "core/at/reply_lines.hpp"
#include "core/link/link_error.hpp"

namespace mfs::at {

using detail::at_logger;

namespace {

// A listing is framed as the server's text for as long as it is captured, and no longer.
struct ServerLines {
  LineFramer& framer;
  explicit ServerLines(LineFramer& f) : framer(f) { framer.set_line_ends(LineFramer::LineEnds::lf_only); }
  ~ServerLines() { framer.set_line_ends(LineFramer::LineEnds::cr_or_lf); }
  ServerLines(const ServerLines&) = delete;
  ServerLines& operator=(const ServerLines&) = delete;
};

}  // namespace

result<AtEngine::Capture> AtEngine::capture_until(const std::vector<std::string>& terminators,
                                                  Deadline deadline) {
  std::vector<std::string> wanted;
  for (const auto& terminator : terminators) wanted.push_back(normalise_line(terminator));
  const ServerLines server_lines(framer_);
  Capture capture;
  for (;;) {
    auto event = next_event(deadline);
    if (!event) return fail_exchange(event.error());
    const FramerEvent& ev = event.value();
    if (ev.kind == FramerEvent::Kind::overflow) {
      at_logger()->warn("skipped a listing line longer than {} bytes", ev.raw.size());
      continue;
    }
    if (ev.kind == FramerEvent::Kind::line) {
      const std::string text = normalise_line(ev.text);
      const auto hit = std::find(wanted.begin(), wanted.end(), text);
      if (hit != wanted.end()) {
        capture.terminator = terminators[static_cast<std::size_t>(hit - wanted.begin())];
        return capture;
      }
      // The OK of a command that ended at its data-mode result, sent before the listing
      // (with the empty line that frames it).
      if (ok_owed_ && text == "OK" && capture.bytes.find_first_not_of("\r\n") == std::string::npos) {
        ok_owed_ = false;
        capture.bytes.clear();
        continue;
      }
    }
    if (capture.bytes.size() + ev.raw.size() > capture_limit_) {
      return too_large(fmt::format("a listing (over {} bytes)", capture_limit_));
    }
    capture.bytes += ev.raw;
  }
}

result<std::size_t> AtEngine::read_raw(std::span<char> out, Deadline deadline) {
  if (const std::size_t held = framer_.take_unconsumed(out); held > 0) return held;
  auto got = link_.read_some(out, deadline);
  if (!got) return fail_exchange(got.error());
  at_logger()->trace("< [{} raw bytes]", got.value());
  return got.value();
}

result<void> AtEngine::write_raw(std::string_view bytes, Deadline deadline) {
  at_logger()->trace("> [{} raw bytes]", bytes.size());
  if (auto sent = link_.write_all(bytes, deadline); !sent) return fail_exchange(sent.error());
  return success();
}

result<void> AtEngine::resync(Deadline deadline) {
  at_logger()->debug("resync");
  link_.discard_pending();
  framer_.clear();
  last_info_.clear();
  ok_owed_ = false;
  while (std::chrono::steady_clock::now() < deadline) {
    const Deadline try_deadline = std::min(deadline, std::chrono::steady_clock::now() + resync_timing_.per_try);
    auto answered = resync_try(try_deadline);
    if (!answered) return fail_exchange(answered.error());
    if (!answered.value()) {
      ++counters_.unanswered_syncs;
      if (auto ended = end_stray_stream(deadline); !ended) return fail_exchange(ended.error());
      continue;
    }
    auto quiet = settled(deadline);
    if (!quiet) return fail_exchange(quiet.error());
    if (quiet.value()) {
      framer_.clear();
      dirty_ = false;
      return success();
    }
  }
  return fail_exchange(at_errc::timeout);
}

// An "AT" went unanswered: a module still inside an upload took it as data. A stream (L610
// FTPSTOR) ends at the first unescaped end byte (after a DLE the first one is data, hence
// two). A prompted upload (FTPPUT=2,<len>: exactly len raw bytes) ends once it has its count,
// so filler follows, as long as the longest prompt either family grants. In command mode all
// of it is one line of junk, which the module refuses and the CR ends.
result<void> AtEngine::end_stray_stream(Deadline deadline) {
  static const std::string end_bytes = "\x03\x03\r" + std::string(stray_prompt_filler, '-') + "\r";
  at_logger()->trace("> [stream end bytes and prompt filler]");
  auto sent = link_.write_all(end_bytes, deadline);
  if (!sent && sent.error() != link::link_errc::timeout) return sent.error();
  return success();
}

// Sends one "AT" and drops everything up to an "OK"; false when none came in time.
result<bool> AtEngine::resync_try(Deadline try_deadline) {
  at_logger()->trace("> AT");
  if (auto sent = link_.write_all("AT\r", try_deadline); !sent) {
    if (sent.error() == link::link_errc::timeout) return false;
    return sent.error();
  }
  for (;;) {
    auto event = next_event(try_deadline);
    if (!event) {
      if (event.error() == link::link_errc::timeout) return false;
      return event.error();
    }
    if (event.value().kind != FramerEvent::Kind::line) continue;
    const std::string text = normalise_line(event.value().text);
    if (text == "OK") return true;
    if (is_banner(text)) notify_restart(text);
  }
}

// Drops whatever still arrives after the OK; true once the line stayed silent for the quiet
// period, false when the deadline came first.
result<bool> AtEngine::settled(Deadline deadline) {
  std::array<char, 512> buf;
  for (;;) {
    while (auto event = framer_.next()) {
      if (event->kind == FramerEvent::Kind::line && is_banner(normalise_line(event->text))) {
        notify_restart(normalise_line(event->text));
      }
    }
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return false;
    auto got = link_.read_some(buf, std::min(deadline, now + resync_timing_.quiet));
    if (!got) {
      if (got.error() == link::link_errc::timeout) return true;
      return got.error();
    }
    at_logger()->trace("< [{} bytes dropped while settling]", got.value());
    framer_.feed({buf.data(), got.value()});
  }
}

}  // namespace mfs::at
