// The Fibocom L610 as the host sees it over the serial line: AT command interpreter, bearer,
// the one FTP session and its transfers (PROTOCOL.md section 2, seed 000).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "sim/command_line.hpp"
#include "sim/download_buffer.hpp"
#include "sim/fault_plan.hpp"
#include "sim/ftp_backend.hpp"
#include "sim/modem_core.hpp"
#include "sim/responder.hpp"
#include "sim/sim_stats.hpp"
#include "sim/simulator.hpp"
#include "sim/stream_escape.hpp"
#include "sim/wire_writer.hpp"

namespace mfs::sim {

class L610Responder final : public Responder {
 public:
  L610Responder(const SimConfig& config, WireWriter& wire, SimStats& stats, FaultPlan& faults);

  // Consumes host bytes; stops early (returning the count used) while an FTPRETR stream is being
  // sent, because the module reads no commands then.
  std::size_t feed(std::string_view bytes) override;
  // Continues an FTPRETR stream; call while it is active and the output queue is short.
  void pump() override;
  bool streaming() const override { return retr_ != nullptr; }
  // Timers: the unread-download timeout.
  void tick(std::chrono::steady_clock::time_point now) override;

 private:
  enum class InputMode { command, put_payload, stor_stream };
  using Handler = void (L610Responder::*)(const CommandLine&);

  struct Upload {  // an FTPPUT data connection held open between chunks
    std::string name;
    std::unique_ptr<DataWriter> data;
  };
  struct PendingPut {
    std::size_t remaining = 0;
    std::size_t length = 0;
    bool eof = false;
    std::string bytes;
  };

  // l610_responder.cpp: input, dispatch, result helpers.
  void take_put_byte(char c);
  void take_stor_byte(char c);
  void run_line(const std::string& line);
  void dispatch(const CommandLine& cmd);
  bool blocked_by_transfer(const CommandLine& cmd) const;
  void ok() { core_.ok(); }
  void error() { core_.error(); }
  void cme_error(int code) { core_.cme_error(code); }
  void info(const FtpReply& reply);
  void async_result(const FtpReply& reply, const std::string& urc);
  bool require_session();

  // l610_faults.cpp: injected faults (sim/fault_plan.hpp) as an L610 shows them.
  static bool is_ftp_exchange(const CommandLine& cmd);
  bool inject(const Fault& fault, const CommandLine* cmd);
  void answer_while_stalled(const CommandLine& cmd);
  void lose_bearer(std::chrono::milliseconds refusal);
  bool network_refuses() const;
  bool upload_drops_in_put();
  void drop_stor();

  // l610_modem_commands.cpp: AT basics and the bearer.
  void on_ati(const CommandLine& cmd);
  void on_cgmm(const CommandLine& cmd);
  void on_csq(const CommandLine& cmd);
  void on_creg(const CommandLine& cmd);
  void on_mipcall(const CommandLine& cmd);
  void on_gtset(const CommandLine& cmd);

  // l610_ftp_commands.cpp: session and control-connection commands.
  void on_ftpopen(const CommandLine& cmd);
  void on_ftpclose(const CommandLine& cmd);
  void on_ftpinfo(const CommandLine& cmd);
  void on_ftpmode(const CommandLine& cmd);
  void on_ftprest(const CommandLine& cmd);
  void on_path_command(const CommandLine& cmd);
  void on_ftpren(const CommandLine& cmd);
  void on_text_command(const CommandLine& cmd);
  void on_ftplist(const CommandLine& cmd);
  void close_session(bool announce);

  // l610_transfers.cpp: FTPGET/FTPRECV, FTPPUT, FTPSTOR, FTPRETR.
  void on_ftpget(const CommandLine& cmd);
  void on_ftprecv(const CommandLine& cmd);
  void on_ftpput(const CommandLine& cmd);
  void finish_put();
  void on_ftpstor(const CommandLine& cmd);
  void finish_stor();
  void flush_stor();
  void on_ftpretr(const CommandLine& cmd);
  void end_download_if_drained();
  void advance_download(std::chrono::steady_clock::time_point now);
  void drop_download();
  std::uint64_t take_offset(const CommandLine& cmd);

  const SimConfig& config_;
  WireWriter& wire_;
  SimStats& stats_;
  FaultPlan& faults_;

  InputMode mode_ = InputMode::command;
  ModemCore core_;
  bool bearer_ = false;
  bool ftpinfo_ = false;
  int ftpmode_ = 0;
  std::uint64_t rest_ = 0;
  // AT+GTSET="FTPLIMIT",<n>: the FTPRETR pacing timer (seed 1.2.16: default 50, 0 = off).
  std::chrono::milliseconds ftplimit_{50};
  bool stalled_ = false;  // an FTP command waits for a server that never answers
  std::chrono::steady_clock::time_point network_refused_until_{};  // after bearer-lost:MS

  std::unique_ptr<FtpBackend> session_;
  std::optional<DownloadBuffer> download_;
  std::string download_name_;
  std::chrono::steady_clock::time_point last_read_{};
  std::uint64_t download_delivered_ = 0;  // bytes of the current download sent to the host
  std::uint64_t upload_received_ = 0;     // bytes of the current upload taken from the host
  std::chrono::steady_clock::time_point stor_started_{};  // an FTPSTOR's data connection opened
  std::optional<Upload> upload_;
  PendingPut put_;
  std::unique_ptr<DataWriter> stor_;
  std::string stor_pending_;  // unescaped FTPSTOR bytes not yet written
  StreamUnescaper stor_unescaper_;
  std::unique_ptr<DataReader> retr_;
};

}  // namespace mfs::sim
