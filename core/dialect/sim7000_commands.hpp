// The SIM7000 command table: every AT exchange's timeout as a named constant with its reason,
// the limits of the application note (seed 004), and the builders of its command lines.
// Builders expect arguments already checked by ftp::check_path or check_wire_string.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/dialect/dialect.hpp"
#include "core/dialect/l610_commands.hpp"

namespace mfs::dialect::sim7000 {

using namespace std::chrono_literals;
using std::chrono::milliseconds;

// The quoting rules of PROTOCOL.md section 1 are the same for both families; they live with the
// first family's command table.
using l610::check_wire_string;
using l610::quote_param;

// One "AT" of the start-up sync, and the whole sync: a SIM7000 answers some 5-10 s after power-on.
inline constexpr milliseconds sync_deadline = 20s;
// Commands the module answers from local state (ATE0, CMEE, CSQ, the FTP parameters, queries).
inline constexpr milliseconds local_timeout = 5s;
// AT+CPIN? stalls while the SIM initialises right after boot.
inline constexpr milliseconds cpin_timeout = 10s;
// "+APP PDP: ACTIVE" after AT+CNACT=1: PDP activation on a Cat-M1/NB-IoT cell, where 3GPP
// allows several T3380 (30 s) retries.
inline constexpr milliseconds cnact_activate_timeout = 75s;
// The OK of an FTP action command: the module accepts it before any network traffic.
inline constexpr milliseconds ftp_accept_timeout = 10s;
// Every FTP action is its own session: DNS, TCP connect, greeting, USER, PASS, TYPE, the
// command itself and QUIT over cellular, all before the result URC (seed 5.3: "+FTPGET: 1,64").
inline constexpr milliseconds ftp_action_timeout = 90s;
// AT+FTPGET=2,<n> / AT+FTPLIST=2,<n>: 1460 bytes at the line rate (1.5 s at 9600 baud).
inline constexpr milliseconds ftp_read_timeout = 10s;
// A whole listing, as the L610's FTPLIST wait: past it the block stream is not ending.
inline constexpr milliseconds ftplist_timeout = 120s;
// No new data announced ("+FTPGET: 1,1") for this long: the data connection stalled.
inline constexpr milliseconds transfer_stall_timeout = 90s;
// A download read up to its listed size waits this long for "+FTPGET: 1,0" before it reads again.
inline constexpr milliseconds end_grace = 2s;
// One AT+FTPPUT=2,<len> chunk: the raw bytes at the line rate, then OK.
inline constexpr milliseconds ftpput_chunk_timeout = 15s;
// "+FTPPUT: 1,1,<maxlen>" after a chunk: the module has pushed it to the server.
inline constexpr milliseconds ftpput_ready_timeout = 60s;
// AT+FTPQUIT until the running transfer reports "+FTPGET: 1,80".
inline constexpr milliseconds ftpquit_timeout = 20s;
// Between FTPSTATE polls while a quit action winds down (its result URC usually ends the wait).
inline constexpr milliseconds stale_poll_interval = 200ms;

// AT+FTPGET=2,<n> and AT+FTPLIST=2,<n>: n <= 1460 (PROTOCOL.md section 3; one TCP segment).
inline constexpr std::size_t max_read_chunk = 1460;
// Uploads up to this size go by FTPPUT chunks: the module counts their bytes, so its "+FTPPUT:
// 1,0" verifies them, where a stream needs an FTPSIZE login (four round trips) to check. A
// chunk costs its command's latency and answers, and more where the module waits for the
// network before it takes the next (the note does not say): on the simulator's default link
// ~22 ms beside its bytes against ~250 ms for the login, so 12 chunks (16 KiB) are about even.
inline constexpr std::uint64_t chunked_upload_limit = 16 * 1024;
// The FTP bearer profile: the application note always uses CID 1.
inline constexpr int ftp_cid = 1;

// The second field of an action's result line: "+FTPGET: 1,0" done, "+FTPGET: 1,1" data ready
// (or the upload may go on); any other value is a failure code.
inline constexpr int result_done = 0;
inline constexpr int result_ready = 1;

// The deadline of an exchange that starts now.
inline std::chrono::steady_clock::time_point after(std::chrono::milliseconds timeout) {
  return std::chrono::steady_clock::now() + timeout;
}

// AT+CNACT=1[,"<apn>"]
std::string cnact_command(const BearerConfig& bearer);
// AT+CNCFG=1,"<apn>","<user>","<password>" (seed 4.1), only needed with APN credentials.
std::string cncfg_command(const BearerConfig& bearer);
// AT<name>="<value>", e.g. AT+FTPGETPATH="/a/".
std::string string_param(std::string_view name, std::string_view value);
// AT<name>=<number>, e.g. AT+FTPREST=4096.
std::string number_param(std::string_view name, std::uint64_t value);

// A remote path split the way the module takes it: GETPATH/PUTPATH "<dir>/" and a name.
struct SplitPath {
  std::string dir;   // always ends with '/'
  std::string name;  // empty for "/" itself
};
// "/a/b" -> {"/a/", "b"}, "b" -> {"/", "b"} (paths are relative to the login directory, which
// the module does not change), "/a/b/" -> {"/a/", "b"}.
SplitPath split_path(std::string_view path);
// "/a/b" -> "/a/b/": a directory as GETPATH spells it.
std::string as_dir(std::string_view path);

}  // namespace mfs::dialect::sim7000
