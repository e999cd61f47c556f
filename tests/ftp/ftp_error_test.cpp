// The FTP layer's two error categories: names, messages, and that codes compare by category.
#include <catch2/catch.hpp>

#include <set>

#include "core/ftp/ftp_error.hpp"

namespace mfs::ftp {

TEST_CASE("ftp_errc values live in the \"ftp\" category with distinct messages", "[ftp]") {
  const ftp_errc all[] = {ftp_errc::name_has_quote, ftp_errc::name_has_control_char,
                          ftp_errc::name_too_long,  ftp_errc::name_empty,
                          ftp_errc::not_found,      ftp_errc::not_empty,
                          ftp_errc::already_exists, ftp_errc::permission_denied,
                          ftp_errc::no_space,       ftp_errc::operation_failed};
  std::set<std::string> messages;
  for (ftp_errc e : all) {
    const std::error_code ec = e;  // implicit, through is_error_code_enum
    CHECK(ec.category().name() == std::string("ftp"));
    CHECK(ec.value() == static_cast<int>(e));
    CHECK(ec);
    CHECK(ec.message().find("unknown") == std::string::npos);
    messages.insert(ec.message());
  }
  CHECK(messages.size() == std::size(all));
  CHECK(make_error_code(ftp_errc::name_too_long).message() == "name or path longer than 255 octets");
  CHECK(std::error_code(99, ftp_category()).message() == "unknown ftp error 99");
}

TEST_CASE("server reply codes keep their number in the \"ftp-reply\" category", "[ftp]") {
  const std::error_code reply(550, ftp_reply_category());
  CHECK(reply.category().name() == std::string("ftp-reply"));
  CHECK(reply.message() == "FTP reply 550");
  CHECK(std::error_code(552, ftp_reply_category()).message() == "FTP reply 552");
  CHECK(reply != std::error_code(550, ftp_category()));
  CHECK(reply != make_error_code(ftp_errc::not_found));
}

}  // namespace mfs::ftp
