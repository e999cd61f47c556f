// device_holders over a real pty held open by other processes: who holds it, under which name,
// and which holders keep modemftpfs off (port probers, another modemftpfs) and which do not
// (socat holding its end of a pty bridged to the network).
#include <catch2/catch.hpp>

#include "core/link/device_holders.hpp"
#include "tests/at/holding_process.hpp"
#include "tests/at/scripted_modem.hpp"

using mfs::link::HolderKind;

TEST_CASE("link: holders are told apart by name", "[at]") {
  using Row = std::tuple<std::string, HolderKind>;
  const auto [name, kind] = GENERATE(table<std::string, HolderKind>({
      Row{"ModemManager", HolderKind::port_prober},
      Row{"gpsd", HolderKind::port_prober},
      Row{"modemftpfs", HolderKind::modemftpfs},
      Row{"socat", HolderKind::other},
      Row{"minicom", HolderKind::other},
      Row{"", HolderKind::other},
  }));
  INFO(name);
  CHECK(mfs::link::holder_kind(name) == kind);
}

TEST_CASE("link: the holders of a pty are found with their name and pid", "[at]") {
  mfs::test::ScriptedModem modem;
  const auto path = mfs::link::resolve_device_path(modem.slave_path());
  CHECK(mfs::link::other_holders(path).empty());  // the test itself does not count

  mfs::test::HoldingProcess bridge(modem.slave_path(), "socat");
  auto holders = mfs::link::other_holders(path);
  REQUIRE(holders.size() == 1);
  CHECK(holders.front().pid == bridge.pid());
  CHECK(holders.front().name == "socat");
  CHECK_FALSE(mfs::link::blocking_holder(holders));

  mfs::test::HoldingProcess earlier(modem.slave_path(), "modemftpfs");
  holders = mfs::link::other_holders(path);
  REQUIRE(holders.size() == 2);
  const auto blocking = mfs::link::blocking_holder(holders);
  REQUIRE(blocking);
  CHECK(blocking->pid == earlier.pid());
  CHECK(mfs::link::describe(*blocking) ==
        "an earlier modemftpfs (pid " + std::to_string(earlier.pid()) + ")");
}
