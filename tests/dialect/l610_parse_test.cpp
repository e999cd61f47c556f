// Table tests of the L610 line parsers (core/dialect/l610_parse.cpp): wire line -> parsed value,
// with the tolerated variations of PROTOCOL.md section 1 (spacing, quoting). No I/O.
#include "core/dialect/l610_parse.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <tuple>

using namespace mfs::dialect::l610;
using std::nullopt;
using std::optional;
using std::string;

TEST_CASE("parse_status reads the result of asynchronous commands", "[dialect.l610]") {
  auto [line, name, expected] = GENERATE(table<string, string, optional<int>>({
      {"+FTPOPEN: 1", "+FTPOPEN", 1},
      {"+FTPOPEN:1", "+FTPOPEN", 1},
      {"+FTPOPEN:  0", "+FTPOPEN", 0},
      {"+FTPOPEN: 0 ", "+FTPOPEN", 0},
      {"+FTPCLOSE: 1", "+FTPCLOSE", 1},
      {"+FTPGET: 2", "+FTPGET", 2},
      {"+FTPLIST:0", "+FTPLIST", 0},
      {"+FTPPUT: 1,1024", "+FTPPUT", 1},
      {"+FTPGET: \"f\",1,1", "+FTPGET", nullopt},  // the query form is not a status
      {"+FTPOPENX: 1", "+FTPOPEN", nullopt},
      {"+FTPOPEN 1", "+FTPOPEN", nullopt},
      {"+FTPOPEN:", "+FTPOPEN", nullopt},
      {"+FTPOPEN: x", "+FTPOPEN", nullopt},
      {"+FTPOPEN: 1x", "+FTPOPEN", nullopt},
      {"OK", "+FTPOPEN", nullopt},
      {"+FTPMKD: 1", "+FTPOPEN", nullopt},
  }));
  CAPTURE(line, name);
  CHECK(parse_status(line, name) == expected);
}

TEST_CASE("split_fields honours quotes", "[dialect.l610]") {
  CHECK(split_fields("a,\"b,c\",d") == std::vector<std::string_view>{"a", "b,c", "d"});
  CHECK(split_fields("1") == std::vector<std::string_view>{"1"});
  CHECK(split_fields("\"\",0") == std::vector<std::string_view>{"", "0"});
  CHECK(split_fields("") == std::vector<std::string_view>{""});
}

TEST_CASE("parse_mipcall tells the bearer state and address", "[dialect.l610]") {
  auto [line, parses, active, ip] = GENERATE(table<string, bool, bool, string>({
      {"+MIPCALL: 0", true, false, ""},
      {"+MIPCALL:0", true, false, ""},
      {"+MIPCALL: 1,10.0.0.2", true, true, "10.0.0.2"},
      {"+MIPCALL: 1,\"10.0.0.2\"", true, true, "10.0.0.2"},
      {"+MIPCALL:1,100.64.3.9", true, true, "100.64.3.9"},
      {"+MIPCALL: 10.0.0.2", true, true, "10.0.0.2"},  // the activation URC
      {"+MIPCALL: \"10.0.0.2\"", true, true, "10.0.0.2"},
      {"+MIPCALL: 2001:db8::1", true, true, "2001:db8::1"},
      {"+MIPCALL: 2,10.0.0.2", false, false, ""},
      {"+MIPCALL: yes", false, false, ""},
      {"+MIPCALL:", false, false, ""},
      {"+CSQ: 20,99", false, false, ""},
  }));
  CAPTURE(line);
  auto state = parse_mipcall(line);
  REQUIRE(state.has_value() == parses);
  if (parses) {
    CHECK(state->active == active);
    CHECK(state->ip == ip);
  }
}

