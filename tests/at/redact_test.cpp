// Password redaction of logged AT lines: each rule against the parameter it must hide.
#include <catch2/catch.hpp>

#include "core/at/redact.hpp"

using mfs::at::redact;

TEST_CASE("redact hides passwords and nothing else", "[at]") {
  const auto [in, out] = GENERATE(table<std::string, std::string>({
      {R"(AT+FTPOPEN="ftp.example.org","bob","s3cret","",0,21,0)",
       R"(AT+FTPOPEN="ftp.example.org","bob","***","",0,21,0)"},
      {R"(AT+MIPCALL=1,"internet","user","pw")", R"(AT+MIPCALL=1,"internet","user","***")"},
      {R"(AT+MIPCALL=1,"internet")", R"(AT+MIPCALL=1,"internet")"},
      {R"(AT+FTPPW="hunter2")", R"(AT+FTPPW="***")"},
      {R"(AT+CSTT="apn","u","p")", R"(AT+CSTT="apn","u","***")"},
      {R"(AT+CGAUTH=1,1,"u","p")", R"(AT+CGAUTH=1,1,"u","***")"},
      {R"(AT+FTPPWD)", R"(AT+FTPPWD)"},
      {R"(AT+FTPUN="bob")", R"(AT+FTPUN="bob")"},
      {R"(AT+FTPCWD="/pub")", R"(AT+FTPCWD="/pub")"},
      {R"(AT+FTPOPEN="h","u","unterminated)", R"(AT+FTPOPEN="h","u","***)"},
      {"+FTPINFO: PASS s3cret", "+FTPINFO: PASS ***"},
      {"+FTPINFO: 230 Login successful", "+FTPINFO: 230 Login successful"},
      {"+FTPOPEN: 1", "+FTPOPEN: 1"},
  }));
  INFO(in);
  CHECK(redact(in) == out);
}
