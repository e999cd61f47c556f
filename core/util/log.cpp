// Loggers share one sink so lines from all layers interleave in order. It forwards to stderr,
// or to syslog once the daemon has dropped its terminal.
#include "core/util/log.hpp"

#include <mutex>

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/syslog_sink.h>
#include <syslog.h>

namespace mfs::log {
namespace {

std::mutex registry_mu;
spdlog::level::level_enum current_level = spdlog::level::warn;

// Retargeting happens under the sink's own lock, so a thread logging meanwhile is safe.
class ForwardingSink : public spdlog::sinks::base_sink<std::mutex> {
 public:
  void retarget(std::shared_ptr<spdlog::sinks::sink> target) {
    std::lock_guard lock(mutex_);
    target_ = std::move(target);
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override { target_->log(msg); }
  void flush_() override { target_->flush(); }

 private:
  std::shared_ptr<spdlog::sinks::sink> target_ =
      std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
};

std::shared_ptr<ForwardingSink> shared_sink() {
  static auto sink = std::make_shared<ForwardingSink>();
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

void send_to_syslog(const std::string& ident) {
  shared_sink()->retarget(
      std::make_shared<spdlog::sinks::syslog_sink_mt>(ident, LOG_PID, LOG_DAEMON, false));
}

void set_level(spdlog::level::level_enum level) {
  std::lock_guard lock(registry_mu);
  current_level = level;
  spdlog::set_level(level);
}

}  // namespace mfs::log
