// The soak (issue 4; tag [.soak], so ctest skips it; bench/soak.sh runs it): a mixed workload
// (uploads, downloads, listings, renames, mkdirs) under the simulator's seeded random faults
// until at least MFS_SOAK_FAULTS (200) were injected, then the remote tree must be identical
// to what was written. An operation that fails (EIO after the retry budget) is repeated until
// it succeeds; how often that happened is part of the figures.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <set>
#include <thread>

#include "fault_workload.hpp"

namespace mfs::faults {
namespace {

std::uint64_t env_number(const char* name, std::uint64_t fallback) {
  const char* value = std::getenv(name);
  return value && *value ? std::strtoull(value, nullptr, 10) : fallback;
}

struct SoakFigures {
  std::uint64_t operations = 0;
  std::uint64_t failed_attempts = 0;  // attempts that returned an errno before one succeeded
  std::uint64_t bytes_up = 0;
  std::uint64_t bytes_down = 0;
};

// Runs `command` until it exits 0 (at most 20 attempts); counts the failed ones.
void until_ok(const std::string& command, SoakFigures& figures) {
  ++figures.operations;
  for (int attempt = 0; attempt < 20; ++attempt) {
    const auto r = e2e::run(command);
    if (r.status == 0) return;
    ++figures.failed_attempts;
    UNSCOPED_INFO("attempt " << attempt + 1 << " of " << command << ": " << r.output);
  }
  FAIL("never succeeded: " << command);
}

}  // namespace

TEST_CASE("soak: a mixed workload under random faults loses nothing", "[.soak]") {
  using Clock = std::chrono::steady_clock;
  const std::uint64_t wanted_faults = env_number("MFS_SOAK_FAULTS", 200);
  const std::string seed = std::to_string(env_number("MFS_SOAK_SEED", 7));
  const std::string probability = std::getenv("MFS_SOAK_P") ? std::getenv("MFS_SOAK_P") : "0.01";
  // A stall costs the dialect's own command timeout (30 to 120 s) each: the matrix covers it.
  const std::string kinds = std::getenv("MFS_SOAK_KINDS") ? std::getenv("MFS_SOAK_KINDS")
                                                          : "drop+bearer-lost+reboot+vanish+error+cme";
  auto settings = fault_settings(",retries=5,retry_backoff=100,timeout=60,keepalive=0,dir_cache_ttl=2",
                                 "random=" + probability + ":" + kinds);
  settings.sim_args.insert(settings.sim_args.end(), {"--seed", seed});
  e2e::MountFixture mount(settings);
  const auto& mnt = mount.mnt();
  const auto expected = mount.scratch() / "expected";
  e2e::fs::create_directories(expected);
  SoakFigures figures;
  std::set<std::string> present;  // top-level files, to download from
  const auto started = Clock::now();
  for (std::uint64_t i = 0; faults_injected(mount) < wanted_faults; ++i) {
    const std::string name = "f" + std::to_string(i % 12) + ".bin";
    const std::string bytes = e2e::random_bytes(1 + (i * 7919) % 150'000, static_cast<unsigned>(i));
    const auto source = mount.scratch() / "source.bin";
    e2e::write_file(source, bytes);
    until_ok("cp " + e2e::q(source) + " " + e2e::q(mnt / name), figures);
    e2e::write_file(expected / name, bytes);
    figures.bytes_up += bytes.size();

    present.insert(name);
    auto pick = present.begin();
    std::advance(pick, static_cast<long>((i * 5) % present.size()));
    const std::string other = *pick;
    const auto got = mount.scratch() / "got.bin";
    until_ok("{ cat " + e2e::q(mnt / other) + " > " + e2e::q(got) + "; } && cmp -s " +
                 e2e::q(got) + " " + e2e::q(expected / other),
             figures);
    figures.bytes_down += e2e::fs::file_size(expected / other);

    if (i % 4 == 3) {
      const std::string dir = "d" + std::to_string(i);
      until_ok("mkdir -p " + e2e::q(mnt / dir), figures);
      e2e::fs::create_directory(expected / dir);
      const std::string moved = dir + "/" + name;
      until_ok("mv " + e2e::q(mnt / name) + " " + e2e::q(mnt / moved), figures);
      e2e::fs::rename(expected / name, expected / moved);
      present.erase(name);
      until_ok("ls -la " + e2e::q(mnt / dir) + " | grep -q " + name, figures);
    }
  }
  const auto elapsed = std::chrono::duration<double>(Clock::now() - started).count();
  const bool identical = tree_digest(mount.remote()) == tree_digest(expected);
  std::cout << "soak: seed " << seed << ", random=" << probability << ":" << kinds << ": "
            << faults_injected(mount) << " faults injected in " << elapsed << " s, "
            << figures.operations << " operations, " << figures.failed_attempts
            << " failed attempts (errno) repeated, " << figures.bytes_up << " bytes up, "
            << figures.bytes_down << " bytes down, tree identical: " << (identical ? "yes" : "NO")
            << "\n";
  std::cout << "simulator stats: " << e2e::read_file(mount.remote().parent_path() / "stats.json")
            << "\n";
  INFO("modemftpfs log tail:\n" << mount.fs_log().substr(mount.fs_log().size() > 4000 ? mount.fs_log().size() - 4000 : 0));
  CHECK(identical);
}

}  // namespace mfs::faults
