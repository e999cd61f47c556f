// The interface every modem family implements: FTP operations expressed as AT exchanges.
// The session and the filesystem only see this; l610.cpp and (later) sim7000.cpp implement it.
// Not thread-safe: only the modem thread calls it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "core/util/result.hpp"

namespace mfs::dialect {

struct FtpServer {
  std::string host;
  std::uint16_t port = 21;
  std::string user = "anonymous";
  std::string password;  // never logged: the AT trace redacts it
  // -o secure: an encrypted session (L610: FTPOPEN's <sftpmode> 1). A family without such a
  // mode (has_secure_mode) must refuse to connect rather than log in in clear.
  bool secure = false;
};

struct BearerConfig {
  std::string apn;       // empty: use the modem's default PDP context
  std::string user;
  std::string password;
};

// Where an upload's bytes come from (the write spool).
class UploadSource {
 public:
  virtual ~UploadSource() = default;
  virtual std::uint64_t size() const = 0;
  // Fills `out` from `offset`; returns bytes read (short only at the end).
  virtual result<std::size_t> read_at(std::uint64_t offset, std::span<char> out) = 0;
};

// What one exchange of a family carries, for the session's planning.
struct TransferLimits {
  std::size_t read_block = 0;  // the most one chunked read returns
  // The largest upload that goes by chunks rather than a stream where either may (transfer=auto).
  std::uint64_t chunked_upload_limit = 0;
};

struct DialectCounters {
  std::uint64_t ftp_sessions_opened = 0;
  std::uint64_t downloads_started = 0;
  std::uint64_t uploads_started = 0;
};

class Dialect {
 public:
  virtual ~Dialect() = default;
  virtual std::string_view family() const = 0;  // "l610"

  // Sync the line, configure the modem (echo off, numeric errors), check the SIM, bring up
  // the bearer. Safe to call again after a modem restart.
  virtual result<void> start_modem(const BearerConfig& bearer) = 0;

  // Log in to the FTP server (L610: FTPOPEN). Closes a stale session first if needed.
  virtual result<void> open_session(const FtpServer& server) = 0;
  virtual result<void> close_session() = 0;
  virtual bool has_secure_mode() const { return false; }
  virtual bool session_open() const = 0;

  // Raw LIST bytes of a directory, exactly as the server sent them ("" = working directory).
  virtual result<std::string> list(std::string_view dir_path) = 0;

  // Sequential download stream. begin_download starts RETR at `offset`; read_download appends
  // up to `max_bytes` to `out` and returns how many it appended, 0 only at end of file.
  // abort_download abandons a stream early (L610: the FTP session is closed and reopened).
  virtual result<void> begin_download(std::string_view path, std::uint64_t offset) = 0;
  virtual result<std::size_t> read_download(std::string& out, std::size_t max_bytes) = 0;
  virtual result<void> abort_download() = 0;
  virtual bool download_active() const = 0;
  virtual std::uint64_t download_position() const = 0;  // offset of the next byte to arrive
  virtual std::string_view download_path() const = 0;

  // Stores the whole source as `path` (created or replaced). Zero-length sources work.
  virtual result<void> upload(std::string_view path, UploadSource& source) = 0;

  // The file's size from its listing, for the download in progress: a download that reaches
  // it is complete without asking the modem (no empty read and no status query at the end).
  virtual void expect_download_end(std::uint64_t file_size) { (void)file_size; }

  // Streaming transfers (L610: FTPRETR/FTPSTOR, PROTOCOL.md 2): no round trip per chunk, the
  // fast path for long sequential reads and large uploads. A download stream cannot be
  // interrupted: the modem takes no command until it has been read to its end, so
  // abort_download drains it. Families without streams keep these defaults.
  virtual bool has_streams() const { return false; }
  virtual TransferLimits limits() const = 0;
  // As begin_download, as one stream; read_download and the other download calls serve both.
  virtual result<void> begin_stream_download(std::string_view /*path*/, std::uint64_t /*offset*/) {
    return std::make_error_code(std::errc::operation_not_supported);
  }
  virtual bool download_is_stream() const { return false; }
  // Stores source bytes [offset, size) at `offset` of `path` (REST + STOR): offset 0 creates or
  // replaces the file, a larger one resumes an upload the server holds the first bytes of.
  virtual result<void> upload_stream(std::string_view /*path*/, UploadSource& /*source*/,
                                     std::uint64_t /*offset*/) {
    return std::make_error_code(std::errc::operation_not_supported);
  }

  // Resuming a cut upload: stores source bytes [offset, size) after the first `offset` bytes
  // that `path` holds on the server (L610: REST + STOR, as upload_stream; SIM7000: APPE).
  // `stream`: whether it may go as a stream (-o transfer=chunked forbids it). resumes_uploads
  // says whether the family can resume that way; without it a retry sends the whole file.
  virtual bool resumes_uploads(bool stream) const { return stream && has_streams(); }
  virtual result<void> resume_upload(std::string_view path, UploadSource& source,
                                     std::uint64_t offset, bool stream) {
    if (!stream) return std::make_error_code(std::errc::operation_not_supported);
    return upload_stream(path, source, offset);
  }

  // The size of file `path` as the server holds it, to verify and resume uploads; not_found
  // when the server shows no such file.
  virtual result<std::uint64_t> stored_size(std::string_view path) = 0;

  virtual result<void> make_directory(std::string_view path) = 0;
  virtual result<void> remove_directory(std::string_view path) = 0;
  virtual result<void> remove_file(std::string_view path) = 0;
  virtual result<void> rename(std::string_view from, std::string_view to) = 0;
  virtual result<void> noop() = 0;
  virtual result<std::string> working_directory() = 0;
  virtual result<void> change_directory(std::string_view path) = 0;
  virtual result<std::string> system_type() = 0;
  virtual result<std::vector<std::string>> status(std::string_view path) = 0;

  // Last FTP server reply code seen (+FTPINFO), for precise errors; reset per operation.
  virtual std::optional<int> last_reply_code() const = 0;

  // The last upload ended with the server's word that it holds every byte it was sent, and the
  // module took every byte the host gave it: the session need not ask for the stored size after
  // a first try (L610: the 226 that +FTPINFO echoes; SIM7000: "+FTPPUT: 1,0" after chunks the
  // module took at the lengths asked).
  virtual bool upload_confirmed() const = 0;

  // True for this family's own error codes that mean the radio, the network or the bearer
  // rather than the request (L610: the network CME codes): the session reconnects and retries.
  // Link, AT-engine and dropped-session errors are transient for every family already.
  virtual bool is_transient(const std::error_code& /*error*/) const { return false; }

  virtual const DialectCounters& counters() const = 0;
};

}  // namespace mfs::dialect
