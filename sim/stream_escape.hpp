// The escaped streams' byte coding (L610 FTPRETR/FTPSTOR, SIM7000 FTPETGET/FTPETPUT; PROTOCOL.md
// sections 2 and 3): a DLE before every ETX and DLE of the data, an unescaped ETX ends it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mfs::sim {

inline constexpr char stream_etx = 0x03;  // ends a stream when not escaped
inline constexpr char stream_dle = 0x10;  // escapes the next byte of a stream

std::string escaped(std::string_view bytes);

// Takes a stream from the host byte by byte.
class StreamUnescaper {
 public:
  // The data byte `c` stands for; nullopt for an escape, or for the end (ended() then says so).
  std::optional<char> take(char c);
  bool ended() const { return ended_; }

 private:
  bool escape_ = false;
  bool ended_ = false;
};

}  // namespace mfs::sim
