// parse_command_line from a table: names, forms, quoted and bare parameters, refusals.
#include <catch2/catch.hpp>

#include "sim/command_line.hpp"

using mfs::sim::CommandForm;
using mfs::sim::parse_command_line;

TEST_CASE("command lines parse into name, form and parameters", "[sim]") {
  auto cmd = parse_command_line("AT+FTPOPEN=\"h, x\",\"u\",\"\",,0, 21 ");
  REQUIRE(cmd);
  CHECK(cmd->name == "+FTPOPEN");
  CHECK(cmd->form == CommandForm::set);
  REQUIRE(cmd->params.size() == 6);
  CHECK(cmd->params[0].text == "h, x");
  CHECK(cmd->params[0].quoted);
  CHECK(cmd->params[2].text.empty());
  CHECK(cmd->params[2].quoted);
  CHECK(cmd->params[3].text.empty());
  CHECK_FALSE(cmd->params[3].quoted);
  CHECK(cmd->params[5].text == "21");
  CHECK(cmd->stats_key() == "FTPOPEN");
}

TEST_CASE("forms and stats keys", "[sim]") {
  auto key = [](const char* line) { return parse_command_line(line)->stats_key(); };
  CHECK(key("AT") == "AT");
  CHECK(key("at") == "AT");
  CHECK(key("ATE0") == "E0");
  CHECK(key("ati") == "I");
  CHECK(key("AT+ftpget?") == "FTPGET?");
  CHECK(key("AT+FTPGET=?") == "FTPGET=?");
  CHECK(key("AT+FTPCDUP") == "FTPCDUP");
  CHECK(parse_command_line("AT+FTPLIST")->form == CommandForm::exec);
  CHECK(parse_command_line("AT+FTPLIST=")->params.size() == 1);
}

TEST_CASE("malformed command lines are refused", "[sim]") {
  auto bad = GENERATE(as<std::string>{}, "", "A", "XT", "AT+X=\"open", "AT+X=\"a\"b",
                      "AT+X=a\"b\"", "AT+X?junk", "AT+X junk");
  CAPTURE(bad);
  CHECK_FALSE(parse_command_line(bad));
}
