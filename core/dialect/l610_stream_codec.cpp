// Escaping and unescaping of the L610's FTPRETR/FTPSTOR streams (see l610_stream_codec.hpp).
#include "core/dialect/l610_stream_codec.hpp"

namespace mfs::dialect::l610 {

void escape_stream(std::string_view data, std::string& wire) {
  wire.reserve(wire.size() + data.size() + data.size() / 64);
  for (char c : data) {
    if (c == stream_end || c == stream_escape) wire += stream_escape;
    wire += c;
  }
}

std::size_t StreamDecoder::decode(std::string_view wire, std::string& data) {
  std::size_t used = 0;
  while (used < wire.size() && !ended_) {
    const char c = wire[used++];
    if (escaped_) {
      escaped_ = false;
      data += c;
    } else if (c == stream_escape) {
      escaped_ = true;
    } else if (c == stream_end) {
      ended_ = true;
    } else {
      data += c;
    }
  }
  return used;
}

}  // namespace mfs::dialect::l610
