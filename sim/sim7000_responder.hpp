// The SIMCom SIM7000 as the host sees it over the serial line (PROTOCOL.md section 3, seed 004):
// AT basics, the CNACT bearer, the FTP parameters the module keeps, and its FTP actions, each
// of which is a whole FTP session of its own (login, command, quit) run after the command's OK.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
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

class Sim7000Responder final : public Responder {
 public:
  using clock = std::chrono::steady_clock;

  // The largest FTPPUT chunk the module announces ("+FTPPUT: 1,1,1360", seed 5.2).
  static constexpr std::size_t put_max = 1360;
  // The largest FTPGET=2 / FTPLIST=2 read (PROTOCOL.md section 3).
  static constexpr std::size_t read_max = 1460;
  // Module RAM for FTPEXTGET: the 300k the SIMCom FTP manuals give for the RAM methods.
  static constexpr std::size_t extget_capacity = 300 * 1024;

  Sim7000Responder(const SimConfig& config, WireWriter& wire, SimStats& stats, FaultPlan& faults);

  std::size_t feed(std::string_view bytes) override;
  // While FTPETGET streams (sim7000_streams.cpp); every other transfer is read in blocks.
  bool streaming() const override { return et_ && et_->reader; }
  void pump() override;
  // Runs the FTP action whose time has come and the open transfer's reminders and timeout.
  void tick(clock::time_point now) override;

 private:
  using Handler = void (Sim7000Responder::*)(const CommandLine&);
  enum class Action { get, put, list, extget, etget, etput, dele, size, mdtm, mkd, rmd, rename };

  struct PendingAction {  // acknowledged with OK, its FTP session not run yet
    Action action;
    std::string urc;      // "+FTPGET", the name its result URC carries
    clock::time_point due;
  };
  struct Transfer {  // the FTP session a GET, LIST or PUT keeps open between blocks
    std::string urc;  // "+FTPGET", "+FTPLIST", "+FTPPUT"
    std::unique_ptr<FtpBackend> session;
    std::optional<DownloadBuffer> download;  // GET and LIST
    std::unique_ptr<DataWriter> upload;      // PUT
    clock::time_point last_read{};           // the host's last block, for the unread timeout
    clock::time_point last_announce{};       // the last "+FTPGET: 1,1"
    clock::time_point ready_at{};            // PUT: the last chunk has crossed the network
    bool announce_on_data = true;            // GET/LIST: data arriving now gets "+<cmd>: 1,1"
    std::uint64_t done = 0;                  // bytes read by the host or written to the server
  };
  struct EtStream {  // an FTPETGET or FTPETPUT, from its "1,1" to its end
    std::unique_ptr<FtpBackend> session;
    std::unique_ptr<DataReader> reader;  // ETGET
    std::unique_ptr<DataWriter> writer;  // ETPUT; gone once drop-upload@N struck
    StreamUnescaper unescaper;           // ETPUT: the host's stream
    std::string pending;                 // ETPUT: unescaped bytes not yet written
    std::uint64_t moved = 0;             // file bytes sent or taken
    bool taking = false;                 // ETPUT: after AT+FTPETPUT=2, host bytes are data
    clock::time_point started{};
  };

  // sim7000_responder.cpp: input, dispatch, result helpers, the action schedule, timers.
  void take_put_byte(char c);
  void run_line(const std::string& line);
  void dispatch(const CommandLine& cmd);
  void ok() { core_.ok(); }
  void error() { core_.error(); }
  void ok_and_urc(const std::string& urc);
  void start_action(Action action, const std::string& urc);
  void run_action(Action action, const std::string& urc);
  bool busy() const { return pending_.has_value() || transfer_ != nullptr || et_ != nullptr; }
  bool strict() const { return wire_.has(Quirk::strict); }

  // sim7000_modem_commands.cpp: identification, registration and the CNACT bearer.
  void on_ati(const CommandLine& cmd);
  void on_identity(const CommandLine& cmd);
  void on_registration(const CommandLine& cmd);
  void on_accepted_setting(const CommandLine& cmd);
  void on_cnact(const CommandLine& cmd);
  void lose_bearer();

