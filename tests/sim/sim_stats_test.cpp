// The --stats JSON: command, login and fault counts current right after each command; byte
// counts within the simulator's save period (a paced transfer moves them at every step).
#include <catch2/catch.hpp>

#include <chrono>
#include <regex>

#include <nlohmann/json.hpp>

#include "sim/sim_stats.hpp"
#include "tests/sim/sim_harness.hpp"

using namespace mfs::sim::test;

namespace {

// The number after "key": in the JSON text (keys are unique in this file format).
std::uint64_t field(const std::string& json, const std::string& key) {
  std::smatch m;
  REQUIRE(std::regex_search(json, m, std::regex("\"" + key + "\": ([0-9]+)")));
  return std::stoull(m[1]);
}

}  // namespace

TEST_CASE("SimStats::to_json lays out every counter", "[sim]") {
  mfs::sim::SimStats s;
  s.commands["FTPLIST"] = 2;
  s.commands["a\"b"] = 1;
  s.commands["bad\xff"] = 1;  // not UTF-8: replaced, never a throw
  s.at_commands = 3;
  s.files_uploaded_bytes = 9;
  s.ftp_sessions_secure = 1;
  s.faults["drop"] = 2;
  s.faults["reboot"] = 1;
  const auto json = nlohmann::json::parse(s.to_json());
  CHECK(json["commands"]["FTPLIST"] == 2);
  CHECK(json["commands"]["a\"b"] == 1);
  CHECK(json["commands"].size() == 3);
  CHECK(json["at_commands"] == 3);
  CHECK(json["serial_bytes_from_host"] == 0);
  CHECK(json["serial_bytes_to_host"] == 0);
  CHECK(json["ftp_sessions"] == 0);
  CHECK(json["ftp_sessions_secure"] == 1);
  CHECK(json["files_downloaded_bytes"] == 0);
  CHECK(json["files_uploaded_bytes"] == 9);
  CHECK(json["faults"] == nlohmann::json({{"drop", 2}, {"reboot", 1}}));
  CHECK(json["faults_injected"] == 3);
  CHECK(s.to_json().find("\"at_commands\": 3") != std::string::npos);  // greppable by scripts
}

TEST_CASE("stats file counts what crossed the wire", "[sim]") {
  SimHarness sim;
  write_file(sim.root() / "f", pattern(7000));
  PtyClient host(sim.link());
  start_session(host);  // ATE0, CMEE, MIPCALL, FTPOPEN
  host.exchange("AT+FTPLIST", "+FTPLIST: 1\r\n");
  host.exchange("AT+FTPLIST=\"/\"", "+FTPLIST: 1\r\n");
  host.exchange("AT+FTPGET=\"f\"", "+FTPGET: 2\r\n");
  for (int i = 0; i < 3; ++i) {
    host.command("AT+FTPRECV=3000");
    host.read_until("\r\nOK\r\n");
  }
  host.exchange("AT+FTPPUT=\"up\",4,1", "+FTPPUT: 2,4\r\n");
  host.send("wxyz");
  host.read_until("OK\r\n");
  std::string json = sim.stats_json();
  CHECK(field(json, "at_commands") == 11);  // at once
  // The payload after the last command moved bytes only: saved within the period.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (field(json, "files_uploaded_bytes") != 4 && std::chrono::steady_clock::now() < deadline)
    json = sim.stats_json();
  CHECK(field(json, "FTPLIST") == 2);
  CHECK(field(json, "FTPGET") == 1);
  CHECK(field(json, "FTPRECV") == 3);
  CHECK(field(json, "FTPPUT") == 1);
  CHECK(field(json, "FTPOPEN") == 1);
  CHECK(field(json, "E0") == 1);
  CHECK(field(json, "at_commands") == 11);
  CHECK(field(json, "ftp_sessions") == 1);
  CHECK(field(json, "files_downloaded_bytes") == 7000);
  CHECK(field(json, "files_uploaded_bytes") == 4);
  CHECK(field(json, "serial_bytes_from_host") == host.bytes_sent());
  CHECK(field(json, "serial_bytes_to_host") == host.bytes_received());
}
