// Pure parsers for the SIM7000's information and result lines (PROTOCOL.md section 3, seed 004),
// apart from the driver so every wire variation is tested from tables with no I/O. Spacing
// ("+X:1" / "+X: 1") and quoting are tolerated as for the L610 (l610_parse's field helpers).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mfs::dialect::sim7000 {

// AT+CNACT?: "+CNACT: 1,\"10.94.36.44\"" (PROTOCOL.md) or, on newer firmware, the seed's
// "+CNACT: 0,1,\"10.94.36.44\"" (context, status, address).
struct CnactState {
  bool active = false;
  std::string ip;
};
std::optional<CnactState> parse_cnact(std::string_view line);

// "+APP PDP: ACTIVE" -> true, "+APP PDP: DEACTIVE" -> false (also "+APP PDP: 0,ACTIVE").
std::optional<bool> parse_app_pdp(std::string_view line);

// The result URC of an FTP action: "+FTPGET: 1,1" (data ready), "+FTPGET: 1,0" (done),
// "+FTPGET: 1,64" (error 64), "+FTPPUT: 1,1,1360" (ready, at most 1360 bytes per chunk),
// "+FTPSIZE: 1,0,1024", "+FTPMDTM: 1,0,20140409060951", "+FTPDELE: 1,0". Only mode-1 lines
// are results: the data headers "+FTPGET: 2,<n>" and prompts "+FTPPUT: 2,<n>" are not.
struct ActionResult {
  int code = 0;       // 0 done, 1 ready (transfers), 61-80 an error (sim7000_errors)
  std::string value;  // the third field when there is one (maxlen, size, timestamp)
};
std::optional<ActionResult> parse_action_result(std::string_view line, std::string_view name);

// "20140409060951" (MDTM, UTC per RFC 3659) -> a time point; nullopt unless 14 valid digits.
std::optional<std::chrono::system_clock::time_point> parse_mdtm(std::string_view stamp);

}  // namespace mfs::dialect::sim7000
