// The --faults grammar and the fault plan on their own (no I/O): what parses, what is refused,
// when each rule fires, and that random faults follow the seed.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "sim/fault_plan.hpp"

using namespace mfs::sim;

namespace {

std::vector<FaultRule> parse(const std::string& spec) {
  std::string error;
  auto rules = parse_fault_spec(spec, error);
  INFO(error);
  REQUIRE(rules);
  return *rules;
}

}  // namespace

TEST_CASE("fault spec: each rule form and its defaults", "[sim]") {
  auto rules = parse("drop-download@300000,drop-upload@5,reboot@FTPGET#2,vanish@7:250,"
                     "cme@12:2012,error@ftpmkd,bearer-lost@FTPLIST:900,stall@FTPNOOP,drop=0.25,"
                     "random=0.1:reboot+stall,random=1");
  REQUIRE(rules.size() == 11);
  CHECK(rules[0].when == FaultRule::When::download_byte);
  CHECK(rules[0].byte == 300000);
  CHECK(rules[1].when == FaultRule::When::upload_byte);
  CHECK(rules[2].fault.kind == FaultKind::reboot);
  CHECK(rules[2].fault.duration == std::chrono::milliseconds(1000));
  CHECK(rules[2].command.name == "FTPGET");
  CHECK(rules[2].command.occurrence == 2);
  CHECK(rules[3].command.index == 7);
  CHECK(rules[3].fault.duration == std::chrono::milliseconds(250));
  CHECK(rules[4].fault.cme_code == 2012);
  CHECK(rules[5].command.name == "FTPMKD");  // names match upper case, as --stats spells them
  CHECK(rules[6].fault.kind == FaultKind::bearer_lost);
  CHECK(rules[6].fault.duration == std::chrono::milliseconds(900));
  CHECK(rules[7].fault.kind == FaultKind::stall);
  CHECK(rules[8].when == FaultRule::When::random);
  CHECK(rules[8].probability == 0.25);
  CHECK(rules[8].kinds == std::vector<FaultKind>{FaultKind::drop});
  CHECK(rules[9].kinds == std::vector<FaultKind>{FaultKind::reboot, FaultKind::stall});
  CHECK(rules[10].kinds.size() == 7);
  CHECK(parse("").empty());
}

TEST_CASE("fault spec: reboot-download@N[:MS] reboots mid-transfer", "[sim]") {
  auto rules = parse("reboot-download@5000,reboot-download@7:250");
  REQUIRE(rules.size() == 2);
  CHECK(rules[0].when == FaultRule::When::download_byte);
  CHECK(rules[0].byte == 5000);
  CHECK(rules[0].fault.kind == FaultKind::reboot);
  CHECK(rules[0].fault.mid_transfer);
  CHECK(rules[0].fault.duration == std::chrono::milliseconds(1000));
  CHECK(rules[1].fault.duration == std::chrono::milliseconds(250));
  std::string error;
  CHECK_FALSE(parse_fault_spec("reboot-download@0", error));
  CHECK_FALSE(parse_fault_spec("reboot-download@9:x", error));
}

TEST_CASE("fault spec: malformed rules are refused by name", "[sim]") {
  auto bad = GENERATE(as<std::string>{}, "drop", "explode@3", "error@0", "error@FTPGET#0",
                      "error@FTPGET#", "error@", "drop=1.5", "drop=-0.1", "drop=x",
                      "reboot@3:soon", "error@3:5", "drop-download@0", "drop-upload@x",
                      "random=0.5:reboot+", "random=0.5:nap", "drop@1,,error@2");
  std::string error;
  CHECK_FALSE(parse_fault_spec(bad, error));
  CHECK(error.starts_with("bad fault rule '"));
}

TEST_CASE("fault plan: one-shot rules fire once at their command, and are counted", "[sim]") {
  SimStats stats;
  FaultPlan plan(parse("error@3,cme@FTPMKD#2:13,reboot@FTPGET"), 1, stats);
  CHECK_FALSE(plan.on_command("AT", false, false));
  CHECK_FALSE(plan.on_command("FTPMKD", true, true));
  auto third = plan.on_command("FTPMKD", true, true);  // command 3 and the second FTPMKD
  REQUIRE(third);
  CHECK(third->kind == FaultKind::error);  // the first matching rule wins
  CHECK_FALSE(plan.on_command("FTPMKD", true, true));
  CHECK_FALSE(plan.device_fault_pending());
  auto reboot = plan.on_command("FTPGET", true, true);
  REQUIRE(reboot);
  CHECK(plan.device_fault_pending());
  CHECK(plan.take_device_fault()->kind == FaultKind::reboot);
  CHECK_FALSE(plan.device_fault_pending());
  CHECK_FALSE(plan.on_command("FTPGET", true, true));
  CHECK(stats.faults == std::map<std::string, std::uint64_t>{{"error", 1}, {"reboot", 1}});
}

