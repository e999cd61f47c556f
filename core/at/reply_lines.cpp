// Pure line classification for the AT engine (see reply_lines.hpp).
#include "core/at/reply_lines.hpp"

#include <array>
#include <charconv>

#include "core/at/at_error.hpp"

namespace mfs::at {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

std::optional<long long> parse_number(std::string_view s) {
  s = trim(s);
  long long value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return value;
}

// Field `index` of the comma-separated list after `s`'s first ':'.
std::optional<std::string_view> field_after_colon(std::string_view s, int index) {
  const auto colon = s.find(':');
  if (colon == std::string_view::npos || index < 0) return std::nullopt;
  std::string_view rest = s.substr(colon + 1);
  for (int i = 0; i < index; ++i) {
    const auto comma = rest.find(',');
    if (comma == std::string_view::npos) return std::nullopt;
    rest.remove_prefix(comma + 1);
  }
  return rest.substr(0, rest.find(','));
}

std::optional<FinalResult> numeric_error(std::string_view line, std::string_view prefix,
                                         const std::error_category& category) {
  if (!line.starts_with(prefix)) return std::nullopt;
  const auto code = parse_number(line.substr(prefix.size()));
  // A verbose "+CME ERROR: SIM not inserted" (before AT+CMEE=1) carries no number.
  if (!code) return FinalResult{at_errc::error};
  return FinalResult{{static_cast<int>(*code), category}};
}

}  // namespace

std::string normalise_line(std::string_view line) {
  std::string out(line);
  if (!line.starts_with('+')) return out;
  const auto colon = out.find(':');
  if (colon != std::string::npos && colon + 1 < out.size() && out[colon + 1] != ' ') {
    out.insert(colon + 1, 1, ' ');
  }
  return out;
}

std::string info_prefix_of(std::string_view command) {
  if (command.size() < 3 || (command[0] != 'A' && command[0] != 'a') ||
      (command[1] != 'T' && command[1] != 't')) {
    return {};
  }
  const std::string_view body = command.substr(2);
  if (body.front() != '+' && body.front() != '$' && body.front() != '^') return {};
  return std::string(body.substr(0, body.find_first_of("=?"))) + ":";
}

std::optional<FinalResult> parse_final_result(std::string_view line) {
  if (line == "OK") return FinalResult{};
  if (line == "ERROR") return FinalResult{at_errc::error};
  if (auto cme = numeric_error(line, "+CME ERROR:", cme_category())) return cme;
  return numeric_error(line, "+CMS ERROR:", cms_category());
}

bool is_banner(std::string_view line) {
  return line == "RDY" || line == "+CFUN: 1" || line == "+CPIN: READY";
}

bool is_noise_urc(std::string_view line) {
  static constexpr std::array<std::string_view, 5> prefixes = {"+CSQ:", "+CREG:", "+CEREG:",
                                                               "+CGREG:", "+FTPINFO:"};
  if (line == "RING") return true;
  for (const auto prefix : prefixes) {
    if (line.starts_with(prefix)) return true;
  }
  return false;
}

bool looks_like_urc(std::string_view line) {
  const auto colon = line.find(':');
  return line.size() > 1 && line.front() == '+' && colon != std::string_view::npos && colon > 1;
}

BlockHeader parse_block_header(std::string_view line, std::string_view header, int field) {
  BlockHeader out;
  if (header.empty() || !line.starts_with(header)) return out;
  out.matched = true;
  const auto text = field_after_colon(line, field);
  if (!text) return out;
  const auto value = parse_number(*text);
  if (value && *value >= 0) out.length = static_cast<std::size_t>(*value);
  return out;
}

}  // namespace mfs::at
