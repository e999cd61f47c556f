// What the session tests share: a ModemSession started on a SimHarness (demo/demo, a short
// request timeout), and an upload source over bytes held in memory.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <string>

#include "core/session/session.hpp"
#include "tests/sim/sim_harness.hpp"

namespace mfs::test {

using session::Session;
using session::TransferPath;

inline std::unique_ptr<Session> start_on(const sim::test::SimHarness& sim,
                                         TransferPath transfer = TransferPath::automatic,
                                         std::string modem = "l610") {
  session::SessionConfig config;
  config.modem = std::move(modem);
  config.serial.device = sim.link().string();
  config.server = {"127.0.0.1", 21, "demo", "demo"};
  config.request_timeout = std::chrono::seconds(20);
  config.transfer = transfer;
  auto session = Session::start(config);
  REQUIRE(session);
  return std::move(session).value();
}

class MemorySource : public dialect::UploadSource {
 public:
  explicit MemorySource(std::string bytes) : bytes_(std::move(bytes)) {}
  std::uint64_t size() const override { return bytes_.size(); }
  result<std::size_t> read_at(std::uint64_t offset, std::span<char> out) override {
    const auto n = std::min<std::uint64_t>(out.size(), bytes_.size() - offset);
    std::copy_n(bytes_.data() + offset, n, out.data());
    return static_cast<std::size_t>(n);
  }

 private:
  std::string bytes_;
};

}  // namespace mfs::test
