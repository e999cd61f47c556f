// -o secure: the L610 logs in with FTPOPEN's <sftpmode> 1; a SIM7000, whose FTP client has no
// encrypted mode, fails the mount with the reason rather than logging in in clear.
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cstdlib>

#include "mount_fixture.hpp"

using namespace mfs::e2e;

namespace {

bool fixture_plays_sim7000() { return variant_dialect() == "sim7000"; }

}  // namespace

TEST_CASE("secure mounts open the L610's FTP session with sftpmode 1", "[e2e]") {
  if (fixture_plays_sim7000()) return;  // the next case covers that family
  MountSettings settings;
  settings.extra_options = ",secure";
  MountFixture fx(settings);
  write_file(fx.remote() / "f", "data");
  CHECK(read_file(fx.mnt() / "f") == "data");
  CHECK(fx.count("ftp_sessions_secure") == fx.count("ftp_sessions"));
  CHECK(fx.count("ftp_sessions_secure") >= 1);
}

TEST_CASE("without secure the L610 logs in as before", "[e2e]") {
  if (fixture_plays_sim7000()) return;
  MountFixture fx;
  CHECK(fx.count("ftp_sessions") >= 1);
  CHECK(fx.count("ftp_sessions_secure") == 0);
}

TEST_CASE("a secure mount of a SIM7000 fails with the reason", "[e2e]") {
  const fs::path root = fs::temp_directory_path() / ("mfs-secure-" + std::to_string(::getpid()));
  fs::create_directories(root / "remote");
  fs::create_directories(root / "mnt");
  const RunResult start = run(MFS_BINARY_DIR "/fusefs/modemftpfs --simulate " + q(root / "remote") +
                              " " + q(root / "mnt") + " -o secure,sim_dialect=sim7000,modem=sim7000" +
                              ",cache_dir=" + q(root / "cache"));
  const bool mounted = run("mountpoint -q " + q(root / "mnt")).status == 0;
  if (mounted) run("fusermount3 -u " + q(root / "mnt"));
  std::error_code ignored;
  fs::remove_all(root, ignored);
  INFO(start.output);
  CHECK(start.status == 1);
  CHECK_FALSE(mounted);
  CHECK_THAT(start.output, Catch::Matchers::Contains("-o secure: the modem") &&
                               Catch::Matchers::Contains("has no encrypted FTP mode"));
}