TEST_CASE("parse_ftpget_query reads the download's end-of-file flag", "[dialect.l610]") {
  auto [line, parses, file, eof] = GENERATE(table<string, bool, string, bool>({
      {"+FTPGET: \"f\",1,1", true, "f", true},
      {"+FTPGET:\"/dir/a b.bin\",1,0", true, "/dir/a b.bin", false},
      {"+FTPGET: \"x,y\",1,0", true, "x,y", false},
      {"+FTPGET: 1", false, "", false},
      {"+FTPGET: 2", false, "", false},
      {"+FTPGET: \"f\",1", false, "", false},
      {"+FTPGET: \"f\",1,2", false, "", false},
  }));
  CAPTURE(line);
  auto query = parse_ftpget_query(line);
  REQUIRE(query.has_value() == parses);
  if (parses) {
    CHECK(query->file == file);
    CHECK(query->eof == eof);
    CHECK(query->mode == 1);
  }
}

TEST_CASE("parse_ftprecv reads block lengths and buffered counts", "[dialect.l610]") {
  auto [line, expected] = GENERATE(table<string, optional<std::size_t>>({
      {"+FTPRECV: 1234", 1234},
      {"+FTPRECV:3000", 3000},
      {"+FTPRECV: 0", 0},
      {"+FTPRECV: 512000", 512000},
      {"+FTPRECV: -1", nullopt},
      {"+FTPRECV: 12a", nullopt},
      {"+FTPRECV:", nullopt},
      {"+FTPRECVX: 1", nullopt},
  }));
  CAPTURE(line);
  CHECK(parse_ftprecv(line) == expected);
}

TEST_CASE("parse_ftpput reads prompts and chunk results", "[dialect.l610]") {
  auto [line, parses, res, length] = GENERATE(table<string, bool, int, optional<std::size_t>>({
      {"+FTPPUT: 1,1024", true, 1, 1024},
      {"+FTPPUT:1,1", true, 1, 1},
      {"+FTPPUT: 2,512", true, 2, 512},
      {"+FTPPUT: 0", true, 0, nullopt},
      {"+FTPPUT: 1,x", false, 0, nullopt},
      {"+FTPPUT: 1,2,3", false, 0, nullopt},
      {"+FTPPUT: ", false, 0, nullopt},
  }));
  CAPTURE(line);
  auto put = parse_ftpput(line);
  REQUIRE(put.has_value() == parses);
  if (parses) {
    CHECK(put->result == res);
    CHECK(put->length == length);
  }
}

TEST_CASE("parse_text_result keeps server text verbatim", "[dialect.l610]") {
  auto [line, name, parses, res, text] = GENERATE(table<string, string, bool, int, string>({
      {"+FTPPWD: 2,\"/dir\"", "+FTPPWD", true, 2, "/dir"},
      {"+FTPPWD:2,\"/a b\"", "+FTPPWD", true, 2, "/a b"},
      {"+FTPPWD: 1", "+FTPPWD", true, 1, ""},
      {"+FTPPWD: 0", "+FTPPWD", true, 0, ""},
      {"+FTPPWD: 2,257 \"/\" is the current directory", "+FTPPWD", true, 2,
       "257 \"/\" is the current directory"},
      {"+FTPSYST: 2,UNIX Type: L8", "+FTPSYST", true, 2, "UNIX Type: L8"},
      {"+FTPSTAT: 2, -rw-r--r-- 1 u g 5 Jan 1 2020 a,b", "+FTPSTAT", true, 2,
       " -rw-r--r-- 1 u g 5 Jan 1 2020 a,b"},
      {"+FTPSYST: x,UNIX", "+FTPSYST", false, 0, ""},
      {"+FTPPWD: 2,\"/dir\"", "+FTPSYST", false, 0, ""},
  }));
  CAPTURE(line);
  auto parsed = parse_text_result(line, name);
  REQUIRE(parsed.has_value() == parses);
  if (parses) {
    CHECK(parsed->result == res);
    CHECK(parsed->text == text);
  }
}

TEST_CASE("pwd_from_text finds the directory in every reply shape", "[dialect.l610]") {
  auto [text, expected] = GENERATE(table<string, optional<string>>({
      {"/dir", "/dir"},
      {"\"/dir\"", "/dir"},
      {"257 \"/\" is the current directory", "/"},
      {"257 \"/a \"\"quoted\"\" b\" created", "/a \"quoted\" b"},
      {"\"/with space\"", "/with space"},
      {"257 \"/unterminated", nullopt},
      {"", nullopt},
  }));
  CAPTURE(text);
  CHECK(pwd_from_text(text) == expected);
}