  // sim7000_faults.cpp: injected faults (sim/fault_plan.hpp) as a SIM7000 shows them.
  static bool is_ftp_exchange(const CommandLine& cmd);
  static bool is_action_start(const CommandLine& cmd);
  bool inject(const Fault& fault, const CommandLine* cmd);
  bool network_refuses() const;
  std::size_t download_room(std::size_t n) const;
  void after_download_block();
  bool upload_drops_in_chunk();

  // sim7000_parameters.cpp: the FTP parameter commands, FTPSTATE and FTPQUIT.
  static bool is_parameter(const std::string& name);
  void on_parameter(const CommandLine& cmd);
  void on_ftpstate(const CommandLine& cmd);
  void on_ftpquit(const CommandLine& cmd);
  std::string parameter(const std::string& name) const;
  std::string get_file() const;
  std::string put_file() const;

  // sim7000_actions.cpp: the login every action starts with and the one-result actions.
  void on_one_result_action(const CommandLine& cmd);
  std::unique_ptr<FtpBackend> login(const std::string& urc);
  void run_one_result(Action action, const std::string& urc);
  void send_result(const std::string& urc, int code);  // "+FTPGET: 1,<code>"

  // sim7000_transfers.cpp: FTPGET, FTPLIST and FTPPUT.
  void on_ftpget(const CommandLine& cmd);
  void on_ftplist(const CommandLine& cmd);
  void on_ftpput(const CommandLine& cmd);
  void on_transfer_start(const CommandLine& cmd, Action action);
  void read_block(const CommandLine& cmd);
  void run_get(const std::string& urc);
  void run_list(const std::string& urc);
  void run_put(const std::string& urc);
  std::uint64_t store_offset(FtpBackend& session, const std::string& file) const;
  void finish_put_chunk();
  void end_transfer(int code);
  void tick_transfer(clock::time_point now);
  void open_download(const std::string& urc, std::unique_ptr<FtpBackend> session,
                     std::unique_ptr<DataReader> data);
  void poll_download(clock::time_point now);
  void send_block(const std::string& header, std::string_view data);

  // sim7000_streams.cpp: FTPETGET and FTPETPUT.
  void on_ftpetget(const CommandLine& cmd);
  void run_etget(const std::string& urc);
  void end_et_stream(int code);
  void on_ftpetput(const CommandLine& cmd);
  void run_etput(const std::string& urc);
  void take_etput_byte(char c);
  void flush_etput(EtStream& s);
  void finish_etput();
  void abandon_et_stream(int code);

  // sim7000_ram_methods.cpp: FTPEXTPUT and FTPEXTGET, through module RAM.
  void on_ftpextput(const CommandLine& cmd);
  void finish_extput();
  void upload_ram(const std::string& urc, std::unique_ptr<FtpBackend> session,
                  std::unique_ptr<DataWriter> data);
  void on_ftpextget(const CommandLine& cmd);
  void run_extget(const std::string& urc);

  const SimConfig& config_;
  WireWriter& wire_;
  SimStats& stats_;

  FaultPlan& faults_;
  ModemCore core_;
  bool bearer_ = false;
  clock::time_point bearer_refused_until_{};  // bearer-lost: the network refuses CNACT=1 until
  bool stall_next_action_ = false;            // stall: the action being started never ends
  std::map<std::string, std::string> parameters_;  // "+FTPSERV" -> "host", as last set

  std::optional<PendingAction> pending_;
  std::unique_ptr<Transfer> transfer_;
  bool transfer_ready_ = false;     // its ready URC went out: blocks may be read or written
  std::size_t put_remaining_ = 0;   // payload bytes of an FTPPUT=2 prompt still to come
  std::string put_bytes_;
  std::optional<std::string> extget_data_;  // the file FTPEXTGET holds in module RAM
  std::optional<std::string> extput_data_;  // after FTPEXTPUT=1: what FTPPUT will upload
  std::optional<std::size_t> extput_pos_;   // where the FTPEXTPUT data being received goes
  std::unique_ptr<EtStream> et_;
};

}  // namespace mfs::sim
