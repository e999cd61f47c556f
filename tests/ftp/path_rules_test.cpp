// What the AT wire can carry (PROTOCOL.md section 1): no '"', no C0 control byte (0x00-0x1F)
// and no DEL, and at most 255 octets (not characters) per name and per whole path.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <tuple>

#include "core/ftp/ftp_error.hpp"
#include "core/ftp/path_rules.hpp"

namespace mfs::ftp {
namespace {

using namespace std::string_literals;

std::string repeat(const std::string& unit, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

// nullopt when accepted, else the refusal.
std::optional<std::error_code> name_error(const std::string& name) {
  const auto r = check_name(name);
  return r ? std::nullopt : std::optional<std::error_code>(r.error());
}

std::optional<std::error_code> path_error(const std::string& path) {
  const auto r = check_path(path);
  return r ? std::nullopt : std::optional<std::error_code>(r.error());
}

using Row = std::tuple<std::string, std::optional<ftp_errc>>;

std::optional<std::error_code> code_of(std::optional<ftp_errc> e) {
  return e ? std::optional<std::error_code>(make_error_code(*e)) : std::nullopt;
}

}  // namespace

TEST_CASE("check_name accepts what the wire carries and refuses the rest", "[ftp]") {
  const auto [name, expected] = GENERATE(table<std::string, std::optional<ftp_errc>>({
      Row{"a", std::nullopt},
      Row{"my report 2024.txt", std::nullopt},
      Row{"  lead.txt", std::nullopt},
      Row{"+FTPLIST: 1", std::nullopt},
      Row{"a,b.txt", std::nullopt},
      Row{"~tilde_and space!", std::nullopt},   // 0x20 and 0x7E are the printable edges
      Row{"\x80\xff", std::nullopt},           // bytes past DEL are the name's encoding
      Row{"Gr\xc3\xbc\xc3\x9f" "e.txt", std::nullopt},
      Row{"", ftp_errc::name_empty},
      Row{"\"", ftp_errc::name_has_quote},
      Row{"quo\"te.txt", ftp_errc::name_has_quote},
      Row{"end\"", ftp_errc::name_has_quote},
      Row{"\"start", ftp_errc::name_has_quote},
      Row{"cr\r", ftp_errc::name_has_control_char},
      Row{"lf\nx", ftp_errc::name_has_control_char},
      Row{"\r\n", ftp_errc::name_has_control_char},
      Row{"nul\0x"s, ftp_errc::name_has_control_char},
      Row{"\0"s, ftp_errc::name_has_control_char},
      // V.250 line editing (backspace) and XON/XOFF act on these inside a command line
      Row{"tab\there", ftp_errc::name_has_control_char},
      Row{"\x01", ftp_errc::name_has_control_char},
      Row{"back\bspace", ftp_errc::name_has_control_char},
      Row{"xon\x11xoff\x13", ftp_errc::name_has_control_char},
      Row{"esc\x1b[0m", ftp_errc::name_has_control_char},
      Row{"unit\x1f", ftp_errc::name_has_control_char},
      Row{"del\x7f", ftp_errc::name_has_control_char},
      // 255 octets is the limit, counted in octets
      Row{repeat("a", 255), std::nullopt},
      Row{repeat("a", 256), ftp_errc::name_too_long},
      Row{repeat("\xc3\xa9", 127) + "a", std::nullopt},          // 128 characters, 255 octets
      Row{repeat("\xc3\xa9", 128), ftp_errc::name_too_long},      // 128 characters, 256 octets
      Row{repeat("\xe6\x97\xa5", 85), std::nullopt},               // 85 characters, 255 octets
      Row{repeat("\xe6\x97\xa5", 85) + "a", ftp_errc::name_too_long},
      // a character fault wins over length: no length makes it sendable
      Row{repeat("a", 300) + "\"", ftp_errc::name_has_quote},
      Row{repeat("a", 300) + "\n", ftp_errc::name_has_control_char},
  }));
  INFO("name of " << name.size() << " octets");
  CHECK(name_error(name) == code_of(expected));
}

TEST_CASE("check_path checks the whole path and each component", "[ftp]") {
  const auto [path, expected] = GENERATE(table<std::string, std::optional<ftp_errc>>({
      Row{"/", std::nullopt},
      Row{"/a", std::nullopt},
      Row{"/a/b c", std::nullopt},
      Row{"/sub/deeper/leaf.txt", std::nullopt},
      Row{"/empty dir/", std::nullopt},          // one trailing slash names a directory
      Row{"relative/x", std::nullopt},
      Row{"", ftp_errc::name_empty},
      Row{"//", ftp_errc::name_empty},
      Row{"/a//b", ftp_errc::name_empty},
      Row{"/a/b//", ftp_errc::name_empty},
      Row{"/a/quo\"te", ftp_errc::name_has_quote},
      Row{"/a\r/b", ftp_errc::name_has_control_char},
      Row{"/a/b\n", ftp_errc::name_has_control_char},
      Row{"/a\0b"s, ftp_errc::name_has_control_char},
      Row{"/a\bb/c", ftp_errc::name_has_control_char},
      Row{"/a/b\x7f", ftp_errc::name_has_control_char},
      // the whole path is limited to 255 octets as well, not only each component
      Row{"/" + repeat("a", 254), std::nullopt},
      Row{"/" + repeat("a", 255), ftp_errc::name_too_long},
      Row{"/" + repeat("a", 126) + "/" + repeat("a", 127), std::nullopt},   // 255 octets
      Row{"/" + repeat("a", 127) + "/" + repeat("a", 127), ftp_errc::name_too_long},
      Row{"/" + repeat("\xc3\xa9", 127), std::nullopt},                     // 255 octets
      Row{"/" + repeat("\xc3\xa9", 127) + "a", ftp_errc::name_too_long},
  }));
  INFO("path of " << path.size() << " octets");
  CHECK(path_error(path) == code_of(expected));
}

TEST_CASE("the wire limit is the L610's 255 octets", "[ftp]") {
  STATIC_REQUIRE(max_wire_path_octets == 255);
}

}  // namespace mfs::ftp
