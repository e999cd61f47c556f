// The SIM7000 line parsers (core/dialect/sim7000_parse.cpp) and command builders
// (sim7000_commands.cpp), from tables: wire text in, fields out; no I/O.
#include "core/dialect/sim7000_parse.hpp"

#include <catch2/catch.hpp>

#include "core/dialect/sim7000_commands.hpp"

using namespace mfs::dialect;
using namespace mfs::dialect::sim7000;

TEST_CASE("CNACT query lines in both firmware shapes", "[dialect.sim7000]") {
  auto [line, active, ip] = GENERATE(table<std::string, bool, std::string>({
      {"+CNACT: 1,\"10.94.36.44\"", true, "10.94.36.44"},
      {"+CNACT:1,\"10.94.36.44\"", true, "10.94.36.44"},
      {"+CNACT: 0,\"0.0.0.0\"", false, "0.0.0.0"},
      {"+CNACT: 0,1,\"10.94.36.44\"", true, "10.94.36.44"},  // seed 4.2: <cid>,<status>,<ip>
      {"+CNACT: 0,0,\"0.0.0.0\"", false, "0.0.0.0"},
  }));
  INFO(line);
  auto state = parse_cnact(line);
  REQUIRE(state.has_value());
  CHECK(state->active == active);
  CHECK(state->ip == ip);
}

TEST_CASE("malformed CNACT lines are not states", "[dialect.sim7000]") {
  for (auto line : {"+CNACT: 2,\"1.2.3.4\"", "+CNACT: x,\"1.2.3.4\"", "+CNACT:", "+CNACTX: 1,\"a\"",
                    "+CNACT: 1"}) {
    INFO(line);
    CHECK_FALSE(parse_cnact(line).has_value());
  }
}

TEST_CASE("APP PDP URCs", "[dialect.sim7000]") {
  CHECK(parse_app_pdp("+APP PDP: ACTIVE") == true);
  CHECK(parse_app_pdp("+APP PDP: DEACTIVE") == false);
  CHECK(parse_app_pdp("+APP PDP: 0,ACTIVE") == true);
  CHECK_FALSE(parse_app_pdp("+APP PDP: MAYBE").has_value());
  CHECK_FALSE(parse_app_pdp("+CNACT: 1").has_value());
}

TEST_CASE("action result URCs: code and value", "[dialect.sim7000]") {
  auto [line, name, code, value] = GENERATE(table<std::string, std::string, int, std::string>({
      {"+FTPGET: 1,1", "+FTPGET", 1, ""},
      {"+FTPGET:1,0", "+FTPGET", 0, ""},
      {"+FTPGET: 1,64", "+FTPGET", 64, ""},
      {"+FTPGET: 1,80", "+FTPGET", 80, ""},
      {"+FTPPUT: 1,1,1360", "+FTPPUT", 1, "1360"},
      {"+FTPSIZE: 1,0,1024", "+FTPSIZE", 0, "1024"},
      {"+FTPMDTM:1,0,20140409060951", "+FTPMDTM", 0, "20140409060951"},
      {"+FTPRENAME:1,0", "+FTPRENAME", 0, ""},
      {"+FTPLIST: 1,1", "+FTPLIST", 1, ""},
  }));
  INFO(line);
  auto result = parse_action_result(line, name);
  REQUIRE(result.has_value());
  CHECK(result->code == code);
  CHECK(result->value == value);
}

TEST_CASE("data headers, prompts and other commands are not action results", "[dialect.sim7000]") {
  CHECK_FALSE(parse_action_result("+FTPGET: 2,1024", "+FTPGET").has_value());
  CHECK_FALSE(parse_action_result("+FTPPUT: 2,100", "+FTPPUT").has_value());
  CHECK_FALSE(parse_action_result("+FTPGET: 1,1", "+FTPPUT").has_value());
  CHECK_FALSE(parse_action_result("+FTPGET: 1", "+FTPGET").has_value());
  CHECK_FALSE(parse_action_result("+FTPGET: 1,x", "+FTPGET").has_value());
  CHECK_FALSE(parse_action_result("+FTPGETPATH: \"/\"", "+FTPGET").has_value());
}

TEST_CASE("MDTM stamps", "[dialect.sim7000]") {
  using namespace std::chrono;
  auto stamp = parse_mdtm("20140409060951");
  REQUIRE(stamp.has_value());
  CHECK(*stamp == sys_days(year(2014) / April / 9) + hours(6) + minutes(9) + seconds(51));
  for (auto bad : {"2014040906095", "201404090609511", "20141309060951", "20140230060951",
                   "20140409250951", "2014040906x951", ""}) {
    INFO(bad);
    CHECK_FALSE(parse_mdtm(bad).has_value());
  }
}

TEST_CASE("remote paths split into the module's PATH and NAME", "[dialect.sim7000]") {
  auto [path, dir, name] = GENERATE(table<std::string, std::string, std::string>({
      {"/a/b", "/a/", "b"},
      {"/b", "/", "b"},
      {"b", "/", "b"},
      {"/a/b/", "/a/", "b"},
      {"/x/y/z.txt", "/x/y/", "z.txt"},
      {"/", "/", ""},
  }));
  INFO(path);
  const SplitPath split = split_path(path);
  CHECK(split.dir == dir);
  CHECK(split.name == name);
  CHECK(as_dir("/a") == "/a/");
  CHECK(as_dir("/a/") == "/a/");
  CHECK(as_dir("a") == "/a/");
}

TEST_CASE("command lines", "[dialect.sim7000]") {
  CHECK(cnact_command({"", "", ""}) == "AT+CNACT=1");
  CHECK(cnact_command({"iot.net", "", ""}) == "AT+CNACT=1,\"iot.net\"");
  CHECK(cncfg_command({"ctnb", "cdma", "1234"}) == "AT+CNCFG=1,\"ctnb\",\"cdma\",\"1234\"");
  CHECK(string_param("+FTPGETPATH", "/a/") == "AT+FTPGETPATH=\"/a/\"");
  CHECK(number_param("+FTPREST", 4096) == "AT+FTPREST=4096");
}
