// One AT command line as the modem sees it: "AT+NAME=<params>", "AT+NAME?", "AT+NAME=?", "ATE0".
// Parsed without any knowledge of what the command means.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mfs::sim {

enum class CommandForm { exec, set, query, test };

struct Param {
  std::string text;     // without the quotes
  bool quoted = false;
};

struct CommandLine {
  std::string name;     // upper case: "" for bare AT, "E0", "I", "+FTPLIST"
  CommandForm form = CommandForm::exec;
  std::vector<Param> params;

  // The counter key for statistics: "FTPLIST", "FTPGET?", "FTPGET=?", "E0", "AT".
  std::string stats_key() const;
};

// Parses the text after the host's "\r" was stripped; nullopt for anything that is not a
// well-formed AT command (missing "AT", unterminated quote, junk after a quoted string).
std::optional<CommandLine> parse_command_line(std::string_view line);

}  // namespace mfs::sim
