// Pure parsers for the L610's lines: tolerant of "+X:1" / "+X: 1" spacing and of quoted or
// bare fields (PROTOCOL.md section 1), strict about numbers so a malformed line never passes
// as a result.
#include "core/dialect/l610_parse.hpp"

#include <charconv>

namespace mfs::dialect::l610 {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

template <class Int>
std::optional<Int> to_number(std::string_view s) {
  s = trim(s);
  Int value{};
  if (s.empty()) return std::nullopt;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return value;
}

std::string_view unquote(std::string_view s) {
  s = trim(s);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') return s.substr(1, s.size() - 2);
  return s;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<std::string_view> field_text(std::string_view line, std::string_view name) {
  if (!line.starts_with(name)) return std::nullopt;
  line.remove_prefix(name.size());
  if (!line.starts_with(':')) return std::nullopt;
  line.remove_prefix(1);
  return trim(line);
}

std::vector<std::string_view> split_fields(std::string_view text) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  bool quoted = false;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] == '"') quoted = !quoted;
    if (i == text.size() || (text[i] == ',' && !quoted)) {
      fields.push_back(unquote(text.substr(start, i - start)));
      start = i + 1;
    }
  }
  return fields;
}

std::optional<int> parse_status(std::string_view line, std::string_view name) {
  auto text = field_text(line, name);
  if (!text || text->empty() || text->front() == '"') return std::nullopt;
  auto fields = split_fields(*text);
  return to_number<int>(fields.front());
}

std::optional<std::string> parse_cpin(std::string_view line) {
  auto text = field_text(line, "+CPIN");
  if (!text || text->empty()) return std::nullopt;
  return std::string(unquote(*text));
}

std::optional<SignalQuality> parse_csq(std::string_view line) {
  auto text = field_text(line, "+CSQ");
  if (!text) return std::nullopt;
  auto fields = split_fields(*text);
  if (fields.size() != 2) return std::nullopt;
  auto rssi = to_number<int>(fields[0]);
  auto ber = to_number<int>(fields[1]);
  if (!rssi || !ber) return std::nullopt;
  return SignalQuality{*rssi, *ber};
}

std::optional<MipcallState> parse_mipcall(std::string_view line) {
  auto text = field_text(line, "+MIPCALL");
  if (!text || text->empty()) return std::nullopt;
  auto fields = split_fields(*text);
  if (fields.size() == 1) {
    if (fields[0] == "0") return MipcallState{false, {}};
    // The activation URC: the address alone (IPv4 dots or IPv6 colons).
    if (fields[0].find_first_of(".:") != std::string_view::npos) {
      return MipcallState{true, std::string(fields[0])};
    }
    return std::nullopt;
  }
  auto state = to_number<int>(fields[0]);
  if (!state || (*state != 0 && *state != 1)) return std::nullopt;
  return MipcallState{*state == 1, std::string(fields[1])};
}

std::optional<FtpGetQuery> parse_ftpget_query(std::string_view line) {
  auto text = field_text(line, "+FTPGET");
  if (!text || !text->starts_with('"')) return std::nullopt;
  auto fields = split_fields(*text);
  if (fields.size() != 3) return std::nullopt;
  auto mode = to_number<int>(fields[1]);
  auto eof = to_number<int>(fields[2]);
  if (!mode || !eof || (*eof != 0 && *eof != 1)) return std::nullopt;
  return FtpGetQuery{std::string(fields[0]), *mode, *eof == 1};
}

std::optional<std::size_t> parse_ftprecv(std::string_view line) {
  auto text = field_text(line, "+FTPRECV");
  if (!text) return std::nullopt;
  return to_number<std::size_t>(*text);
}

std::optional<FtpPutResult> parse_ftpput(std::string_view line) {
  auto text = field_text(line, "+FTPPUT");
  if (!text) return std::nullopt;
  auto fields = split_fields(*text);
  auto result = to_number<int>(fields[0]);
  if (!result || fields.size() > 2) return std::nullopt;
  FtpPutResult out{*result, std::nullopt};
  if (fields.size() == 2) {
    out.length = to_number<std::size_t>(fields[1]);
    if (!out.length) return std::nullopt;
  }
  return out;
}

std::optional<TextResult> parse_text_result(std::string_view line, std::string_view name) {
  auto text = field_text(line, name);
  if (!text) return std::nullopt;
  auto comma = text->find(',');
  auto result = to_number<int>(text->substr(0, comma));
  if (!result) return std::nullopt;
  if (comma == std::string_view::npos) return TextResult{*result, {}};
  std::string_view rest = text->substr(comma + 1);
  bool one_quoted = rest.size() >= 2 && rest.front() == '"' && rest.back() == '"' &&
                    rest.substr(1, rest.size() - 2).find('"') == std::string_view::npos;
  return TextResult{*result, std::string(one_quoted ? unquote(rest) : rest)};
}

std::optional<std::string> pwd_from_text(std::string_view text) {
  text = trim(strip_reply_code(trim(text)));
  auto open = text.find('"');
  if (open == std::string_view::npos) {
    if (text.empty()) return std::nullopt;
    return std::string(text);
  }
  std::string path;
  for (std::size_t i = open + 1; i < text.size(); ++i) {
    if (text[i] != '"') {
      path += text[i];
    } else if (i + 1 < text.size() && text[i + 1] == '"') {
      path += '"';
      ++i;
    } else {
      return path;
    }
  }
  return std::nullopt;  // no closing quote: not a reply we understand
}

std::string_view strip_reply_code(std::string_view text) {
  if (!reply_code_of(text)) return text;
  text.remove_prefix(3);
  if (!text.empty()) text.remove_prefix(1);
  return text;
}

std::optional<int> reply_code_of(std::string_view text) {
  if (text.size() < 3 || !is_digit(text[0]) || !is_digit(text[1]) || !is_digit(text[2]))
    return std::nullopt;
  if (text.size() > 3 && text[3] != ' ' && text[3] != '-') return std::nullopt;
  if (text[0] < '1' || text[0] > '5') return std::nullopt;
  return (text[0] - '0') * 100 + (text[1] - '0') * 10 + (text[2] - '0');
}

void ReplyTracker::feed(std::string_view line) {
  auto text = field_text(line, "+FTPINFO");
  if (!text) return;
  auto code = reply_code_of(*text);
  if (open_multiline_) {
    // Inside "NNN-": only "NNN " (the same code, then a space or the end) closes the reply.
    if (!code || *code != *open_multiline_ || (text->size() > 3 && (*text)[3] == '-')) return;
    open_multiline_.reset();
  } else if (!code) {
    return;
  } else if (text->size() > 3 && (*text)[3] == '-') {
    open_multiline_ = code;
  }
  last_ = code;
  if (*code >= 400) {
    last_failure_ = code;
    last_failure_text_ = std::string(*text);
  }
}

void ReplyTracker::reset() {
  last_.reset();
  last_failure_.reset();
  last_failure_text_.clear();
  open_multiline_.reset();
}

}  // namespace mfs::dialect::l610