TEST_CASE("reply_code_of and strip_reply_code", "[dialect.l610]") {
  auto [text, code, stripped] = GENERATE(table<string, optional<int>, string>({
      {"550 No such file", 550, "No such file"},
      {"226-Transfer starting", 226, "Transfer starting"},
      {"226", 226, ""},
      {"215 UNIX Type: L8", 215, "UNIX Type: L8"},
      {"1234 files", nullopt, "1234 files"},
      {"55 x", nullopt, "55 x"},
      {"abc", nullopt, "abc"},
      {"650 nope", nullopt, "650 nope"},
      {"RETR file", nullopt, "RETR file"},
  }));
  CAPTURE(text);
  CHECK(reply_code_of(text) == code);
  CHECK(strip_reply_code(text) == stripped);
}

TEST_CASE("parse_cpin and parse_csq", "[dialect.l610]") {
  CHECK(parse_cpin("+CPIN: READY") == string("READY"));
  CHECK(parse_cpin("+CPIN:SIM PIN") == string("SIM PIN"));
  CHECK(parse_cpin("+CPIN:") == nullopt);
  CHECK(parse_cpin("+CSQ: 20,99") == nullopt);
  auto csq = parse_csq("+CSQ: 20,99");
  REQUIRE(csq);
  CHECK(csq->rssi == 20);
  CHECK(csq->ber == 99);
  CHECK(parse_csq("+CSQ:31,0")->rssi == 31);
  CHECK_FALSE(parse_csq("+CSQ: 20"));
  CHECK_FALSE(parse_csq("+CSQ: a,b"));
}

namespace {

struct Tracked {
  optional<int> last;
  optional<int> failure;
};

Tracked track(std::initializer_list<const char*> lines) {
  ReplyTracker tracker;
  for (const char* line : lines) tracker.feed(line);
  return {tracker.last_code(), tracker.last_failure_code()};
}

}  // namespace

TEST_CASE("ReplyTracker keeps the last server reply code from +FTPINFO", "[dialect.l610]") {
  SECTION("single-line replies, spacing variants") {
    auto t = track({"+FTPINFO: 230 Login successful", "+FTPINFO:550 No such file"});
    CHECK(t.last == 550);
    CHECK(t.failure == 550);
  }
  SECTION("echoed commands and other URCs are not replies") {
    auto t = track({"+FTPINFO: 550 Nope", "+FTPINFO: NOOP", "+CSQ: 20,99", "+FTPINFO: 1"});
    CHECK(t.last == 550);
  }
  SECTION("a multi-line reply counts once; digits inside it are text") {
    auto t = track({"+FTPINFO: 211-Status of /", "+FTPINFO: 123 files in here",
                    "+FTPINFO: 550 also just text", "+FTPINFO: 211 End"});
    CHECK(t.last == 211);
    CHECK_FALSE(t.failure);
  }
  SECTION("a success after a failure keeps the failure for the error") {
    auto t = track({"+FTPINFO: 550 Directory not empty", "+FTPINFO: 200 NOOP ok"});
    CHECK(t.last == 200);
    CHECK(t.failure == 550);
  }
  SECTION("the failure's line is kept for its reason") {
    ReplyTracker tracker;
    tracker.feed("+FTPINFO: 550 Can't open secret: Permission denied");
    tracker.feed("+FTPINFO: 200 NOOP ok");
    CHECK(tracker.last_failure_text() == "550 Can't open secret: Permission denied");
  }
  SECTION("reset forgets everything") {
    ReplyTracker tracker;
    tracker.feed("+FTPINFO: 530 Login incorrect");
    tracker.reset();
    CHECK_FALSE(tracker.last_code());
    CHECK_FALSE(tracker.last_failure_code());
    CHECK(tracker.last_failure_text().empty());
  }
}
