// The family table (core/dialect/families.cpp): each row agrees with the dialect it makes, and
// ATI and AT+CGMM answers find their row.
#include "core/dialect/families.hpp"

#include <catch2/catch.hpp>

#include "tests/dialect/l610_fixture.hpp"

using namespace mfs::dialect;

TEST_CASE("each family row names and describes the dialect it makes", "[dialect]") {
  test::SimModem sim;  // any engine: making a dialect sends nothing
  for (const Family& family : families()) {
    INFO(family.name);
    auto dialect = family.make(sim.engine());
    REQUIRE(dialect);
    CHECK(dialect->family() == family.name);
    CHECK(dialect->has_secure_mode() == family.has_secure_mode);
    CHECK(find_family(family.name) == &family);
  }
  CHECK(find_family(automatic_family) == nullptr);
  CHECK(find_family("L610") == nullptr);
}

TEST_CASE("module identification by ATI and CGMM text", "[dialect]") {
  auto [text, family] = GENERATE(table<std::string, std::string>({
      {"SIM7000E R1351", "sim7000"},
      {"SIMCOM_SIM7000G", "sim7000"},
      {"sim7000c-n", "sim7000"},
      {"Model: L610", "l610"},
      {"L610", "l610"},
      {"Fibocom L610-CN", "l610"},
  }));
  INFO(text);
  const Family* found = family_of_model(text);
  REQUIRE(found);
  CHECK(found->name == family);
  CHECK_FALSE(family_of_model("Quectel BG96"));
  CHECK_FALSE(family_of_model("Manufacturer: Fibocom Wireless Inc."));
}

TEST_CASE("the table's words for messages and help", "[dialect]") {
  const auto name = [](const Family& f) { return std::string(f.name); };
  CHECK(join_families(name, "|", "|") == "l610|sim7000");
  CHECK(join_families(name, ", ", " or ", [](const Family& f) { return f.has_secure_mode; }) ==
        "l610");
  CHECK(family_display_names("or") == "Fibocom L610 or SIMCom SIM7000");
  CHECK(family_options() == "modem=l610 or modem=sim7000");
}
