// The 27.007 radio readings (radio_query.hpp): registration lines and the signal scales, from
// tables, with no I/O.
#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "core/dialect/radio_query.hpp"

using namespace mfs::dialect;

TEST_CASE("parse_registration reads <stat> from query answers and URCs", "[dialect]") {
  auto [line, prefix, stat] = GENERATE(table<std::string, std::string, std::optional<int>>({
      {"+CREG: 0,1", "+CREG", 1},
      {"+CREG: 2,5,\"1A2B\",\"01C3\"", "+CREG", 5},
      {"+CEREG: 0,2", "+CEREG", 2},
      {"+CEREG: 1", "+CEREG", 1},  // the URC form
      {"+CREG:0,3", "+CREG", 3},
      {"+CEREG: 0,1", "+CREG", std::nullopt},  // another command's line
      {"+CREG: x,1", "+CREG", 1},
      {"+CREG: 0,", "+CREG", std::nullopt},
      {"+CSQ: 20,99", "+CREG", std::nullopt},
  }));
  CAPTURE(line);
  CHECK(parse_registration(line, prefix) == stat);
}

TEST_CASE("CSQ becomes dBm and a 0-5 scale", "[dialect]") {
  CHECK(rssi_dbm(0) == -113);
  CHECK(rssi_dbm(20) == -73);
  CHECK(rssi_dbm(31) == -51);
  CHECK(rssi_bars(0) == 0);
  CHECK(rssi_bars(5) == 1);
  CHECK(rssi_bars(13) == 2);
  CHECK(rssi_bars(20) == 4);
  CHECK(rssi_bars(31) == 5);
}

TEST_CASE("a reading is registered when either network says home or roaming", "[dialect]") {
  RadioReading r;
  CHECK(r.registered());  // nothing answered: nothing says otherwise
  r.creg = 2;
  r.cereg = 2;
  CHECK_FALSE(r.registered());
  CHECK(r.registration() == "searching");
  r.cereg = 5;
  CHECK(r.registered());
  CHECK(r.registration() == "roaming");
  r.creg = 1;
  CHECK(r.registration() == "home");
  r = RadioReading{};
  r.creg = 3;
  CHECK(r.registration() == "denied");
}
