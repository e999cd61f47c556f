// Reading the radio through the 27.007 commands both families answer (radio_query.hpp).
#include "core/dialect/radio_query.hpp"

#include <charconv>

#include "core/at/at_error.hpp"
#include "core/dialect/l610_parse.hpp"

namespace mfs::dialect {
namespace {

bool is_registered(std::optional<int> stat) { return stat == 1 || stat == 5; }

std::optional<int> number_at(std::string_view text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end == text.data()) return std::nullopt;
  return value;
}

// The answer lines of `command`, or none when the module answers ERROR to it.
result<std::vector<std::string>> ask(at::AtEngine& engine, std::string_view command,
                                     std::chrono::milliseconds timeout) {
  auto reply = engine.command(command, at::CommandSpec{timeout});
  if (!reply && (reply.error() == at::at_errc::error || reply.error().category() == at::cme_category()))
    return std::vector<std::string>{};
  MFS_TRY(reply);
  return std::move(reply.value().lines);
}

}  // namespace

bool RadioReading::registered() const {
  if (!creg && !cereg) return true;
  return is_registered(creg) || is_registered(cereg);
}

std::string RadioReading::registration() const {
  if (creg == 1 || cereg == 1) return "home";
  if (creg == 5 || cereg == 5) return "roaming";
  static const char* const names[] = {"not registered", "home", "searching", "denied", "unknown",
                                      "roaming"};
  for (auto stat : {cereg, creg}) {
    if (stat && *stat >= 0 && *stat <= 5) return names[*stat];
  }
  return "unknown";
}

std::optional<int> parse_registration(std::string_view line, std::string_view prefix) {
  if (!line.starts_with(prefix) || line.substr(prefix.size(), 1) != ":") return std::nullopt;
  std::string_view rest = line.substr(prefix.size() + 1);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  const auto comma = rest.find(',');
  if (comma == std::string_view::npos) return number_at(rest);  // the URC: +CREG: <stat>
  const auto second = rest.substr(comma + 1);
  return number_at(second.substr(0, second.find(',')));
}

int rssi_dbm(int rssi) { return -113 + 2 * rssi; }

int rssi_bars(int rssi) {
  if (rssi <= 1) return 0;
  if (rssi < 10) return 1;
  if (rssi < 15) return 2;
  if (rssi < 20) return 3;
  if (rssi < 25) return 4;
  return 5;
}

result<RadioReading> read_radio(at::AtEngine& engine, std::chrono::milliseconds timeout) {
  RadioReading reading;
  MFS_TRY(csq, ask(engine, "AT+CSQ", timeout));
  for (const auto& line : csq) {
    if (auto quality = l610::parse_csq(line); quality && quality->rssi != 99)
      reading.rssi = quality->rssi;
  }
  MFS_TRY(creg, ask(engine, "AT+CREG?", timeout));
  for (const auto& line : creg) {
    if (auto stat = parse_registration(line, "+CREG")) reading.creg = stat;
  }
  MFS_TRY(cereg, ask(engine, "AT+CEREG?", timeout));
  for (const auto& line : cereg) {
    if (auto stat = parse_registration(line, "+CEREG")) reading.cereg = stat;
  }
  return reading;
}

result<std::string> read_model(at::AtEngine& engine, std::chrono::milliseconds timeout) {
  MFS_TRY(lines, ask(engine, "AT+CGMM", timeout));
  for (const auto& line : lines) {
    if (!line.empty()) return line;
  }
  return std::string();
}

}  // namespace mfs::dialect
