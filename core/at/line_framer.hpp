// LineFramer: turns the modem's byte stream into lines and length-announced binary blocks.
// Pure (no I/O), pull-based so that a rule change between two events takes effect exactly
// at the byte where the caller decides it (PROTOCOL.md section 1, "Binary blocks").
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace mfs::at {

struct FramerEvent {
  enum class Kind {
    line,      // `text` without its terminator, `raw` with it
    blank,     // an empty line: only `raw` (kept so captures stay byte-exact)
    block,     // `raw` holds exactly the announced bytes
    overflow,  // `raw` holds the first max_line bytes of a line that had no terminator
  };
  Kind kind = Kind::line;
  std::string text;
  std::string raw;

  bool operator==(const FramerEvent&) const = default;
};

class LineFramer {
 public:
  // Consulted with each completed non-empty line; a value n means exactly n raw bytes follow
  // the line's terminator as one block, never scanned for line ends.
  using BlockRule = std::function<std::optional<std::size_t>(std::string_view line)>;

  // Modem lines end at CR, LF or CRLF; a server's listing only at LF or CRLF, a CR alone
  // being part of a name (PROTOCOL.md section 3, "More variations").
  enum class LineEnds { cr_or_lf, lf_only };

  // Longest line accepted without a terminator (listing lines and +FTPxxx: 2,<text> replies
  // stay far below it); beyond it the line is dropped rather than buffered without bound.
  static constexpr std::size_t default_max_line = 8192;

  explicit LineFramer(std::size_t max_line = default_max_line);

  // Appends bytes from the wire; events are then taken with next().
  void feed(std::string_view bytes);

  // The next complete event, or nothing until more bytes are fed. With cr_or_lf a line ends
  // at "\r\n", a bare "\n" or a bare "\r"; after a "\r" the framer waits for the next byte
  // to see whether a "\n" belongs to the same terminator, so events never depend on how the
  // stream was split into feeds. With lf_only it ends at "\n" (a "\r" before it is dropped).
  std::optional<FramerEvent> next();

  void set_block_rule(BlockRule rule) { rule_ = std::move(rule); }
  // Takes effect from the next unconsumed byte on.
  void set_line_ends(LineEnds ends);

  // Raw bytes fed but not yet part of any event (for the escaped streams that bypass framing).
  std::size_t take_unconsumed(std::span<char> out);
  // Puts bytes taken past the end of such a stream back in front, to be framed next.
  void unread(std::string_view bytes);
  std::size_t buffered() const { return in_.size() - pos_; }
  // Memory the buffer holds, consumed bytes included (bounded: see feed()).
  std::size_t capacity() const { return in_.capacity(); }
  // Bytes still to arrive before the announced block is complete; 0 when none is pending.
  std::size_t block_needs() const {
    return block_left_ ? *block_left_ - std::min(*block_left_, buffered()) : 0;
  }

  // Forgets every buffered byte and pending block (resync after a timeout). Keeps the rule.
  void clear();

 private:
  std::optional<FramerEvent> next_block();
  std::optional<FramerEvent> next_line();
  bool skip_discarded_line();
  // Position just past the terminator starting at `at`, or nothing if a "\r" is the last byte.
  std::optional<std::size_t> terminator_end(std::size_t at) const;
  const char* line_stops() const { return ends_ == LineEnds::lf_only ? "\n" : "\r\n"; }

  std::string in_;
  std::size_t pos_ = 0;      // first unconsumed byte of in_
  std::size_t scanned_ = 0;  // bytes after pos_ already known to hold no terminator
  std::size_t max_line_;
  BlockRule rule_;
  LineEnds ends_ = LineEnds::cr_or_lf;
  std::optional<std::size_t> block_left_;  // a block was announced and is not yet complete
  bool discarding_ = false;                // dropping the tail of an overflowed line
};

}  // namespace mfs::at
