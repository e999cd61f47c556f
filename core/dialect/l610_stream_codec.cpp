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
  static constexpr char specials[] = {stream_end, stream_escape};
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
  return used;
}

}  // namespace mfs::dialect::l610
