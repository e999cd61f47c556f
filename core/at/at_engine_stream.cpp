// AtEngine, stream half: listings captured byte-exact up to their terminator line, raw reads
// and writes for the escaped FTPRETR/FTPSTOR streams, and resync after a timeout.
#include <algorithm>
#include <array>

#include "core/at/at_engine.hpp"
#include "core/at/at_error.hpp"
#include "core/at/engine_support.hpp"
#include "core/at/reply_lines.hpp"
#include "core/link/link_error.hpp"

namespace mfs::at {

using detail::at_logger;

result<AtEngine::Capture> AtEngine::capture_until(const std::vector<std::string>& terminators,
                                                  Deadline deadline) {
  std::vector<std::string> wanted;
  for (const auto& terminator : terminators) wanted.push_back(normalise_line(terminator));
  Capture capture;
  for (;;) {
    auto event = next_event(deadline);
    if (!event) return fail_exchange(event.error());
    const FramerEvent& ev = event.value();
    if (ev.kind == FramerEvent::Kind::overflow) return fail_exchange(at_errc::line_overflow);
    if (ev.kind != FramerEvent::Kind::line) {
      capture.bytes += ev.raw;
      continue;
    }
    const std::string text = normalise_line(ev.text);
    const auto hit = std::find(wanted.begin(), wanted.end(), text);
    if (hit != wanted.end()) {
      capture.terminator = terminators[static_cast<std::size_t>(hit - wanted.begin())];
      return capture;
    }
    if (is_banner(text)) return on_banner(text);
    if (is_noise_urc(text)) {
      route_urc(text);
      continue;
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
  while (std::chrono::steady_clock::now() < deadline) {
    const Deadline try_deadline = std::min(deadline, std::chrono::steady_clock::now() + resync_timing_.per_try);
    auto answered = resync_try(try_deadline);
    if (!answered) return fail_exchange(answered.error());
    if (!answered.value()) continue;
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
