// The SIMCom SIM7000 dialect: the Dialect operations as the SIM7000's AT exchanges (PROTOCOL.md
// section 3, seed 004). Stateless on the server side: every action (LIST, GET, PUT, DELE, ...)
// is its own FTP login, configured by parameter commands that the module keeps, so each
// parameter is sent only when it changes. Behaviour only: parsers in sim7000_parse, result
// codes in sim7000_errors, timeouts and command lines in sim7000_commands. Modem thread only.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/at/at_engine.hpp"
#include "core/dialect/dialect.hpp"
#include "core/dialect/sim7000_parse.hpp"
#include "core/dialect/stream_transfer.hpp"
#include "core/ftp/reply_errno.hpp"

namespace spdlog {
class logger;
}

namespace mfs::dialect {

class Sim7000 final : public Dialect {
 public:
  explicit Sim7000(at::AtEngine& engine);

  std::string_view family() const override { return "sim7000"; }
  result<void> start_modem(const BearerConfig& bearer) override;

  // Sends the server parameters that changed and proves the login with one action (FTPSIZE).
  result<void> open_session(const FtpServer& server) override;
  result<void> close_session() override;
  bool session_open() const override;

  result<std::string> list(std::string_view dir_path) override;

  result<void> begin_download(std::string_view path, std::uint64_t offset) override;
  result<std::size_t> read_download(std::string& out, std::size_t max_bytes) override;
  // AT+FTPQUIT: the transfer ends with "+FTPGET: 1,80"; nothing else needs reopening.
  result<void> abort_download() override;
  // No read is sent past the listed size: the module's "+FTPGET: 1,0" is awaited instead.
  void expect_download_end(std::uint64_t file_size) override;
  bool download_active() const override;
  std::uint64_t download_position() const override;
  std::string_view download_path() const override;

  // FTPPUTOPT "STOR" (a fresh file) or "APPE" (resume_upload: the rest after what the server
  // holds, seed 004 section 3).
  result<void> upload(std::string_view path, UploadSource& source) override;
  // sim7000_stream.cpp: FTPETGET and FTPETPUT (seed 5.14, 5.15).
  bool has_streams() const override { return true; }
  // FTPGET=2,<n> 1460 bytes; uploads up to chunked_upload_limit go by FTPPUT chunks.
  TransferLimits limits() const override;
  result<void> begin_stream_download(std::string_view path, std::uint64_t offset) override;
  bool download_is_stream() const override;
  result<void> upload_stream(std::string_view path, UploadSource& source,
                             std::uint64_t offset) override;
  // FTPETPUT with APPE; FTPPUT chunks with APPE without a stream, or where the module refuses
  // FTPETPUT.
  bool resumes_uploads(bool /*stream*/) const override { return true; }
  result<void> resume_upload(std::string_view path, UploadSource& source, std::uint64_t offset,
                             bool stream) override;

  // FTPSIZE; the parent directory's listing where SIZE finds nothing.
  result<std::uint64_t> stored_size(std::string_view path) override;
  result<void> make_directory(std::string_view path) override;
  result<void> remove_directory(std::string_view path) override;
  result<void> remove_file(std::string_view path) override;
  result<void> rename(std::string_view from, std::string_view to) override;
  // AT+FTPSTATE: there is no session to keep alive, so only the module is checked, locally.
  result<void> noop() override;
  // The module keeps no working directory and has no PWD/CWD/SYST/STAT: operation_not_supported.
  result<std::string> working_directory() override;
  result<void> change_directory(std::string_view path) override;
  result<std::string> system_type() override;
  result<std::vector<std::string>> status(std::string_view path) override;

  // No server reply codes reach the host on this family; the result codes say what failed.
  std::optional<int> last_reply_code() const override { return std::nullopt; }
  // "+FTPPUT: 1,0" (seed 5.2) after chunks whose every byte the module counted (each prompted at
  // its length): it reports the end once the server answered the closed data connection. An
  // FTPETPUT stream is never confirmed: nothing counts its bytes (a serial overrun would go
  // unnoticed), so its stored size is checked.
  bool upload_confirmed() const override { return upload_confirmed_; }
  bool is_transient(const std::error_code& error) const override;
  const DialectCounters& counters() const override { return counters_; }

