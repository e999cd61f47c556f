// Pure line classification: spacing, final results, banners, noise URCs, block headers.
#include <catch2/catch.hpp>

#include "core/at/at_error.hpp"
#include "core/at/reply_lines.hpp"

using namespace mfs::at;

TEST_CASE("normalise_line puts one space after a +X: prefix", "[at]") {
  CHECK(normalise_line("+FTPLIST:1") == "+FTPLIST: 1");
  CHECK(normalise_line("+FTPLIST: 1") == "+FTPLIST: 1");
  CHECK(normalise_line("+FTPOPEN:") == "+FTPOPEN:");
  CHECK(normalise_line("+FTPPWD:2,\"a:b\"") == "+FTPPWD: 2,\"a:b\"");
  CHECK(normalise_line("drwx 12:30 x") == "drwx 12:30 x");
}

TEST_CASE("info_prefix_of names a command's own reply lines", "[at]") {
  CHECK(info_prefix_of("AT+CSQ") == "+CSQ:");
  CHECK(info_prefix_of("AT+CPIN?") == "+CPIN:");
  CHECK(info_prefix_of(R"(AT+FTPOPEN="h","u","p","",0,21,0)") == "+FTPOPEN:");
  CHECK(info_prefix_of("AT").empty());
  CHECK(info_prefix_of("ATE0").empty());
}

TEST_CASE("parse_final_result: OK, ERROR, CME and CMS with either spacing", "[at]") {
  CHECK(parse_final_result("OK")->error == std::error_code());
  CHECK(parse_final_result("ERROR")->error == at_errc::error);
  const auto cme = parse_final_result(normalise_line("+CME ERROR:2031"));
  REQUIRE(cme);
  CHECK(cme->error.value() == 2031);
  CHECK(&cme->error.category() == &cme_category());
  const auto cms = parse_final_result("+CMS ERROR: 500");
  REQUIRE(cms);
  CHECK(cms->error == std::error_code(500, cms_category()));
  CHECK(parse_final_result("+CME ERROR: SIM not inserted")->error == at_errc::error);
  CHECK_FALSE(parse_final_result("OK2"));
  CHECK_FALSE(parse_final_result("+FTPOPEN: 1"));
}

TEST_CASE("banners and noise URCs", "[at]") {
  CHECK(is_banner("RDY"));
  CHECK(is_banner("+CPIN: READY"));
  CHECK(is_banner("+CFUN: 1"));
  CHECK_FALSE(is_banner("+CFUN: 0"));
  for (const char* noise : {"+CSQ: 20,99", "+CREG: 1", "+CEREG: 1,\"1A\"", "+CGREG: 5", "RING",
                            "+FTPINFO: 550 No such file"}) {
    CHECK(is_noise_urc(noise));
  }
  CHECK_FALSE(is_noise_urc("+FTPOPEN: 1"));
  CHECK(looks_like_urc("+FTPCLOSE: 1"));
  CHECK_FALSE(looks_like_urc("-rw-r--r-- 1 x"));
  CHECK_FALSE(looks_like_urc("+notes.txt"));
}

TEST_CASE("parse_block_header reads the announced length", "[at]") {
  CHECK(parse_block_header("+FTPRECV: 3000", "+FTPRECV:", 0).length == 3000u);
  CHECK(parse_block_header("+FTPGET: 2,1024", "+FTPGET: 2,", 1).length == 1024u);
  CHECK(parse_block_header("+FTPLIST: 2,126", "+FTPLIST: 2,", 1).length == 126u);
  CHECK_FALSE(parse_block_header("+FTPGET: 1,1", "+FTPGET: 2,", 1).matched);
  const auto bad = parse_block_header("+FTPRECV: lots", "+FTPRECV:", 0);
  CHECK(bad.matched);
  CHECK_FALSE(bad.length);
  CHECK_FALSE(parse_block_header("+FTPRECV: -1", "+FTPRECV:", 0).length);
}
