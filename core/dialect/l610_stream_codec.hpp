// The byte coding of the L610's FTPRETR and FTPSTOR streams (seed 1.2.15, 1.2.16): 0x10 goes
// before every 0x03 and 0x10 of the data, and an unescaped 0x03 ends the stream. Pure, no I/O.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mfs::dialect::l610 {

inline constexpr char stream_end = 0x03;     // ETX: ends a stream when not escaped
inline constexpr char stream_escape = 0x10;  // DLE: the next byte is data

// Appends `data` to `wire`, escaped.
void escape_stream(std::string_view data, std::string& wire);

// Decodes a stream that arrives in pieces split anywhere, an escape pair included.
class StreamDecoder {
 public:
  // Appends the data in `wire` to `data` and returns how many bytes of `wire` it used: all of
  // them, or up to and including the end byte (the rest is what follows the stream).
  std::size_t decode(std::string_view wire, std::string& data);
  bool ended() const { return ended_; }

 private:
  bool escaped_ = false;  // the last byte seen was an escape
  bool ended_ = false;
};

}  // namespace mfs::dialect::l610
