// The modem families this build drives, one row each: the one place that knows which exist.
// make_dialect, modem=auto's identification, the command line, --help and the start-up
// messages all read it, so a new family is its own files plus one row here.
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/dialect/dialect.hpp"

namespace mfs::at {
class AtEngine;
}

namespace mfs::dialect {

struct Family {
  std::string_view name;          // "l610": modem=, sim_dialect= and Dialect::family()
  std::string_view display_name;  // "Fibocom L610", for messages
  // Text that a line of the module's answer to ATI or AT+CGMM holds (any case) when it is one
  // of this family: "L610" matches "Fibocom L610-CN", "SIM7000" matches "SIMCOM_SIM7000G".
  std::string_view model_tag;
  bool has_secure_mode;           // the dialect's has_secure_mode(), for -o secure's words
  std::unique_ptr<Dialect> (*make)(at::AtEngine& engine);  // the engine outlives the dialect
};

// modem=auto: the family is the one identify_modem finds.
inline constexpr std::string_view automatic_family = "auto";

// Every row; the first is the family --simulate plays unless told otherwise.
std::span<const Family> families();

// The row named `name` (exactly, as modem= takes it); nullptr for none.
const Family* find_family(std::string_view name);

// The family one line of an ATI or AT+CGMM answer names; nullptr for a module we do not drive.
const Family* family_of_model(std::string_view answer_line);

// Each row that `keep` accepts, as `part` words it, joined by `separator` and the last pair by
// `last_separator`: ("|", "|", name) gives "l610|sim7000".
std::string join_families(const std::function<std::string(const Family&)>& part,
                          std::string_view separator, std::string_view last_separator,
                          const std::function<bool(const Family&)>& keep = {});

// For messages: "Fibocom L610 or SIMCom SIM7000" (with `conjunction` "or"), and the options
// that force a family, "modem=l610 or modem=sim7000".
std::string family_display_names(std::string_view conjunction);
std::string family_options();
// The display names of the families with an encrypted FTP mode, "Fibocom L610".
std::string secure_mode_families();

}  // namespace mfs::dialect
