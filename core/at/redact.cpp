// Password redaction for logged AT lines (see redact.hpp).
#include "core/at/redact.hpp"

#include <array>

namespace mfs::at {
namespace {

struct Rule {
  std::string_view command;  // matched after "AT", up to '=' (e.g. "+FTPOPEN")
  int quoted_index;          // 1-based index of the quoted parameter holding the secret
};

constexpr std::array<Rule, 5> rules = {{
    {"+FTPOPEN", 3},
    {"+MIPCALL", 3},
    {"+CSTT", 3},
    {"+CGAUTH", 2},
    {"+FTPPW", 1},
}};

// Replaces the contents of the `index`-th "..." of `line` (values can never hold a quote:
// path_rules refuses them before sending).
std::string redact_quoted(std::string_view line, int index) {
  std::size_t open = std::string_view::npos;
  std::size_t from = 0;
  for (int i = 0; i < index; ++i) {
    open = line.find('"', from);
    if (open == std::string_view::npos) return std::string(line);
    const std::size_t close = line.find('"', open + 1);
    if (close == std::string_view::npos) {
      return std::string(line.substr(0, open + 1)) + "***";  // unterminated: hide the rest
    }
    if (i + 1 == index) {
      return std::string(line.substr(0, open + 1)) + "***" + std::string(line.substr(close));
    }
    from = close + 1;
  }
  return std::string(line);
}

std::string_view command_name(std::string_view line) {
  if (line.size() < 3 || (line.substr(0, 2) != "AT" && line.substr(0, 2) != "at")) return {};
  const std::string_view body = line.substr(2);
  return body.substr(0, body.find_first_of("=?"));
}

}  // namespace

std::string redact(std::string_view line) {
  constexpr std::string_view pass_prefix = "+FTPINFO:";
  if (line.starts_with(pass_prefix)) {
    const auto pass = line.find("PASS ");
    if (pass != std::string_view::npos) return std::string(line.substr(0, pass + 5)) + "***";
    return std::string(line);
  }
  const std::string_view name = command_name(line);
  for (const Rule& rule : rules) {
    if (name == rule.command) return redact_quoted(line, rule.quoted_index);
  }
  return std::string(line);
}

}  // namespace mfs::at
