// Escaping and unescaping of the escaped streams, and the hold-back of a possible restart
// banner (see stream_codec.hpp).
#include "core/dialect/stream_codec.hpp"

#include <algorithm>
#include <array>

namespace mfs::dialect {
namespace {

// The lines a module prints when it (re)starts (PROTOCOL.md 1): both families' banners, with
// the spacing variants "+X:1" / "+X: 1".
constexpr std::array<std::string_view, 7> restart_lines = {
    "RDY", "+CPIN: READY", "+CPIN:READY", "+CFUN: 1", "+CFUN:1", "SMS Ready", "Call Ready"};

bool is_line_end(char c) { return c == '\r' || c == '\n'; }

bool is_restart_line(std::string_view line) {
  return std::find(restart_lines.begin(), restart_lines.end(), line) != restart_lines.end();
}

bool starts_restart_line(std::string_view text) {
  return std::any_of(restart_lines.begin(), restart_lines.end(),
                     [text](std::string_view line) { return line.starts_with(text); });
}

// How many whole banner lines `text` holds when it could be the start of a banner: line ends,
// whole banner lines each followed by line ends, then the start of one more (maybe empty).
// -1 when it cannot be one.
int restart_prefix(std::string_view text) {
  int whole = 0;
  for (std::size_t i = 0;;) {
    while (i < text.size() && is_line_end(text[i])) ++i;
    if (i == text.size()) return whole;
    const std::size_t end = text.find_first_of("\r\n", i);
    const std::string_view line = text.substr(i, end == std::string_view::npos ? end : end - i);
    if (end == std::string_view::npos) return starts_restart_line(line) ? whole : -1;
    if (!is_restart_line(line)) return -1;
    ++whole;
    i = end;
  }
}

}  // namespace

void escape_stream(std::string_view data, std::string& wire) {
  wire.reserve(wire.size() + data.size() + data.size() / 64);
  for (char c : data) {
    if (c == stream_end || c == stream_escape) wire += stream_escape;
    wire += c;
  }
}

std::size_t StreamDecoder::decode(std::string_view wire, std::string& data) {
  static constexpr char specials[] = {stream_end, stream_escape};
  const std::size_t start = data.size();
  data += held_;
  held_.clear();
  std::size_t used = 0;
  while (used < wire.size() && !ended_) {
    if (escaped_) {
      escaped_ = false;
      data += wire[used++];
      continue;
    }
    // The plain bytes up to the next special one go over in one piece.
    const std::size_t special = wire.find_first_of(std::string_view(specials, 2), used);
    const std::size_t plain_end = special == std::string_view::npos ? wire.size() : special;
    data.append(wire.data() + used, plain_end - used);
    used = plain_end;
    if (used == wire.size()) break;
    if (wire[used++] == stream_escape) {
      escaped_ = true;
    } else {
      ended_ = true;
    }
  }
  if (!ended_) hold_back(data, start);
  return used;
}

// Moves the unproven tail of data[start..] into held_: from the first byte where the rest could
// still be a banner, within the last max_unproven bytes. A banner may follow a line end or come
// straight after the last data byte (a module that restarts mid-line need not end the line).
void StreamDecoder::hold_back(std::string& data, std::size_t start) {
  const std::size_t window = data.size() - std::min(data.size() - start, max_unproven);
  for (std::size_t at = window; at < data.size(); ++at) {
    if (restart_prefix(std::string_view(data).substr(at)) < 0) continue;
    held_.assign(data, at);
    data.resize(at);
    return;
  }
}

bool StreamDecoder::holds_restart() const { return restart_prefix(held_) > 0; }

}  // namespace mfs::dialect
