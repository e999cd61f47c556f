// Loggers share one stderr sink so lines from all layers interleave in order.
#include "core/util/log.hpp"

#include <mutex>

#include <spdlog/sinks/stdout_color_sinks.h>

namespace mfs::log {
namespace {

std::mutex registry_mu;
spdlog::level::level_enum current_level = spdlog::level::warn;

std::shared_ptr<spdlog::sinks::sink> shared_sink() {
  static auto sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  return sink;
}

}  // namespace

std::shared_ptr<spdlog::logger> get(const std::string& layer) {
  std::lock_guard lock(registry_mu);
  if (auto existing = spdlog::get(layer)) return existing;
  auto logger = std::make_shared<spdlog::logger>(layer, shared_sink());
  logger->set_level(current_level);
  spdlog::register_logger(logger);
  return logger;
}

void set_level(spdlog::level::level_enum level) {
  std::lock_guard lock(registry_mu);
  current_level = level;
  spdlog::set_level(level);
}

}  // namespace mfs::log
