// Sim7000Responder core: the command table, the result-URC helper, and the schedule that runs
// each FTP action after its OK (seed 5.6: a block read before the ready URC is an ERROR, so the
// action must not have run when the OK leaves).
#include "sim/sim7000_responder.hpp"

#include <algorithm>

namespace mfs::sim {
namespace {

// Cellular round trips before an action's result: connect and greeting, USER, PASS, the command.
constexpr int action_round_trips = 4;

}  // namespace

Sim7000Responder::Sim7000Responder(const SimConfig& config, WireWriter& wire, SimStats& stats,
                                   FaultPlan& faults)
    : config_(config), wire_(wire), stats_(stats), faults_(faults), core_(config, wire, stats) {}

std::size_t Sim7000Responder::feed(std::string_view bytes) {
  std::size_t used = 0;
  // A reboot or vanish takes effect at once: the loop gets the bytes after it again.
  while (used < bytes.size() && !streaming() && !faults_.device_fault_pending()) {
    char c = bytes[used++];
    if (et_ && et_->taking) take_etput_byte(c);
    else if (put_remaining_ > 0) take_put_byte(c);
    else if (auto line = core_.take(c)) run_line(*line);
  }
  return used;
}

void Sim7000Responder::take_put_byte(char c) {
  put_bytes_ += c;
  if (!extput_pos_) faults_.upload_reached(transfer_->done + put_bytes_.size());
  if (--put_remaining_ > 0) return;
  if (extput_pos_) finish_extput();
  else finish_put_chunk();
}

void Sim7000Responder::run_line(const std::string& line) {
  ReceivedCommand received = core_.receive(line);
  const CommandLine* cmd = received.cmd ? &*received.cmd : nullptr;
  auto fault = faults_.on_command(received.key, cmd && is_ftp_exchange(*cmd), busy());
  if (fault && !inject(*fault, cmd)) return;
  if (!cmd) return error();
  dispatch(*cmd);
  stall_next_action_ = false;
}

void Sim7000Responder::dispatch(const CommandLine& cmd) {
  using R = Sim7000Responder;
  static const std::map<std::string, Handler> table = {
      {"I", &R::on_ati},                  {"I0", &R::on_ati},
      {"+CGMI", &R::on_identity},         {"+CGMM", &R::on_identity},
      {"+CGMR", &R::on_identity},
      {"+CSQ", &R::on_registration},      {"+CREG", &R::on_registration},
      {"+CEREG", &R::on_registration},    {"+CGATT", &R::on_registration},
      {"+COPS", &R::on_registration},     {"+CGNAPN", &R::on_registration},
      {"+CGDCONT", &R::on_accepted_setting}, {"+CNCFG", &R::on_accepted_setting},
      {"+CNACT", &R::on_cnact},           {"+FTPCID", &R::on_parameter},
      {"+FTPSERV", &R::on_parameter},     {"+FTPPORT", &R::on_parameter},
      {"+FTPUN", &R::on_parameter},       {"+FTPPW", &R::on_parameter},
      {"+FTPTYPE", &R::on_parameter},     {"+FTPMODE", &R::on_parameter},
      {"+FTPPUTOPT", &R::on_parameter},   {"+FTPREST", &R::on_parameter},
      {"+FTPGETPATH", &R::on_parameter},  {"+FTPGETNAME", &R::on_parameter},
      {"+FTPPUTPATH", &R::on_parameter},  {"+FTPPUTNAME", &R::on_parameter},
      {"+FTPSTATE", &R::on_ftpstate},     {"+FTPQUIT", &R::on_ftpquit},
      {"+FTPGET", &R::on_ftpget},         {"+FTPLIST", &R::on_ftplist},
      {"+FTPPUT", &R::on_ftpput},         {"+FTPEXTGET", &R::on_ftpextget},
      {"+FTPEXTPUT", &R::on_ftpextput},   {"+FTPETGET", &R::on_ftpetget},
      {"+FTPETPUT", &R::on_ftpetput},
      {"+FTPDELE", &R::on_one_result_action}, {"+FTPSIZE", &R::on_one_result_action},
      {"+FTPMDTM", &R::on_one_result_action}, {"+FTPMKD", &R::on_one_result_action},
      {"+FTPRMD", &R::on_one_result_action},  {"+FTPRENAME", &R::on_one_result_action},
  };
  if (core_.answer(cmd)) return;
  auto it = table.find(cmd.name);
  if (it == table.end()) return error();
  (this->*(it->second))(cmd);
}

// OK and an action's immediate result, in the order the result_before_ok quirk picks.
void Sim7000Responder::ok_and_urc(const std::string& urc) {
  bool before = wire_.has(Quirk::result_before_ok);
  if (!before) ok();
  wire_.line(urc);
  if (before) ok();
}

// An action is refused with code 66 ("operation not allowed", seed 5.5) while another runs;
// otherwise its FTP session runs once the cellular round trips have passed.
void Sim7000Responder::start_action(Action action, const std::string& urc) {
  if (busy()) return ok_and_urc(urc + ": 1,66");
  if (stall_next_action_) {  // the server never answers: busy until FTPQUIT
    ok();
    pending_ = PendingAction{action, urc, clock::time_point::max()};
    return;
  }
  if (wire_.has(Quirk::result_before_ok)) {
    run_action(action, urc);
    return ok();
  }
  ok();
  pending_ = PendingAction{action, urc, clock::now() + config_.link.rtt * action_round_trips};
}

void Sim7000Responder::run_action(Action action, const std::string& urc) {
  switch (action) {
    case Action::get: return run_get(urc);
    case Action::list: return run_list(urc);
    case Action::put: return run_put(urc);
    case Action::extget: return run_extget(urc);
    case Action::etget: return run_etget(urc);
    case Action::etput: return run_etput(urc);
    default: return run_one_result(action, urc);
  }
}

void Sim7000Responder::tick(clock::time_point now) {
  // The loop took `now` before feeding us; what the commands just fed scheduled for "now"
  // (no round trips, a chunk that crossed at once) is due in this same step, not the next.
  now = std::max(now, clock::now());
  if (pending_ && now >= pending_->due) {
    PendingAction due = std::move(*pending_);
    pending_.reset();
    run_action(due.action, due.urc);
  }
  tick_transfer(now);
}

}  // namespace mfs::sim
