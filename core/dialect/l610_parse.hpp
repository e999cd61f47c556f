// Pure parsers for the L610's information and result lines (PROTOCOL.md section 2), kept apart
// from the driver as ModemManager does, so every wire variation is tested from tables with no I/O.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mfs::dialect::l610 {

// The text after "<name>:" with the optional spaces removed ("+FTPOPEN: 1" and "+FTPOPEN:1"
// both give "1"); nullopt when `line` is not a `name` line. `name` is e.g. "+FTPOPEN".
std::optional<std::string_view> field_text(std::string_view line, std::string_view name);

// Splits "a,\"b,c\",d" at the commas outside quotes; quoted fields lose their quotes.
std::vector<std::string_view> split_fields(std::string_view text);

// The status of an asynchronous result line, "+FTPOPEN: 1" -> 1. Only a lone integer or an
// integer first field counts: the FTPGET query form "+FTPGET: \"f\",1,0" is not a status.
std::optional<int> parse_status(std::string_view line, std::string_view name);

// "+CPIN: READY" -> "READY".
std::optional<std::string> parse_cpin(std::string_view line);

struct SignalQuality {
  int rssi = 99;  // 0..31, 99 unknown
  int ber = 99;
};
std::optional<SignalQuality> parse_csq(std::string_view line);

// "+MIPCALL: 0" (inactive), "+MIPCALL: 1,10.0.0.2" (query, active) and the activation URC
// "+MIPCALL: 10.0.0.2"; the address may be quoted.
struct MipcallState {
  bool active = false;
  std::string ip;
};
std::optional<MipcallState> parse_mipcall(std::string_view line);

// AT+FTPGET? during a download: "+FTPGET: \"<file>\",<mode>,<eof>".
struct FtpGetQuery {
  std::string file;
  int mode = 1;
  bool eof = false;
};
std::optional<FtpGetQuery> parse_ftpget_query(std::string_view line);

// "+FTPRECV: 1234": the block length of AT+FTPRECV=n, or the buffered count of AT+FTPRECV?.
std::optional<std::size_t> parse_ftprecv(std::string_view line);

// "+FTPPUT: 1,1024" (chunk accepted), "+FTPPUT: 0" (failed), "+FTPPUT: 2,1024" (prompt).
struct FtpPutResult {
  int result = 0;
  std::optional<std::size_t> length;
};
std::optional<FtpPutResult> parse_ftpput(std::string_view line);

// Result lines that may carry server text: "+FTPPWD: 2,\"/dir\"", "+FTPSYST: 2,UNIX Type: L8",
// "+FTPPWD: 1". The text is kept verbatim except that one quoted string loses its quotes.
struct TextResult {
  int result = 0;
  std::string text;
};
std::optional<TextResult> parse_text_result(std::string_view line, std::string_view name);

// The directory of a PWD text: "/dir", "\"/dir\"" or a whole reply "257 \"/a \"\"b\"\"\" is..."
// (RFC 959: a quote inside the name is doubled).
std::optional<std::string> pwd_from_text(std::string_view text);

// "215 UNIX Type: L8" -> "UNIX Type: L8"; text without a leading reply code is returned as is.
std::string_view strip_reply_code(std::string_view text);

// Follows the server's control replies echoed by +FTPINFO (after AT+FTPINFO=1) and keeps the
// last reply code. Multi-line replies ("226-..." ... "226 ...") count once, and lines inside
// them never pass for a code even when they start with digits (RFC 959 section 4.2).
class ReplyTracker {
 public:
  // `line` is the whole URC, "+FTPINFO: 550 No such file"; other lines are ignored.
  void feed(std::string_view line);
  void reset();
  std::optional<int> last_code() const { return last_; }
  // The last 4xx/5xx code: what made an operation fail, even if noise followed it.
  std::optional<int> last_failure_code() const { return last_failure_; }
  // That failure's whole line ("550 Can't open x: Permission denied"), which says why.
  const std::string& last_failure_text() const { return last_failure_text_; }

 private:
  std::optional<int> last_;
  std::optional<int> last_failure_;
  std::string last_failure_text_;
  std::optional<int> open_multiline_;  // code of a "NNN-" reply whose "NNN " end is pending
};

// "550 No such file" -> 550, "226-Transfer" -> 226; nullopt unless three digits followed by
// a space, a '-' or the end.
std::optional<int> reply_code_of(std::string_view text);

}  // namespace mfs::dialect::l610
