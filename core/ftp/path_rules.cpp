// Refuses names and paths the AT wire cannot carry (PROTOCOL.md section 1, section 3's limits),
// before anything is sent: '"' ends the quoted parameter, CR/LF/NUL end or corrupt the command
// line, and firmware may act on any other C0 byte or DEL (V.250 backspace, XON/XOFF).
#include "core/ftp/path_rules.hpp"

#include "core/ftp/ftp_error.hpp"

namespace mfs::ftp {
namespace {

bool is_control(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte < 0x20 || byte == 0x7f;
}

}  // namespace

// Character faults come before length: such a name can never be sent, whatever its length.
result<void> check_wire_text(std::string_view text) {
  for (char c : text) {
    if (c == '"') return ftp_errc::name_has_quote;
    if (is_control(c)) return ftp_errc::name_has_control_char;
  }
  if (text.size() > max_wire_path_octets) return ftp_errc::name_too_long;
  return success();
}

result<void> check_name(std::string_view name) {
  if (name.empty()) return ftp_errc::name_empty;
  return check_wire_text(name);
}

// A leading '/' (the root) and one trailing '/' (a directory spelled "dir/") are allowed;
// an empty component anywhere else ("/a//b") is refused as name_empty.
result<void> check_path(std::string_view path) {
  if (path.empty()) return ftp_errc::name_empty;
  MFS_TRY(check_wire_text(path));
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
