// The byte coding of the escaped streams (L610 FTPRETR/FTPSTOR, seed 1.2.15, 1.2.16; the
// SIM7000's ETGET/ETPUT read the same way): 0x10 goes before every 0x03 and 0x10 of the data,
// and an unescaped 0x03 ends the stream. Pure, no I/O.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mfs::dialect {

inline constexpr char stream_end = 0x03;     // ETX: ends a stream when not escaped
inline constexpr char stream_escape = 0x10;  // DLE: the next byte is data

// The most decoded bytes held back as a possible restart banner (PROTOCOL.md 3: a module can
// reboot inside a stream). The longest banner, blank lines and all, is ~80 bytes.
inline constexpr std::size_t max_unproven = 256;

// Appends `data` to `wire`, escaped.
void escape_stream(std::string_view data, std::string& wire);

// Decodes a stream that arrives in pieces split anywhere, an escape pair included. Bytes count
// as data only once the stream proves them: a module that reboots mid-stream prints its banner
// ([CR LF] "RDY" CR LF ...) where data would be, and never the end byte. So a decoded tail that
// could still be the start of a banner is held back, and released only when more data follows
// that breaks the pattern, or the end byte comes.
class StreamDecoder {
 public:
  // Appends the proven data in `wire` to `data` and returns how many bytes of `wire` it used:
  // all of them, or up to and including the end byte (the rest is what follows the stream).
  std::size_t decode(std::string_view wire, std::string& data);
  bool ended() const { return ended_; }

  // How many decoded bytes are held back, unproven.
  std::size_t held() const { return held_.size(); }
  // The held bytes hold at least one whole banner line: if the stream goes quiet now, the
  // module has restarted.
  bool holds_restart() const;
  // The stream broke off: the unproven bytes are not data.
  void drop_held() { held_.clear(); }

 private:
  void hold_back(std::string& data, std::size_t start);

  bool escaped_ = false;  // the last byte seen was an escape
  bool ended_ = false;
  std::string held_;
};

}  // namespace mfs::dialect
