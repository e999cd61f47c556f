// Builders of the SIM7000's command lines (seed 004, PROTOCOL.md section 3) and the split of a
// remote path into the module's PATH ("<dir>/") and NAME parameters.
#include "core/dialect/sim7000_commands.hpp"

namespace mfs::dialect::sim7000 {

std::string cnact_command(const BearerConfig& bearer) {
  if (bearer.apn.empty()) return "AT+CNACT=1";
  return "AT+CNACT=1," + quote_param(bearer.apn);
}

std::string cncfg_command(const BearerConfig& bearer) {
  return "AT+CNCFG=1," + quote_param(bearer.apn) + "," + quote_param(bearer.user) + "," +
         quote_param(bearer.password);
}

std::string string_param(std::string_view name, std::string_view value) {
  return "AT" + std::string(name) + "=" + quote_param(value);
}

std::string number_param(std::string_view name, std::uint64_t value) {
  return "AT" + std::string(name) + "=" + std::to_string(value);
}

std::string as_dir(std::string_view path) {
  std::string dir = path.starts_with('/') ? std::string(path) : "/" + std::string(path);
  if (!dir.ends_with('/')) dir += '/';
  return dir;
}

// The module keeps no working directory between its per-operation logins, so a relative path
// is taken from the login directory "/", as the filesystem's absolute paths are.
SplitPath split_path(std::string_view path) {
  while (path.size() > 1 && path.ends_with('/')) path.remove_suffix(1);
  const auto slash = path.rfind('/');
  if (slash == std::string_view::npos) return {"/", std::string(path)};
  return {as_dir(path.substr(0, slash + 1)), std::string(path.substr(slash + 1))};
}

}  // namespace mfs::dialect::sim7000
