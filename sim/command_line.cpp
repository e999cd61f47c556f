// parse_command_line: splits "AT+X=a,"b c",,3" into a name, a form and quoted/bare parameters.
#include "sim/command_line.hpp"

#include <algorithm>
#include <cctype>

namespace mfs::sim {
namespace {

char upper(char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); }

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '&' || c == '%' || c == '$';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// One parameter at the front of `s`; removes it and its comma, telling whether a comma followed.
std::optional<Param> take_param(std::string_view& s, bool& comma) {
  s = trim(s);
  Param p;
  std::string_view rest;
  if (!s.empty() && s.front() == '"') {
    std::size_t close = s.find('"', 1);
    if (close == std::string_view::npos) return std::nullopt;
    p = {std::string(s.substr(1, close - 1)), true};
    rest = trim(s.substr(close + 1));
    if (!rest.empty() && rest.front() != ',') return std::nullopt;
  } else {
    std::size_t end = std::min(s.find(','), s.size());
    p.text = std::string(trim(s.substr(0, end)));
    if (p.text.find('"') != std::string::npos) return std::nullopt;
    rest = s.substr(end);
  }
  comma = !rest.empty();
  s = comma ? rest.substr(1) : rest;
  return p;
}

std::optional<std::vector<Param>> parse_params(std::string_view s) {
  std::vector<Param> params;
  bool comma = true;
  while (comma) {
    auto p = take_param(s, comma);
    if (!p) return std::nullopt;
    params.push_back(std::move(*p));
  }
  return params;
}

}  // namespace

std::string CommandLine::stats_key() const {
  std::string key = name.empty() ? "AT" : name.substr(name[0] == '+' ? 1 : 0);
  if (form == CommandForm::query) key += "?";
  if (form == CommandForm::test) key += "=?";
  return key;
}

std::optional<CommandLine> parse_command_line(std::string_view line) {
  line = trim(line);
  if (line.size() < 2 || upper(line[0]) != 'A' || upper(line[1]) != 'T') return std::nullopt;
  line.remove_prefix(2);
  CommandLine cmd;
  std::size_t i = (!line.empty() && line[0] == '+') ? 1 : 0;
  while (i < line.size() && is_name_char(line[i])) ++i;
  for (char c : line.substr(0, i)) cmd.name += upper(c);
  std::string_view rest = line.substr(i);
  if (rest.empty()) return cmd;
  if (rest == "?") {
    cmd.form = CommandForm::query;
  } else if (rest == "=?") {
    cmd.form = CommandForm::test;
  } else if (rest.front() == '=') {
    auto params = parse_params(rest.substr(1));
    if (!params) return std::nullopt;
    cmd.form = CommandForm::set;
    cmd.params = std::move(*params);
  } else {
    return std::nullopt;
  }
  return cmd;
}

}  // namespace mfs::sim
