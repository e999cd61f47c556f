// MountOptions -> SessionConfig, FsConfig, SimConfig, and the cache directory on disk.
#include "fusefs/layer_config.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <system_error>

#include <fmt/format.h>

namespace mfs::fusefs {
session::SessionConfig session_config(const MountOptions& options, const std::string& device) {
  session::SessionConfig config;
  config.serial.device = device;
  config.serial.baud = options.baud;
  config.serial.rtscts = options.crtscts;
  config.bearer.apn = options.apn;
  config.bearer.user = options.apn_user;
  config.bearer.password = options.apn_password;
  config.server.host = options.host;
  config.server.port = options.port;
  config.server.user = options.user;
  config.server.password = options.password;
  config.server.secure = options.secure;
  config.modem = options.modem;
  config.keepalive_interval = options.keepalive;  // 0: the session never sends one
  config.transfer = options.transfer == "stream"    ? session::TransferPath::stream
                    : options.transfer == "chunked" ? session::TransferPath::chunked
                                                    : session::TransferPath::automatic;
  config.retries = static_cast<int>(options.retries);
  config.retry_backoff = options.retry_backoff;
  config.request_timeout = options.timeout;
  config.radio_poll_interval = options.radio_poll;
  config.usage_file = options.cache_dir / "data_usage.json";
  config.data_budget.bytes = options.data_budget;
  config.data_budget.start_day = static_cast<int>(options.data_budget_day);
  return config;
}

vfs::FsConfig fs_config(const MountOptions& options) {
  vfs::FsConfig config;
  config.dir_cache_ttl = options.dir_cache_ttl;
  config.cache_dir = options.cache_dir;
  config.memory_cache_bytes = options.memory_cache;
  config.disk_cache_bytes = options.cache_size;
  config.block_size = options.block_size;
  return config;
}

sim::SimConfig sim_config(const MountOptions& options) {
  sim::SimConfig config;
  config.dialect = options.sim_dialect;
  config.root = options.simulate_root;
  config.user = options.user;
  config.password = options.password;
  return config;
}

std::string prepare_cache_dir(const MountOptions& options) {
  // Only a directory we create gets mode 0700; a cache_dir= the user chose is left as it is.
  std::error_code error;
  std::filesystem::create_directories(options.cache_dir.parent_path(), error);
  if (!error && ::mkdir(options.cache_dir.c_str(), S_IRWXU) != 0 && errno != EEXIST)
    error = std::error_code(errno, std::generic_category());
  if (!error) return {};
  return fmt::format("cannot create the cache directory {}: {}", options.cache_dir.string(),
                     error.message());
}

}  // namespace mfs::fusefs
