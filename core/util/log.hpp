// One named spdlog logger per layer ("at", "session", "vfs", "fusefs", "sim", ...).
#pragma once

#include <memory>
#include <string>

#include <spdlog/spdlog.h>

namespace mfs::log {

// The logger for a layer, created on first use with the process-wide level and sink.
std::shared_ptr<spdlog::logger> get(const std::string& layer);

// Sets the level of every logger, present and future ("trace", "debug", "info", ...).
void set_level(spdlog::level::level_enum level);

// From now on every logger, present and future, writes to syslog (daemon facility) under
// `ident` instead of stderr: a daemon that has dropped its terminal still leaves a record.
void send_to_syslog(const std::string& ident);

}  // namespace mfs::log
