// The status object as text (status_text.hpp). Reads only what status_json writes; a field
// that is null prints as "-" or is left out.
#include "fusefs/status_text.hpp"

#include <fmt/format.h>

namespace mfs::fusefs {
namespace {

using nlohmann::json;

std::string text_or(const json& value, const std::string& fallback) {
  return value.is_string() ? value.get<std::string>() : fallback;
}

std::string radio_line(const json& radio) {
  if (radio.is_null()) return "not read yet";
  std::string line = radio.value("registration", std::string("unknown"));
  if (radio["csq"].is_number()) {
    line += fmt::format(", signal {} dBm ({}/5, CSQ {})", radio["signal_dbm"].get<int>(),
                        radio["signal_bars"].get<int>(), radio["csq"].get<int>());
  } else {
    line += ", signal unknown";
  }
  return line + fmt::format(" (read {})", text_or(radio["read_at"], "-"));
}

std::string transfer_line(const json& t) {
  if (t.is_null()) return "none";
  std::string line = fmt::format("{} {} {}", t["direction"].get<std::string>(),
                                 t["path"].get<std::string>(),
                                 human_bytes(t["bytes"].get<std::uint64_t>()));
  if (t["total"].is_number()) {
    const auto total = t["total"].get<std::uint64_t>();
    const auto done = t["bytes"].get<std::uint64_t>();
    line += fmt::format(" of {} ({}%)", human_bytes(total), total ? done * 100 / total : 0);
  }
  line += fmt::format(", {}/s", human_bytes(t["rate_bytes_per_s"].get<std::uint64_t>()));
  if (t["eta_s"].is_number()) line += fmt::format(", ETA {} s", t["eta_s"].get<std::int64_t>());
  return line;
}

void add_uploads(std::string& out, const json& uploads) {
  const auto& pending = uploads["pending"];
  out += fmt::format("uploads:      {}, {} pending\n",
                     uploads["paused"].get<bool>() ? "PAUSED" : "running", pending.size());
  for (const auto& p : pending) {
    out += fmt::format("  {} ({}, since {})", p["path"].get<std::string>(),
                       human_bytes(p["size"].get<std::uint64_t>()), p["since"].get<std::string>());
    if (p["last_error"].is_string())
      out += fmt::format(": {} at {}", p["last_error"].get<std::string>(),
                         p["error_at"].get<std::string>());
    out += "\n";
  }
}

std::string usage_line(const char* label, const json& u) {
  return fmt::format("{} {} down, {} up (payload); serial {} out, {} in\n", label,
                     human_bytes(u["payload_down"].get<std::uint64_t>()),
                     human_bytes(u["payload_up"].get<std::uint64_t>()),
                     human_bytes(u["serial_out"].get<std::uint64_t>()),
                     human_bytes(u["serial_in"].get<std::uint64_t>()));
}

}  // namespace

std::string human_bytes(std::uint64_t bytes) {
  if (bytes < 1024) return fmt::format("{} B", bytes);
  const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes) / 1024;
  std::size_t unit = 0;
  while (value >= 1024 && unit + 1 < std::size(units)) {
    value /= 1024;
    ++unit;
  }
  return fmt::format("{:.1f} {}", value, units[unit]);
}

std::string status_text(const json& s) {
  std::string out;
  const auto& modem = s["modem"];
  out += fmt::format("mount:        {}\n", s["mountpoint"].get<std::string>());
  out += fmt::format("modem:        {} ({})\n", modem["family"].get<std::string>(),
                     text_or(modem["model"], "model unknown"));
  out += fmt::format("radio:        {}\n", radio_line(s["radio"]));
  out += fmt::format("link:         {}, FTP session {}\n", s["link"].get<std::string>(),
                     s["ftp_session"].get<std::string>());
  out += fmt::format("transfer:     {}\n", transfer_line(s["transfer"]));
  out += fmt::format("queued:       {} request(s)\n", s["queued_requests"].get<std::size_t>());
  add_uploads(out, s["uploads"]);
  const auto& error = s["last_error"];
  out += fmt::format("last error:   {}\n", error.is_null() ? std::string("none")
                                                          : error["message"].get<std::string>() +
                                                                " at " + error["at"].get<std::string>());
  const auto& d = s["data"];
  out += usage_line("since mount: ", d["since_mount"]);
  out += usage_line("this period: ", d["this_period"]);
  const auto& budget = d["budget"];
  const std::string used = human_bytes(budget["used"].get<std::uint64_t>());
  if (budget["budget"].is_number()) {
    out += fmt::format("budget:       {} of {} used since {}{}\n", used,
                       human_bytes(budget["budget"].get<std::uint64_t>()),
                       budget["period_start"].get<std::string>(),
                       budget["spent"].get<bool>() ? ": SPENT, transfers fail with EDQUOT" : "");
  } else {
    out += fmt::format("budget:       none ({} of payload since {})\n", used,
                       budget["period_start"].get<std::string>());
  }
  out += fmt::format("session:      {} requests, {} AT commands, {} FTP logins, {} downloads, "
                     "{} uploads, {} reconnects\n",
                     d["requests"].get<std::uint64_t>(), d["at_commands"].get<std::uint64_t>(), d["ftp_sessions"].get<std::uint64_t>(),
                     d["downloads"].get<std::uint64_t>(), d["uploads"].get<std::uint64_t>(),
                     d["reconnects"].get<std::uint64_t>());
  return out;
}

}  // namespace mfs::fusefs
