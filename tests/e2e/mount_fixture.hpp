// End-to-end fixture: a real mount of modemftpfs over the modem simulator, each in its own
// child process, with a scratch area for local copies and the simulator's command counters.
// Teardown always unmounts (fusermount3 -u, then -uz) and reaps both children.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "real_server.hpp"

namespace mfs::e2e {

namespace fs = std::filesystem;

struct MountSettings {
  std::chrono::seconds dir_cache_ttl{30};
  std::string extra_options;  // appended to -o, e.g. ",memory_cache=1M"
  std::vector<std::string> sim_args = {};  // appended to modem-sim's arguments, e.g. --faults RULES
};

class MountFixture {
 public:
  // Files put into remote() before the first listing of their directory are simply there.
  explicit MountFixture(MountSettings settings = {});
  ~MountFixture();
  MountFixture(const MountFixture&) = delete;
  MountFixture& operator=(const MountFixture&) = delete;

  const fs::path& remote() const { return remote_; }    // the FTP server's tree on disk
  const fs::path& mnt() const { return mnt_; }          // the mountpoint
  const fs::path& scratch() const { return scratch_; }  // local files to compare against
  const fs::path& cache() const { return cache_; }      // the cache_dir every mount shares

  // The simulator's per-command counters ("FTPLIST", "FTPGET", ...), read from its stats file.
  std::uint64_t count(const std::string& command) const;
  std::uint64_t at_commands() const;
  // The modem family modem-sim plays and modemftpfs is forced to (modem=): variant_dialect(),
  // l610 by default. Tests that count commands expect that family's costs.
  const std::string& dialect() const { return dialect_; }

  std::string fs_log() const;  // what modemftpfs printed, for failure messages
  // The real server behind modem-sim (variant_setting("server")), or null for the directory store.
  const RealServer* server() const { return server_.get(); }

  // SIGKILL for modemftpfs (nothing of it runs on: no unmount, no cleanup), then the stale
  // mount is detached and a new modemftpfs mounts with `settings` and the same cache_dir.
  void kill_and_remount(const MountSettings& settings);
  // The two halves of it, for a test that must stop its own users of the mount in between:
  // after kill_filesystem() the mount stays attached but dead (every access fails with
  // ENOTCONN), so nothing reaches the next mount by accident; remount() detaches it and
  // starts modemftpfs again, and says whether it came up (false is not a test failure).
  void kill_filesystem();
  bool remount(const MountSettings& settings);

  // Ends modemftpfs with fusermount3 -u (signal 0) or by sending it `signal`, and waits up to
  // `limit` for the process to exit: how long it took after the unmount or the signal, or
  // nullopt when it was still running (it is killed then). The mount is gone afterwards.
  std::optional<std::chrono::milliseconds> stop_filesystem(int signal, std::chrono::seconds limit);

 private:
  void start_simulator();
  bool start_filesystem(const MountSettings& settings);
  void unmount();

  fs::path root_;
  fs::path remote_, mnt_, scratch_, cache_, link_, stats_, passfile_;
  std::string dialect_;
  std::vector<std::string> sim_args_;
  std::unique_ptr<RealServer> server_;  // server=pure-ftpd|pyftpdlib; else none
  pid_t sim_pid_ = -1;
  pid_t fs_pid_ = -1;
  bool mounted_ = false;
};

struct RunResult {
  int status = -1;     // the shell's exit status
  std::string output;  // stdout and stderr together
};

// A setting of the suite's variant (tests/e2e/CMakeLists.txt): "dialect", "server", "quirks" or
// "transfer", from MFS_E2E_VARIANT ("dialect=sim7000 quirks=strict": ctest sets one variable
// per test, so a variant's settings share it), else "" (the default: an L610 over the
// simulator's own directory, no quirk, -o transfer=auto).
std::string variant_setting(const std::string& key);
// The modem family under test: variant_setting("dialect"), "l610" when unset.
std::string variant_dialect();

// Runs `command` with /bin/sh, as a user would type it.
RunResult run(const std::string& command);

// Deterministic pseudo-random bytes (a fresh generator per seed).
std::string random_bytes(std::size_t size, unsigned seed);

void write_file(const fs::path& path, const std::string& bytes);
std::string read_file(const fs::path& path);

// Shell-quotes a path for run().
std::string q(const fs::path& path);

}  // namespace mfs::e2e
