// What every AtEngine test over a pty shares: a scripted modem, a SerialLink and an engine on
// its slave, and small helpers to write replies and read results.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <system_error>
#include <vector>

#include "core/at/at_engine.hpp"
#include "tests/at/scripted_modem.hpp"

namespace mfs::test {

using Lines = std::vector<std::string>;

struct Rig {
  ScriptedModem modem;
  link::SerialLink link{{modem.slave_path()}};
  at::AtEngine engine{link};

  Rig() { REQUIRE(link.open()); }
};

inline std::string text_of(const result<std::string>& got) {
  return got ? got.value() : "error: " + got.error().message();
}

template <class T>
std::error_code code_of(const result<T>& got) {
  return got ? std::error_code() : got.error();
}

// Each line as the modem frames it: "\r\n<line>\r\n".
inline std::string crlf(const Lines& lines) {
  std::string out;
  for (const auto& line : lines) out += "\r\n" + line + "\r\n";
  return out;
}

}  // namespace mfs::test