  // SIZE and MDTM of one file, each its own login. The filesystem takes both from listings
  // (one login per directory instead of one per file); these are for tools and tests.
  result<std::uint64_t> file_size(std::string_view path);
  result<std::chrono::system_clock::time_point> modification_time(std::string_view path);
  // AT+FTPSTATE: true while an FTP action is running in the module.
  result<bool> ftp_busy();

 private:
  // What the URC handlers update: the latest result line of each FTP action ("+FTPGET",
  // "+FTPPUT", ...) with a count, so a wait can tell a new line from one it has seen. The
  // engine keeps the handlers for its whole life: they hold this by shared_ptr.
  struct ActionRecord {
    std::uint64_t seen = 0;
    std::optional<sim7000::ActionResult> last;
  };
  struct UrcState {
    std::map<std::string, ActionRecord, std::less<>> actions;
    bool bearer_lost = false;  // "+APP PDP: DEACTIVE"
    bool params_lost = true;   // start-up or a banner (RDY...): the module holds none
  };
  struct Download {
    std::string path;
    std::uint64_t position = 0;  // offset of the next byte to arrive
    std::optional<std::uint64_t> end;  // the file's listed size, when the session knows it
    bool finished = false;
    std::optional<StreamReader> stream;  // FTPETGET rather than FTPGET blocks
  };

  // sim7000.cpp: start-up, the bearer, parameters and the result URCs.
  result<void> configure_modem();
  result<void> ensure_bearer(const BearerConfig& bearer);
  result<void> verify_login();
  result<void> end_stale_action();
  result<void> set_param(std::string_view name, const std::string& command);
  result<void> set_path_params(std::string_view dir_param, std::string_view dir,
                               std::string_view name_param, std::string_view name);
  result<void> prepare_action();
  result<void> start_action(const std::string& command, std::string_view name);
  result<sim7000::ActionResult> await_new_result(std::string_view name, std::uint64_t seen,
                                                 at::Deadline deadline);
  result<sim7000::ActionResult> run_action(const std::string& command, std::string_view name,
                                           ftp::FtpOp op);
  ActionRecord& record(std::string_view name);
  void watch_action(std::string_view name);

  // sim7000_ops.cpp: the one-result actions' preparation.
  result<void> prepare_file_action(std::string_view path);
  result<void> directory_action(std::string_view path, std::string_view action, ftp::FtpOp op);

  // sim7000_transfer.cpp: the data channels of GET and LIST, and PUT.
  result<std::uint64_t> prepare_download(std::string_view path, std::uint64_t offset);
  result<void> open_data(const std::string& command, std::string_view name, ftp::FtpOp op);
  result<std::size_t> read_data(std::string_view name, ftp::FtpOp op, std::string& out,
                                std::size_t max_bytes, bool at_known_end);
  result<std::size_t> read_chunk(std::string_view name, std::string& out, std::size_t max_bytes);
  result<void> quit_action(std::string_view name);
  result<std::size_t> await_put_ready(std::uint64_t seen);
  result<void> put_chunk(std::string_view chunk);
  result<void> put_file(std::string_view path, UploadSource& source, std::uint64_t offset);
  result<void> set_put_option(bool append);

  // sim7000_stream.cpp: the download stream's reading and end.
  result<std::size_t> read_stream(std::string& out, std::size_t max_bytes);
  result<void> stream_result(std::uint64_t get_seen, std::uint64_t etget_seen);
  result<void> drain_stream();
  result<void> put_all(UploadSource& source, std::uint64_t offset);

  at::AtEngine& engine_;
  std::shared_ptr<UrcState> urc_;
  std::shared_ptr<spdlog::logger> log_;
  std::optional<FtpServer> server_;  // the server to log in to, kept to resend after a restart
  std::map<std::string, std::string, std::less<>> params_;  // parameter -> command last sent
  std::optional<Download> download_;
  DialectCounters counters_;
  bool put_option_unknown_ = true;  // an APPE may be set: a fresh upload sets STOR first
  bool upload_confirmed_ = false;   // the last upload went by chunks and ended with "1,0"
};

}  // namespace mfs::dialect
