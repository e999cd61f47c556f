// Refuses names and paths the L610 AT wire cannot carry (PROTOCOL.md section 1), before anything
// is sent: '"' ends the quoted parameter, CR/LF/NUL end or corrupt the command line.
#include "core/ftp/path_rules.hpp"

#include "core/ftp/ftp_error.hpp"

namespace mfs::ftp {
namespace {

// Character faults come before length: such a name can never be sent, whatever its length.
result<void> check_octets(std::string_view text) {
  for (char c : text) {
    if (c == '"') return ftp_errc::name_has_quote;
    if (c == '\r' || c == '\n' || c == '\0') return ftp_errc::name_has_control_char;
  }
  if (text.size() > max_wire_path_octets) return ftp_errc::name_too_long;
  return success();
}

}  // namespace

result<void> check_name(std::string_view name) {
  if (name.empty()) return ftp_errc::name_empty;
  return check_octets(name);
}

// A leading '/' (the root) and one trailing '/' (a directory spelled "dir/") are allowed;
// an empty component anywhere else ("/a//b") is refused as name_empty.
result<void> check_path(std::string_view path) {
  if (path.empty()) return ftp_errc::name_empty;
  MFS_TRY(check_octets(path));
  std::string_view rest = path;
  if (rest.front() == '/') rest.remove_prefix(1);
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  if (rest.empty()) return path.size() == 1 ? success() : result<void>(ftp_errc::name_empty);
  while (true) {
    const auto slash = rest.find('/');
    MFS_TRY(check_name(rest.substr(0, slash)));
    if (slash == std::string_view::npos) return success();
    rest.remove_prefix(slash + 1);
  }
}

}  // namespace mfs::ftp