TEST_CASE("fault plan: transfer drops arm one transfer after another", "[sim]") {
  SimStats stats;
  FaultPlan plan(parse("drop-download@100,drop-download@50,drop-upload@7"), 1, stats);
  CHECK(plan.download_room(0) == 100);
  CHECK(plan.download_room(60) == 40);
  plan.download_dropped();
  CHECK(plan.download_room(0) == 50);
  plan.download_dropped();
  CHECK(plan.download_room(0) == FaultPlan::no_limit);
  CHECK(plan.upload_room(7) == 0);
  plan.upload_dropped();
  CHECK(plan.upload_room(7) == FaultPlan::no_limit);
  CHECK(stats.faults["drop"] == 3);
}

TEST_CASE("fault plan: vanish-upload@N[:MS] vanishes the device at byte N, once", "[sim]") {
  SimStats stats;
  FaultPlan plan(parse("vanish-upload@7:250,drop-upload@9"), 1, stats);
  CHECK(plan.upload_room(0) == 9);  // a vanish is no drop
  plan.upload_reached(6);
  CHECK_FALSE(plan.device_fault_pending());
  plan.upload_reached(7);
  REQUIRE(plan.device_fault_pending());
  const auto fault = plan.take_device_fault();
  CHECK(fault->kind == FaultKind::vanish);
  CHECK(fault->duration == std::chrono::milliseconds(250));
  plan.upload_reached(7);
  CHECK_FALSE(plan.device_fault_pending());
  CHECK(stats.faults["vanish"] == 1);
  CHECK(parse("vanish-upload@5")[0].when == FaultRule::When::upload_vanish_byte);
}

namespace {

// The faults a plan injects over a fixed sequence of FTP exchanges, as text.
std::string random_faults(unsigned seed, const std::string& spec) {
  SimStats stats;
  FaultPlan plan(parse(spec), seed, stats);
  std::string out;
  for (int i = 0; i < 400; ++i) {
    auto fault = plan.on_command(i % 3 ? "FTPRECV" : "FTPLIST", true, i % 5 != 0);
    out += fault ? std::string(fault_name(fault->kind)) : ".";
    plan.take_device_fault();
  }
  return out;
}

}  // namespace

TEST_CASE("fault plan: random faults follow the seed", "[sim]") {
  const std::string spec = "random=0.2";
  std::string first = random_faults(42, spec);
  CHECK(random_faults(42, spec) == first);
  CHECK(random_faults(43, spec) != first);
  for (auto kind : {"drop", "bearer-lost", "reboot", "vanish", "error", "cme", "stall"})
    CHECK(first.find(kind) != std::string::npos);
  auto dots = static_cast<double>(std::count(first.begin(), first.end(), '.'));
  CHECK(dots > 400 * 0.6);  // about 80 of 400 are faults
  CHECK(dots < 400 * 0.95);
}

TEST_CASE("fault plan: random faults strike only FTP exchanges, drops only open sessions",
          "[sim]") {
  SimStats stats;
  FaultPlan plan(parse("drop=1,error=1"), 3, stats);
  CHECK_FALSE(plan.on_command("AT", false, true));
  CHECK(plan.on_command("FTPNOOP", true, true)->kind == FaultKind::drop);
  CHECK(plan.on_command("FTPOPEN", true, false)->kind == FaultKind::error);
}

TEST_CASE("fault plan: KIND=P keeps its ARG, random=P uses each kind's defaults", "[sim]") {
  SimStats stats;
  FaultPlan own(parse("reboot=1:50"), 3, stats);
  CHECK(own.on_command("FTPNOOP", true, true)->duration == std::chrono::milliseconds(50));
  FaultPlan mixed(parse("random=1:reboot"), 3, stats);
  CHECK(mixed.on_command("FTPNOOP", true, true)->duration == std::chrono::milliseconds(1000));
}
