// The remote FTP server as the module's control connection sees it: one logged-in session whose
// operations answer with the server's reply lines. Behind it is either the directory store
// (sim/ftp_server.hpp) or a real server reached over TCP (sim/real_ftp_client.hpp); the modem
// responders relay those lines as +FTPINFO and never look at where they came from.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mfs::sim {

struct SimConfig;

// The server's control reply lines for one operation, and whether it succeeded.
struct FtpReply {
  bool ok = false;
  std::vector<std::string> lines;
};

// The bytes of one RETR data connection.
class DataReader {
 public:
  virtual ~DataReader() = default;
  // Copies up to `n` bytes into `out`; fewer only at the end of the data (0: nothing more).
  virtual std::size_t read(char* out, std::size_t n) = 0;
  // True when the data is known to have ended, so that the end is seen with the last bytes.
  virtual bool exhausted() const = 0;
  // Once the data has ended: the server's closing reply (226, or 426/451 when it broke off).
  virtual FtpReply finish() = 0;
};

// The bytes of one STOR data connection.
class DataWriter {
 public:
  virtual ~DataWriter() = default;
  // False when the data connection is gone; finish() then says why.
  virtual bool write(std::string_view bytes) = 0;
  // Ends the data: the server's closing reply (226, or 451/452/552 when it kept nothing).
  virtual FtpReply finish() = 0;
};

class FtpBackend {
 public:
  virtual ~FtpBackend() = default;

  virtual FtpReply cwd(std::string_view path) = 0;
  virtual FtpReply cdup() = 0;
  virtual FtpReply pwd() = 0;
  virtual FtpReply mkd(std::string_view path) = 0;
  virtual FtpReply rmd(std::string_view path) = 0;
  virtual FtpReply dele(std::string_view path) = 0;
  virtual FtpReply rename(std::string_view from, std::string_view to) = 0;
  virtual FtpReply syst() = 0;
  virtual FtpReply noop() = 0;
  virtual FtpReply stat(std::optional<std::string_view> path) = 0;
  virtual FtpReply size(std::string_view path) = 0;
  virtual FtpReply mdtm(std::string_view path) = 0;
  // LIST with `path` as its argument, verbatim (options such as "-a /dir" included): `data`
  // receives the listing bytes exactly as the server sent them when ok.
  virtual FtpReply list(std::optional<std::string_view> path, std::string& data) = 0;
  // RETR from `offset` (REST first when it is not 0); when ok `data` delivers the file's bytes.
  virtual FtpReply retr(std::string_view path, std::uint64_t offset,
                        std::unique_ptr<DataReader>& data) = 0;
  // STOR at `offset` (REST + STOR when it is not 0); when ok `data` takes the file's bytes.
  virtual FtpReply stor(std::string_view path, std::uint64_t offset,
                        std::unique_ptr<DataWriter>& data) = 0;
  // QUIT; the session is unusable afterwards.
  virtual FtpReply quit() = 0;
  // Polled between commands: true once the server ended the session by itself (a 421 reply or a
  // closed control connection), which the module reports as an unsolicited +FTPCLOSE.
  virtual bool closed_by_server() = 0;
};

struct FtpLogin {
  FtpReply reply;                        // greeting and login lines
  std::unique_ptr<FtpBackend> session;   // set when the login succeeded
};

// The module's FTPOPEN: connects and logs in, to the directory store of config.root or, when
// config.ftp_url is set, to that real server (see README, "A real server behind the simulator").
FtpLogin open_ftp_session(const SimConfig& config, std::string_view user, std::string_view password);

// The directory of a "257" reply (PWD, MKD): the quoted name with RFC 959's doubled quotes undone.
std::optional<std::string> quoted_path(const FtpReply& reply);

}  // namespace mfs::sim
