// The Fibocom L610 dialect: the Dialect operations as the L610's AT exchanges (PROTOCOL.md
// section 2, seed manual 000). Behaviour only; line parsing is in l610_parse, codes in
// l610_errors, timeouts and command lines in l610_commands. Only the modem thread calls it.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/at/at_engine.hpp"
#include "core/dialect/dialect.hpp"
#include "core/dialect/l610_parse.hpp"
#include "core/dialect/stream_transfer.hpp"
#include "core/ftp/reply_errno.hpp"

namespace spdlog {
class logger;
}

namespace mfs::dialect {

class L610 final : public Dialect {
 public:
  explicit L610(at::AtEngine& engine);

  std::string_view family() const override { return "l610"; }
  result<void> start_modem(const BearerConfig& bearer) override;

  result<void> open_session(const FtpServer& server) override;
  result<void> close_session() override;
  bool session_open() const override;

  result<std::string> list(std::string_view dir_path) override;

  result<void> begin_download(std::string_view path, std::uint64_t offset) override;
  result<std::size_t> read_download(std::string& out, std::size_t max_bytes) override;
  result<void> abort_download() override;
  bool download_active() const override;
  std::uint64_t download_position() const override;
  std::string_view download_path() const override;

  result<void> upload(std::string_view path, UploadSource& source) override;
  void expect_download_end(std::uint64_t file_size) override;

  bool has_streams() const override { return true; }
  // FTPRECV 3000 bytes (seed 1.2.19); a file in one FTPPUT chunk (1024, seed 1.2.20) costs one
  // exchange either way, a larger one streams.
  TransferLimits limits() const override;
  bool has_secure_mode() const override { return true; }
  result<void> begin_stream_download(std::string_view path, std::uint64_t offset) override;
  bool download_is_stream() const override;
  result<void> upload_stream(std::string_view path, UploadSource& source,
                             std::uint64_t offset) override;

  result<std::uint64_t> stored_size(std::string_view path) override;
  result<void> make_directory(std::string_view path) override;
  result<void> remove_directory(std::string_view path) override;
  result<void> remove_file(std::string_view path) override;
  result<void> rename(std::string_view from, std::string_view to) override;
  result<void> noop() override;
  result<std::string> working_directory() override;
  result<void> change_directory(std::string_view path) override;
  result<std::string> system_type() override;
  result<std::vector<std::string>> status(std::string_view path) override;

  std::optional<int> last_reply_code() const override;
  bool upload_confirmed() const override;
  bool is_transient(const std::error_code& error) const override;
  const DialectCounters& counters() const override { return counters_; }

 private:
  // What the URC handlers update. The engine keeps the handlers for its whole life, so they
  // hold this by shared_ptr: a handler that outlives the dialect touches nothing freed.
  struct UrcState {
    l610::ReplyTracker replies;     // +FTPINFO: the server's control replies
    bool session_open = false;      // cleared by any +FTPCLOSE, asked for or not
    std::uint64_t closes_seen = 0;  // +FTPCLOSE lines so far
  };
  struct Download {
    std::string path;
    std::uint64_t position = 0;  // offset of the next byte to arrive
    bool finished = false;       // the whole remainder was delivered
    std::optional<std::uint64_t> end;  // the file's size, when the caller knows it
    std::optional<StreamReader> stream;  // FTPRETR (escaped stream) rather than FTPGET/FTPRECV
  };
  // The result of an asynchronous FTP command: its "+X: 2,<text>" lines and final status.
  struct AsyncResult {
    int status = 0;
    std::vector<std::string> texts;
  };
  // What AT+FTPGET? and AT+FTPRECV? say about the download in progress.
  struct DownloadProbe {
    bool active = false;  // the module still has a download (else it is back in command mode)
    bool eof = false;
    std::size_t available = 0;
  };

  // l610.cpp: start-up and the FTP session.
  result<void> configure_modem();
  result<void> ensure_bearer(const BearerConfig& bearer);
  result<void> open_once(const FtpServer& server);
  result<void> close_modem_session();
  result<void> prepare_ftp();
  result<at::Response> send_ftp(std::string_view command, const at::CommandSpec& how,
                                ftp::FtpOp op);
  result<AsyncResult> await_result(std::string_view name, at::Deadline deadline);
  std::error_code failure(ftp::FtpOp op) const;

  // l610_ops.cpp: listings and the one-exchange commands.
  result<std::optional<std::string>> list_exchange(std::string_view argument);
  result<std::string> list_probing(std::string_view dir_path);
  std::optional<bool> list_shows_all() const;
  result<void> simple_command(const std::string& command, std::string_view name, ftp::FtpOp op);
  result<AsyncResult> text_command(const std::string& command, std::string_view name);

  // l610_transfer.cpp: downloads and uploads.
  result<void> await_download_start();
  result<void> await_first_data(at::Deadline deadline);
  std::error_code download_failed();
  result<DownloadProbe> probe_download();
  result<std::size_t> receive_block(std::string& out, std::size_t max_bytes);
  result<void> wait_for_data(std::chrono::milliseconds pause);
  result<void> upload_chunks(std::string_view path, UploadSource& source);
  result<void> put_chunk(std::string_view path, std::string_view chunk, bool eof, bool first);
  std::error_code abandon_upload(std::error_code cause);

  // l610_stream.cpp: the escaped FTPRETR and FTPSTOR streams.
  result<void> await_stream_start(std::string_view name, at::Deadline deadline);
  result<std::size_t> read_stream(std::string& out, std::size_t max_bytes);
  result<void> finish_stream();
  result<void> drain_stream();
  result<bool> upload_broken(std::optional<std::string>& result);
  result<void> confirm_download_end();

  at::AtEngine& engine_;
  std::shared_ptr<UrcState> urc_;
  std::shared_ptr<spdlog::logger> log_;
  std::optional<FtpServer> server_;  // kept to reopen the session lazily after an abort
  std::optional<Download> download_;
  DialectCounters counters_;
  // A download ended by its known size rather than by the module: if the next command meets
  // ERROR, the module may still be in download mode (confirm_download_end).
  std::optional<Download> unconfirmed_end_;
  bool reply_echo_on_ = false;  // +FTPINFO lines came with the last login (AT+FTPINFO=1 held)
  // Whether this login's server takes "LIST -a <path>" (dotfiles shown), learnt by the first
  // listing that names a path; forgotten at the next login (counters_.ftp_sessions_opened).
  struct ListForm {
    std::uint64_t login = 0;
    bool show_all = false;
  };
  std::optional<ListForm> list_form_;
};

}  // namespace mfs::dialect
