// modem-sim: runs the modem simulator on a pty until SIGTERM/SIGINT (see --help).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>

#include "sim/fault_spec.hpp"
#include "sim/simulated_families.hpp"
#include "sim/simulator.hpp"

namespace {

using mfs::sim::Quirk;
using mfs::sim::SimConfig;

std::string usage() {
  const std::string dialects = mfs::sim::simulated_family_names();
  return "usage: modem-sim --dialect " + dialects + " --root DIR --link PATH [--stats FILE]\n"
    "                 [--user U --password-file F | --any-login]\n"
    "       modem-sim --dialect " + dialects + " --ftp ftp://USER@HOST:PORT [--password-file F]\n"
    "                 --link PATH [other options as above]\n"
    "                 [--quirks echo,no_space,lf_only,empty_lines,result_before_ok,noise_urcs,\n"
    "                           no_reply_echo,pyftpdlib_list,strict,confirms_cut_streams]\n"
    "                 [--seed N] [--unread-timeout-ms N]\n"
    "                 [--baud N] [--cmd-latency-ms N] [--rtt-ms N] [--bandwidth N]\n"
    "                 [--faults SPEC]\n"
    "Serves DIR as the FTP server behind a simulated modem whose serial port is PATH\n"
    "(a symlink to a pty). Without --user/--any-login the login is demo/demo.\n"
    "--dialect picks the module (the first below when not given):\n" +
    mfs::sim::simulated_family_help() +
    "Prints \"READY <PATH>\" on stdout once PATH exists.\n"
    "--ftp relays the modem's FTP session to that real server instead of serving DIR: the\n"
    "modem's FTPOPEN logs in as USER with the password from --password-file, else from the\n"
    "environment variable MODEM_SIM_FTP_PASSWORD (never on the command line); the host,\n"
    "user and password given to FTPOPEN are not used. Reply lines and LIST bytes pass through.\n"
    "Link model (default: none, everything as fast as the pty goes):\n"
    "  --baud N            serial line rate: N/10 bytes per second in each direction\n"
    "  --cmd-latency-ms N  module processing time before each AT command's response starts\n"
    "  --rtt-ms N          cellular round trip before each FTP exchange's result URC\n"
    "  --bandwidth N       cellular bytes/s of FTP data (download buffer fill, upload drain,\n"
    "                      listings); FTPRETR/FTPSTOR streams run at the serial rate\n";
}

bool parse_quirks(const std::string& list, SimConfig& config) {
  static const std::map<std::string, Quirk> names = {
      {"echo", Quirk::echo},         {"no_space", Quirk::no_space},
      {"lf_only", Quirk::lf_only},   {"empty_lines", Quirk::empty_lines},
      {"result_before_ok", Quirk::result_before_ok}, {"noise_urcs", Quirk::noise_urcs},
      {"no_reply_echo", Quirk::no_reply_echo}, {"pyftpdlib_list", Quirk::pyftpdlib_list},
      {"strict", Quirk::strict}, {"confirms_cut_streams", Quirk::confirms_cut_streams}};
  std::istringstream in(list);
  for (std::string name; std::getline(in, name, ',');) {
    auto it = names.find(name);
    if (it == names.end()) return false;
    config.quirks.insert(it->second);
  }
  return true;
}

std::optional<std::string> read_password(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line)) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

bool valid_faults(const std::string& spec, SimConfig& config) {
  std::string error;
  if (!mfs::sim::parse_fault_spec(spec, error)) {
    std::cerr << "modem-sim: --faults: " << error << "\n";
    return false;
  }
  config.faults = spec;
  return true;
}

// Applies one "--flag value" pair; false on an unknown flag or a bad value.
bool apply_option(const std::string& flag, const std::string& value, SimConfig& config) {
  if (flag == "--dialect") config.dialect = value;
  else if (flag == "--root") config.root = value;
  else if (flag == "--ftp") config.ftp_url = value;
  else if (flag == "--link") config.link_path = value;
  else if (flag == "--stats") config.stats_path = value;
  else if (flag == "--user") config.user = value;
  else if (flag == "--quirks") return parse_quirks(value, config);
  else if (flag == "--seed") config.seed = static_cast<unsigned>(std::stoul(value));
  else if (flag == "--unread-timeout-ms") config.unread_timeout = std::chrono::milliseconds(std::stoul(value));
  else if (flag == "--baud") config.link.baud = static_cast<unsigned>(std::stoul(value));
  else if (flag == "--cmd-latency-ms") config.link.command_latency = std::chrono::milliseconds(std::stoul(value));
  else if (flag == "--rtt-ms") config.link.rtt = std::chrono::milliseconds(std::stoul(value));
  else if (flag == "--bandwidth") config.link.bandwidth = std::stoull(value);
  else if (flag == "--faults") return valid_faults(value, config);
  else if (flag == "--password-file") {
    auto password = read_password(value);
    if (!password) return false;
    config.password = *password;
  } else {
    return false;
  }
  return true;
}

std::optional<SimConfig> parse_args(int argc, char** argv) {
  SimConfig config;
  bool has_password_file = false;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (flag == "--any-login") {
      config.user.clear();
      continue;
    }
    if (i + 1 >= argc) return std::nullopt;
    has_password_file = has_password_file || flag == "--password-file";
    try {
      if (!apply_option(flag, argv[++i], config)) return std::nullopt;
    } catch (const std::exception&) {
      return std::nullopt;  // a number that does not parse
    }
  }
  if ((config.root.empty() && config.ftp_url.empty()) || config.link_path.empty())
    return std::nullopt;
  if (!config.ftp_url.empty() && !has_password_file) {
    const char* env = std::getenv("MODEM_SIM_FTP_PASSWORD");
    config.password = env ? env : "";
  }
  return config;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0)) {
    std::cout << usage() << mfs::sim::fault_spec_help;
    return 0;
  }
  auto config = parse_args(argc, argv);
  if (!config) {
    std::cerr << usage();
    return 2;
  }
  auto on_ready = [&] {
    std::printf("READY %s\n", config->link_path.c_str());
    std::fflush(stdout);
  };
  return mfs::sim::run_simulator(*config, on_ready, [] { return false; });
}
