// The L610 command table: every AT exchange's timeout as a named constant with its reason
// (STYLE.md "Timeouts everywhere"), the manual's size limits, and the command-line builders.
// Builders expect arguments already checked by ftp::check_path or check_wire_string.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/dialect/dialect.hpp"
#include "core/util/result.hpp"

namespace mfs::dialect::l610 {

using namespace std::chrono_literals;
using std::chrono::milliseconds;

// One "AT" of the start-up sync: a module still booting stays silent, so ask again soon.
inline constexpr milliseconds sync_attempt_timeout = 1s;
// The whole start-up sync: an L610 answers AT some 10-15 s after power-on.
inline constexpr milliseconds sync_deadline = 20s;
// Commands the module answers from local state (ATE0, CMEE, CSQ, queries; manual "< 1s").
inline constexpr milliseconds local_timeout = 5s;
// AT+CPIN? stalls while the SIM initialises right after boot.
inline constexpr milliseconds cpin_timeout = 10s;
// The +MIPCALL: <ip> URC: PDP context activation with the network; 3GPP allows retries
// of T3380 (30 s) on a weak cell.
inline constexpr milliseconds mipcall_activate_timeout = 75s;
// The OK of an asynchronous FTP command: the module accepts it before any network traffic.
inline constexpr milliseconds ftp_accept_timeout = 10s;
// +FTPOPEN: DNS, TCP connect, greeting, USER and PASS over cellular.
inline constexpr milliseconds ftpopen_timeout = 60s;
// One control-connection exchange (CWD, MKD, DELE, PWD...): a cellular round trip plus the
// server's own work (RMD on a big directory, DELE on a slow disk).
inline constexpr milliseconds ftp_reply_timeout = 30s;
// +FTPCLOSE: QUIT and TCP teardown; the module gives up on a dead peer by itself.
inline constexpr milliseconds ftpclose_timeout = 20s;
// LIST: PASV, data connection and the whole listing of a large directory over a slow link.
inline constexpr milliseconds ftplist_timeout = 120s;
// +FTPGET: 1: PASV, data connection and the RETR reply.
inline constexpr milliseconds ftpget_start_timeout = 60s;
// After +FTPGET: 1, how long to wait for +FTPGET: 2 before asking AT+FTPGET? instead: an empty
// file (or an offset at the end) never announces data.
inline constexpr milliseconds ftpget_data_wait = 2s;
// AT+FTPRECV=3000: 3 KiB at the line rate (0.3 s at 115200 baud, 3.2 s at 9600).
inline constexpr milliseconds ftprecv_timeout = 10s;
// An empty module buffer is polled with a growing pause: data is usually one round trip away.
inline constexpr milliseconds download_poll_initial = 10ms;
inline constexpr milliseconds download_poll_max = 500ms;
// No byte reaching the module for this long means the data connection stalled.
inline constexpr milliseconds download_stall_timeout = 90s;
// One AT+FTPPUT chunk: the first opens the data connection (PASV, STOR reply), the last waits
// for the transfer-complete reply; the others carry 1 KiB over cellular.
inline constexpr milliseconds ftpput_timeout = 60s;
// AT+FTPSTOR of an empty file: data connection, then the transfer-complete reply.
inline constexpr milliseconds ftpstor_timeout = 60s;
// After an FTPRETR stream's end byte, its +FTPRETR: 1 follows the server's 226 reply.
inline constexpr milliseconds stream_result_timeout = 30s;

// AT+FTPRECV=<n>: 1 <= n <= 3000 (manual 1.2.19).
inline constexpr std::size_t max_recv_chunk = 3000;
// AT+FTPPUT=...,<len>: 1 <= len <= 1024 (manual 1.2.20).
inline constexpr std::size_t max_put_chunk = 1024;

// The deadline of an exchange that starts now.
inline std::chrono::steady_clock::time_point after(milliseconds timeout) {
  return std::chrono::steady_clock::now() + timeout;
}

// Refuses a string parameter the wire cannot carry (ftp::check_wire_text: '"', a C0 control
// byte or DEL, or over 255 octets).
// Unlike ftp::check_name, an empty value (e.g. a blank password) is allowed.
result<void> check_wire_string(std::string_view value);

std::string quote_param(std::string_view value);

// AT+MIPCALL=1,"<apn>"[,"<user>","<password>"]
std::string mipcall_command(const BearerConfig& bearer);
// AT+FTPOPEN="<host>","<user>","<pass>","",0,<port>,0 (account empty, ports 0 = default)
std::string ftpopen_command(const FtpServer& server);
// AT<name>="<path>", e.g. AT+FTPMKD="/a"; AT<name> alone when `path` is empty.
std::string path_command(std::string_view name, std::string_view path);
std::string ftpren_command(std::string_view from, std::string_view to);
std::string ftpget_command(std::string_view path, std::uint64_t offset);
std::string ftprecv_command(std::size_t max_bytes);
std::string ftpput_command(std::string_view path, std::size_t length, bool eof);
// AT+FTPSTOR="<path>",1,<offset> and AT+FTPRETR="<path>",1,<offset> (binary, from offset)
std::string ftpstor_command(std::string_view path, std::uint64_t offset);
std::string ftpretr_command(std::string_view path, std::uint64_t offset);
// AT+GTSET="FTPLIMIT",<period>: the module's FTPRETR pacing timer, 0 = off (seed 1.2.16)
std::string ftplimit_command(unsigned period);

}  // namespace mfs::dialect::l610
