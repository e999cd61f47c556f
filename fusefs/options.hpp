// The mount's configuration from the command line or /etc/fstab (libfuse-style -o options):
// a plain struct of config only, and the parser that also keeps what libfuse itself must see.
// Defaults are the layers' own (session_defaults, cache_defaults, ...), never repeated here.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include <fuse_opt.h>

#include "core/dialect/dialect.hpp"
#include "core/dialect/families.hpp"
#include "core/link/serial_link.hpp"
#include "core/session/session_defaults.hpp"
#include "core/vfs/cache_defaults.hpp"

namespace mfs::fusefs {

struct MountOptions {
  std::string device;                    // DEVICE: the modem's AT port (absolute path)
  std::filesystem::path simulate_root;   // --simulate DIR (absolute); empty: a real modem
  std::filesystem::path mountpoint;      // absolute, as libfuse resolved it

  std::string host;                      // required unless --simulate
  std::uint16_t port = dialect::FtpServer{}.port;
  std::string user = dialect::FtpServer{}.user;
  std::string password;                  // from passfile= (or password=); never logged

  std::string apn;                       // empty: the modem's default PDP context
  std::string apn_user;
  std::string apn_password;              // from apn_passfile=

  std::string modem{dialect::automatic_family};  // or a family's name (dialect/families.hpp)
  std::string sim_dialect;               // --simulate: the simulated module (a family's name)
  unsigned baud = link::default_baud;
  bool crtscts = false;
  std::string transfer = "auto";         // auto|stream|chunked: which transfer path files take

  std::chrono::seconds dir_cache_ttl = vfs::default_dir_cache_ttl;
  std::filesystem::path cache_dir;       // default: per device+host under ~/.cache/modemftpfs
  std::uint64_t cache_size = vfs::default_disk_cache_bytes;      // on-disk block cache
  std::uint64_t memory_cache = vfs::default_memory_cache_bytes;  // in-memory block cache
  std::size_t block_size = vfs::default_block_size;
  std::chrono::seconds keepalive = session::default_keepalive_interval;
  unsigned retries = session::default_retries;  // reconnect-and-retry per request
  // Before the first retry, doubled after each.
  std::chrono::milliseconds retry_backoff = session::default_retry_backoff;
  std::chrono::seconds timeout = session::default_request_timeout;  // a request, end to end
  // CSQ, CREG, CEREG while idle; 0 = never.
  std::chrono::seconds radio_poll = session::default_radio_poll_interval;
  bool secure = false;  // encrypted FTP session (dialect::Family::has_secure_mode)
  std::uint64_t data_budget = 0;                   // payload bytes per period; 0: none
  unsigned data_budget_day = 1;                    // the day of the month a period starts

  bool debug = false;                    // -o debug or -d: spdlog trace for "at", debug others

  // libfuse's own command-line switches, as fuse_parse_cmdline reported them.
  bool foreground = false;               // -f (also implied by debug)
  bool single_thread = false;            // -s
  bool clone_fd = false;
  unsigned max_idle_threads = 0;
  unsigned max_threads = 0;

  bool simulated() const { return !simulate_root.empty(); }
};

// Owns a fuse_args vector: the arguments libfuse still has to see (for fuse_new).
class FuseArgs {
 public:
  FuseArgs() = default;
  FuseArgs(FuseArgs&& other) noexcept;
  FuseArgs& operator=(FuseArgs&& other) noexcept;
  FuseArgs(const FuseArgs&) = delete;
  FuseArgs& operator=(const FuseArgs&) = delete;
  ~FuseArgs();

  fuse_args* get() { return &args_; }

 private:
  fuse_args args_ = FUSE_ARGS_INIT(0, nullptr);
};

struct CommandLine {
  MountOptions options;
  FuseArgs fuse_args;
  std::optional<int> exit_now;  // set for --help, --version and errors (already on stderr)
};

// Parses argv. A `password=` value is overwritten in argv itself so `ps` stops showing it.
CommandLine parse_options(int argc, char* argv[]);

}  // namespace mfs::fusefs
