// ModemSession: the Session implementation. One modem thread runs queued jobs against the
// link, the AT engine and the dialect, reconnecting and retrying transient failures.
#pragma once

#include <atomic>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "core/at/at_engine.hpp"
#include "core/dialect/dialect.hpp"
#include "core/link/serial_link.hpp"
#include "core/session/download_scheduler.hpp"
#include "core/session/job_queue.hpp"
#include "core/session/preemption.hpp"
#include "core/session/request_deadline.hpp"
#include "core/session/session.hpp"
#include "core/session/session_status.hpp"
#include "core/session/transfer_plan.hpp"
#include "core/session/upload_scheduler.hpp"

namespace mfs::session {

class ModemSession final : public Session {
 public:
  explicit ModemSession(SessionConfig config);
  ~ModemSession() override;

  // Runs the first connection on the modem thread; the error, if any, says what failed.
  result<void> connect();

  result<std::vector<ftp::ListEntry>> list(const std::string& dir_path) override;
  result<std::string> read(const std::string& path, std::uint64_t offset, std::size_t length,
                           std::uint64_t file_size) override;
  result<void> upload(const std::string& path,
                      std::shared_ptr<dialect::UploadSource> source) override;
  result<void> append(const std::string& path, std::shared_ptr<dialect::UploadSource> source,
                      std::uint64_t from) override;
  result<void> make_directory(const std::string& path) override;
  result<void> remove_directory(const std::string& path) override;
  result<void> remove_file(const std::string& path) override;
  result<void> rename(const std::string& from, const std::string& to) override;
  void set_spill_handler(SpillHandler handler) override;
  SessionStats stats() const override;
  SessionStatus status() const override;
  result<void> reconnect_now() override;
  bool budget_spent() const override { return data_.budget_spent(); }
  void shutdown() override;

 private:
  using Clock = std::chrono::steady_clock;

  // Runs `op` on the modem thread in its turn (`priority`, JobQueue) with reconnect-and-retry
  // until it moved no byte for the request timeout, and never past the timeout plus
  // `allowance` from its start (RequestDeadline).
  template <class T>
  result<T> run(std::function<result<T>()> op, std::chrono::milliseconds allowance,
                Priority priority);
  template <class T>
  result<T> with_retries(const std::function<result<T>()>& op, const RequestDeadline& deadline);
  // Modem thread: the request being served (its deadline is the link's ceiling), or none.
  void serve(std::shared_ptr<RequestDeadline> deadline);
  // Modem thread: the request being served moved bytes of its file.
  void renew_deadline();

  // modem_session_life.cpp: the modem thread and the idle-time work.
  void modem_thread_main();
  void on_idle();

  // A metadata operation, with its retry recognising an earlier try that took effect.
  result<void> run_metadata_op(
      std::function<result<void>(dialect::Dialect&)> call,
      std::function<bool(const std::error_code&, dialect::Dialect&)> done_on_retry);
  // Counts a reconnect and runs the recovery sequence after `cause`.
  result<void> reconnect(const std::error_code& cause, Clock::time_point deadline);
  // The schedulers' view of the request being served.
  TransferHooks transfer_hooks();
  // Hands stream bytes nobody asked for yet to the block cache.
  void spill(const std::string& path, std::uint64_t offset, const std::string& bytes);
  void refresh_stats();
  // modem_session_status.cpp: the radio reading (and the model, once) for the status board.
  void poll_radio();
  // Reads the radio again: true when the module is registered on no network, so a request
  // fails at once (session_errc::not_registered) instead of spending its retries.
  bool registration_lost();
  bool registered_when_read() const;  // the last reading's word, without asking
  // The bearer would not come up for a reason of the network (not of the line or the modem).
  static bool network_refused(const std::error_code& error);

  SessionConfig config_;
  JobQueue jobs_;

  // Modem-thread state: touched only by jobs on the modem thread.
  link::SerialLink link_;
  at::AtEngine engine_;
  std::unique_ptr<dialect::Dialect> dialect_;
  Clock::time_point last_activity_ = Clock::now();
  TransferPlan plan_{config_.transfer, TransferPlan::commit_limit_for(config_.request_timeout),
                     config_.serial.baud / 10.0};
  std::optional<DownloadScheduler> downloads_;  // made with the dialect, at connect()
  std::optional<UploadScheduler> uploads_;
  // Bytes downloaded, and bytes a resumed upload found on the server, so far: a moving
  // transfer retries on.
  std::uint64_t transfer_progress_ = 0;
  bool link_down_ = false;  // the last request spent its retries on the link, or its time
  std::error_code link_down_cause_;
  std::shared_ptr<RequestDeadline> serving_;
  Clock::time_point radio_read_at_{};  // the last radio reading (poll_radio)

  StatusBoard board_;  // thread-safe: what `modemftpfs status` shows
  DataCounters data_{config_.usage_file, config_.data_budget};  // thread-safe
  Clock::time_point usage_saved_at_ = Clock::now();
  std::atomic<std::size_t> waiting_{0};  // requests queued, not yet started

  Preemption preemption_;

  // Lock order: spill_mu_ before the block cache's lock (the handler fills the cache).
  std::mutex spill_mu_;  // guards spill_, and is held while the handler runs
  SpillHandler spill_;
  mutable std::mutex shared_mu_;  // guards stats_; never held across a modem wait
  SessionStats stats_;

  std::once_flag shutdown_once_;
  std::promise<void> thread_done_;
  std::future<void> thread_finished_ = thread_done_.get_future();
  std::thread thread_;
};

}  // namespace mfs::session
