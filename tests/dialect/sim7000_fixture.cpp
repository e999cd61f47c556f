// Sim7000Modem: the SIM7000 simulator on a thread, and the driver opened on its pty.
#include "tests/dialect/sim7000_fixture.hpp"

#include <catch2/catch.hpp>

#include "tests/support/stats_json.hpp"

namespace mfs::dialect::test {

Sim7000Modem::Sim7000Modem(const std::function<void(sim::SimConfig&)>& tweak)
    : sim_([&](sim::SimConfig& config) {
        config.dialect = "sim7000";
        if (tweak) tweak(config);
      }) {
  link_ = std::make_unique<link::SerialLink>(link::SerialConfig{sim_.link().string()});
  REQUIRE(link_->open().has_value());
  engine_ = std::make_unique<at::AtEngine>(*link_);
  modem_ = std::make_unique<Sim7000>(*engine_);
}

void Sim7000Modem::start_and_open() {
  REQUIRE(modem_->start_modem(BearerConfig{"internet", "", ""}).has_value());
  REQUIRE(modem_->open_session(SimModem::server()).has_value());
  REQUIRE(modem_->session_open());
}

std::uint64_t Sim7000Modem::count_of(const std::string& command_key) const {
  return mfs::test::stats_count(sim_.stats_json(), command_key);
}

}  // namespace mfs::dialect::test
