// The modem simulator's entry point: a pty whose slave is reachable at `link_path`, answering
// the modem wire of PROTOCOL.md over it and serving `root` as the FTP server's tree.
// Used by the modem-sim binary and by `modemftpfs --simulate` (in a child process).
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <set>
#include <string>

#include "sim/link_model.hpp"

namespace mfs::sim {

// Tolerated wire variations (PROTOCOL.md section 1) the simulator can produce for tests.
enum class Quirk {
  echo,               // echo every command line before its response (as before ATE0)
  no_space,           // "+X:1" instead of "+X: 1"
  lf_only,            // bare "\n" line ends
  empty_lines,        // extra empty lines between responses
  result_before_ok,   // async commands send their result URC before OK (OK first is the default)
  noise_urcs,         // +CSQ/+CREG/+CEREG/RING noise between lines (seeded)
  no_reply_echo,      // L610: AT+FTPINFO=1 answers OK but no +FTPINFO line ever follows
  pyftpdlib_list,     // the store lists as pyftpdlib: dotfiles always, "LIST -a <path>" a path
  strict,             // SIM7000, seed 004 to the letter: "+X: 1,0" right after the read that took
                      // the last byte, a read after it refused (+CME ERROR: 3), and LIST on a
                      // GETPATH naming a file refused (CWD there first, result 77)
  confirms_cut_streams,  // SIM7000: an FTPETPUT stream cut short (drop-upload@N: bytes lost
                         // between host and server) still ends with "+FTPETPUT: 1,0"
};

struct SimConfig {
  std::string dialect;               // a simulated family (simulated_families); "": the first
  std::filesystem::path root;        // the FTP server's tree; nothing outside it is reachable
  std::string ftp_url;               // ftp://USER@HOST:PORT: a real server instead of root
  std::filesystem::path link_path;   // symlink created to the pty slave
  std::filesystem::path stats_path;  // JSON counters kept current; empty: none
  std::string user = "demo";         // accepted FTP credentials; empty user: any login accepted
  std::string password = "demo";
  std::set<Quirk> quirks;
  unsigned seed = 1;                 // every random choice derives from it
  // Unread data left this long in the download buffer closes the session (PROTOCOL.md 2, step 7).
  std::chrono::milliseconds unread_timeout{120'000};
  LinkParams link;                   // serial rate, latency, cellular RTT/bandwidth; none by default
  std::string faults;                // --faults spec (sim/fault_spec.hpp); empty: none
};

// Runs until `stop_requested()` returns true (checked at least every 100 ms) or SIGTERM/SIGINT
// arrives. Calls `on_ready` once the link symlink exists. Returns a process exit code.
int run_simulator(const SimConfig& config, const std::function<void()>& on_ready,
                  const std::function<bool()>& stop_requested);

}  // namespace mfs::sim
