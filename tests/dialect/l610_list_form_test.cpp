// Which LIST form the L610 asks for (issue 12 item 4): "LIST -a <path>" where the server takes
// it, so that dotfiles are listed, and the plain form for the rest of the login where it does
// not (pyftpdlib: the simulator's pyftpdlib_list quirk). Counted in FTPLIST commands.
#include "core/dialect/l610.hpp"

#include <catch2/catch.hpp>

#include "core/ftp/ftp_error.hpp"
#include "tests/dialect/l610_fixture.hpp"

using namespace mfs::dialect;
using namespace mfs::dialect::test;
using mfs::ftp::ftp_errc;
namespace fs = std::filesystem;

namespace {

using Names = std::set<std::pair<std::string, std::uint64_t>>;

void add_tree(const fs::path& root) {
  write_file(root / "top", "t");
  write_file(root / ".top", "tt");
  write_file(root / "sub" / "plain", "p");
  write_file(root / "sub" / ".dot", "dd");
  write_file(root / "my dir" / ".in", "iii");
  write_file(root / "-dash" / ".x", "xxxx");
}

Names listed(SimModem& sim, std::string_view path) {
  auto raw = sim.modem().list(path);
  REQUIRE(raw);
  return names_and_sizes(raw.value());
}

}  // namespace

TEST_CASE("a server that takes LIST -a lists dotfiles at one FTPLIST per listing",
          "[dialect.l610]") {
  SimModem sim;
  add_tree(sim.root());
  sim.start_and_open();
  CHECK(listed(sim, "/sub") == Names{{".dot", 2}, {"plain", 1}});
  CHECK(sim.count_of("FTPLIST") == 1);
  CHECK(listed(sim, "").count({".top", 2}) == 1);
  CHECK(listed(sim, "/").count({".top", 2}) == 1);
  CHECK(listed(sim, "/my dir") == Names{{".in", 3}});  // CWD, then "LIST -a"
  CHECK(listed(sim, "/-dash") == Names{{".x", 4}});    // "-a /-dash": the path stays a path
  CHECK(listed(sim, "/sub/.dot") == Names{{".dot", 2}});  // a hidden file named by its path
  CHECK(sim.count_of("FTPLIST") == 6);

  // Settled: a missing path costs one FTPLIST and reads as missing.
  auto missing = sim.modem().list("/nope");
  REQUIRE(missing.has_error());
  CHECK(missing.error() == ftp_errc::not_found);
  CHECK(sim.count_of("FTPLIST") == 7);
}

TEST_CASE("a missing path does not settle the form: both are asked", "[dialect.l610]") {
  SimModem sim;
  add_tree(sim.root());
  sim.start_and_open();
  CHECK(sim.modem().list("/nope").error() == ftp_errc::not_found);
  CHECK(sim.count_of("FTPLIST") == 2);
  CHECK(listed(sim, "/sub").count({".dot", 2}) == 1);
  CHECK(sim.count_of("FTPLIST") == 3);
}

TEST_CASE("a server that refuses LIST -a <path> gets the plain form until the next login",
          "[dialect.l610]") {
  SimModem sim({mfs::sim::Quirk::pyftpdlib_list});
  add_tree(sim.root());
  sim.start_and_open();
  CHECK(listed(sim, "/sub") == Names{{".dot", 2}, {"plain", 1}});
  CHECK(sim.count_of("FTPLIST") == 2);  // "-a /sub" refused, then "/sub"
  CHECK(listed(sim, "/sub") == Names{{".dot", 2}, {"plain", 1}});
  CHECK(listed(sim, "/").count({".top", 2}) == 1);
  CHECK(sim.count_of("FTPLIST") == 4);

  REQUIRE(sim.modem().close_session());
  REQUIRE(sim.modem().open_session(SimModem::server()));
  CHECK(listed(sim, "/sub").count({".dot", 2}) == 1);
  CHECK(sim.count_of("FTPLIST") == 6);  // asked again after the new login
}
