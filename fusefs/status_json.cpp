// The status object (status_json.hpp). Absent facts are null rather than missing, so a script
// can tell "not known" from a field it misspelt.
#include "fusefs/status_json.hpp"

#include <ctime>

namespace mfs::fusefs {
namespace {

using nlohmann::json;

json radio_json(const session::SessionStatus& s) {
  if (!s.radio) return nullptr;
  const auto& r = *s.radio;
  json out = {{"registration", r.registration()},
              {"registered", r.registered()},
              {"creg", r.creg ? json(*r.creg) : json(nullptr)},
              {"cereg", r.cereg ? json(*r.cereg) : json(nullptr)},
              {"csq", r.rssi ? json(*r.rssi) : json(nullptr)},
              {"signal_dbm", r.rssi ? json(dialect::rssi_dbm(*r.rssi)) : json(nullptr)},
              {"signal_bars", r.rssi ? json(dialect::rssi_bars(*r.rssi)) : json(nullptr)},
              {"read_at", s.radio_read_at ? json(utc_time(*s.radio_read_at)) : json(nullptr)}};
  return out;
}

json transfer_json(const session::SessionStatus& s) {
  if (!s.transfer) return nullptr;
  const auto& t = *s.transfer;
  return {{"path", t.path},
          {"direction", t.upload ? "upload" : "download"},
          {"bytes", t.done},
          {"total", t.total == 0 ? json(nullptr) : json(t.total)},
          {"rate_bytes_per_s", static_cast<std::uint64_t>(t.rate)},
          {"eta_s", t.eta ? json(t.eta->count()) : json(nullptr)}};
}

json uploads_json(const StatusInputs& in) {
  json pending = json::array();
  for (const auto& p : in.pending) {
    pending.push_back({{"path", p.path},
                       {"size", p.size},
                       {"since", utc_time(p.since)},
                       {"last_error", p.last_error.empty() ? json(nullptr) : json(p.last_error)},
                       {"error_at", p.last_error.empty() ? json(nullptr) : json(utc_time(p.error_at))}});
  }
  return {{"paused", in.uploads_paused}, {"pending", pending}};
}

json usage_json(const session::DataUsage& u) {
  return {{"payload_down", u.payload_down},
          {"payload_up", u.payload_up},
          {"serial_out", u.serial_out},
          {"serial_in", u.serial_in}};
}

json budget_json(const session::SessionStatus& s) {
  return {{"period_start", s.period_start},
          {"used", s.usage_period.payload()},
          {"budget", s.budget.bytes == 0 ? json(nullptr) : json(s.budget.bytes)},
          {"spent", s.budget_spent}};
}

json data_json(const session::SessionStats& st, const session::SessionStatus& s) {
  return {{"since_mount", usage_json(s.usage_mount)},
          {"this_period", usage_json(s.usage_period)},
          {"budget", budget_json(s)},
          {"at_commands", st.at_commands},
          {"serial_bytes_out", st.serial_bytes_out},
          {"serial_bytes_in", st.serial_bytes_in},
          {"requests", st.requests},
          {"ftp_sessions", st.ftp_sessions_opened},
          {"downloads", st.downloads_started},
          {"uploads", st.uploads},
          {"reconnects", st.reconnects}};
}

}  // namespace

std::string utc_time(std::chrono::system_clock::time_point t) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

nlohmann::json status_json(const StatusInputs& in) {
  const auto& s = in.session;
  return {{"mountpoint", in.mountpoint},
          {"modem", {{"family", s.family}, {"model", s.model.empty() ? json(nullptr) : json(s.model)}}},
          {"radio", radio_json(s)},
          {"link", s.link_down ? "down" : "up"},
          {"ftp_session", s.ftp_session_open ? "open" : "closed"},
          {"transfer", transfer_json(s)},
          {"queued_requests", s.queued},
          {"uploads", uploads_json(in)},
          {"last_error", s.last_error.empty()
                             ? json(nullptr)
                             : json{{"message", s.last_error}, {"at", utc_time(s.last_error_at)}}},
          {"data", data_json(in.stats, s)}};
}

}  // namespace mfs::fusefs
