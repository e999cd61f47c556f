// Pure classification of modem lines: final results, banners, noise URCs, the "+X:1" vs
// "+X: 1" spacing, a command's own reply prefix and block lengths (PROTOCOL.md section 1).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

namespace mfs::at {

// "+X:1" -> "+X: 1": one spelling for every comparison (PROTOCOL.md: both occur).
std::string normalise_line(std::string_view line);

// The prefix of a command's own information lines: "AT+CSQ" -> "+CSQ:",
// "AT+FTPOPEN=..." -> "+FTPOPEN:"; empty for basic commands such as "AT" or "ATE0".
std::string info_prefix_of(std::string_view command);

// OK, ERROR, +CME ERROR: <n>, +CMS ERROR: <n> (normalised line). `error` is empty for OK.
struct FinalResult {
  std::error_code error;
};
std::optional<FinalResult> parse_final_result(std::string_view line);

// RDY, +CFUN: 1, +CPIN: READY: the modem has (re)started and lost all state.
bool is_banner(std::string_view line);

// URCs any modem may print at any line boundary (+CSQ:, +CREG:, +CEREG:, +CGREG:, RING,
// +FTPINFO:); they are routed to subscribers and never taken for a command's reply.
bool is_noise_urc(std::string_view line);

// "+NAME: ..." shaped line, the form of every URC this project knows besides RING.
bool looks_like_urc(std::string_view line);

// Length announced by a block header: the comma-separated field `field` after the first ':'
// of a line starting with `header` (both normalised). `matched` false: not a header;
// `length` empty with `matched` true: a header whose length is not a number.
struct BlockHeader {
  bool matched = false;
  std::optional<std::size_t> length;
};
BlockHeader parse_block_header(std::string_view line, std::string_view header, int field);

}  // namespace mfs::at
