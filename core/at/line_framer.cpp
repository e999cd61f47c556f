// LineFramer: byte stream -> lines and binary blocks, independent of how the bytes were split.
#include "core/at/line_framer.hpp"

#include <algorithm>
#include <cstring>

namespace mfs::at {
namespace {

// Consumed bytes are dropped from the front once this many have piled up, so a long session
// of small reads neither grows the buffer nor memmoves on every feed.
constexpr std::size_t compact_threshold = 4096;

// The buffer never needs more than a block, a line or an unread stream chunk plus one read;
// once emptied, memory grown past this (by a 64 KiB block, say) goes back to the allocator.
constexpr std::size_t keep_capacity = 16 * 1024;

}  // namespace

LineFramer::LineFramer(std::size_t max_line) : max_line_(max_line) {}

void LineFramer::feed(std::string_view bytes) {
  if (pos_ == in_.size() || pos_ >= compact_threshold) {
    in_.erase(0, pos_);
    pos_ = 0;
  }
  if (in_.empty() && in_.capacity() > keep_capacity) in_.shrink_to_fit();
  in_.append(bytes);
}

void LineFramer::set_line_ends(LineEnds ends) {
  ends_ = ends;
  scanned_ = 0;  // bytes known to hold no "\n" may still hold a "\r"
}

std::optional<FramerEvent> LineFramer::next() {
  if (block_left_) return next_block();
  while (discarding_) {
    if (!skip_discarded_line()) return std::nullopt;
  }
  return next_line();
}

std::optional<FramerEvent> LineFramer::next_block() {
  if (buffered() < *block_left_) return std::nullopt;
  FramerEvent event{FramerEvent::Kind::block, {}, in_.substr(pos_, *block_left_)};
  pos_ += *block_left_;
  block_left_.reset();
  return event;
}

std::optional<std::size_t> LineFramer::terminator_end(std::size_t at) const {
  if (in_[at] == '\n') return at + 1;
  if (at + 1 == in_.size()) return std::nullopt;  // "\r" last: a "\n" may still come
  return in_[at + 1] == '\n' ? at + 2 : at + 1;
}

// Drops bytes of an overflowed line up to and including its terminator; false when more
// bytes are needed to find it.
bool LineFramer::skip_discarded_line() {
  const std::size_t at = in_.find_first_of(line_stops(), pos_);
  if (at == std::string::npos) {
    pos_ = in_.size();
    return false;
  }
  const auto end = terminator_end(at);
  if (!end) {
    pos_ = at;
    return false;
  }
  pos_ = *end;
  scanned_ = 0;
  discarding_ = false;
  return true;
}

std::optional<FramerEvent> LineFramer::next_line() {
  // A terminator must appear within max_line bytes of text; only that window is searched, so
  // overflow is decided by the same bytes however the stream was split.
  const std::size_t window = std::min(buffered(), max_line_ + 1);
  const std::size_t rel =
      std::string_view(in_).substr(pos_, window).find_first_of(line_stops(), scanned_);
  if (rel == std::string_view::npos) {
    scanned_ = window;
    if (buffered() <= max_line_) return std::nullopt;
    FramerEvent event{FramerEvent::Kind::overflow, {}, in_.substr(pos_, max_line_)};
    pos_ += max_line_;
    scanned_ = 0;
    discarding_ = true;
    return event;
  }
  const auto end = terminator_end(pos_ + rel);
  if (!end) {
    scanned_ = rel;
    return std::nullopt;
  }
  const bool crlf = ends_ == LineEnds::lf_only && rel > 0 && in_[pos_ + rel - 1] == '\r';
  FramerEvent event{FramerEvent::Kind::line, in_.substr(pos_, crlf ? rel - 1 : rel),
                    in_.substr(pos_, *end - pos_)};
  pos_ = *end;
  scanned_ = 0;
  if (event.text.empty()) {
    event.kind = FramerEvent::Kind::blank;
  } else if (rule_) {
    block_left_ = rule_(event.text);
  }
  return event;
}

std::size_t LineFramer::take_unconsumed(std::span<char> out) {
  const std::size_t n = std::min(out.size(), buffered());
  if (n > 0) std::memcpy(out.data(), in_.data() + pos_, n);
  pos_ += n;
  scanned_ = 0;
  return n;
}

void LineFramer::unread(std::string_view bytes) {
  in_.insert(pos_, bytes);
  scanned_ = 0;
}

void LineFramer::clear() {
  in_.clear();
  pos_ = 0;
  scanned_ = 0;
  block_left_.reset();
  discarding_ = false;
}

}  // namespace mfs::at
