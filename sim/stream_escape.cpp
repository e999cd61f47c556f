#include "sim/stream_escape.hpp"

namespace mfs::sim {

std::string escaped(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 64);
  for (char c : bytes) {
    if (c == stream_etx || c == stream_dle) out += stream_dle;
    out += c;
  }
  return out;
}

std::optional<char> StreamUnescaper::take(char c) {
  if (!escape_ && c == stream_dle) {
    escape_ = true;
    return std::nullopt;
  }
  if (!escape_ && c == stream_etx) {
    ended_ = true;
    return std::nullopt;
  }
  escape_ = false;
  return c;
}

}  // namespace mfs::sim
