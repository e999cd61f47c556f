// DataCounters (data_counters.hpp).
#include "core/session/data_counters.hpp"

#include <ctime>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/util/log.hpp"

namespace mfs::session {
namespace {

DataUsage usage_from(const nlohmann::json& j) {
  DataUsage u;
  u.payload_down = j.value("payload_down", std::uint64_t{0});
  u.payload_up = j.value("payload_up", std::uint64_t{0});
  u.serial_out = j.value("serial_out", std::uint64_t{0});
  u.serial_in = j.value("serial_in", std::uint64_t{0});
  return u;
}

}  // namespace

std::string DataCounters::period_containing(SystemClock::time_point now, int start_day) {
  const std::time_t t = SystemClock::to_time_t(now);
  std::tm tm{};
  localtime_r(&t, &tm);
  int year = tm.tm_year + 1900;
  int month = tm.tm_mon + 1;
  if (tm.tm_mday < start_day && --month == 0) {
    month = 12;
    --year;
  }
  return fmt::format("{:04}-{:02}-{:02}", year, month, start_day);
}

DataCounters::DataCounters(std::filesystem::path file, DataBudget budget)
    : file_(std::move(file)), budget_(budget) {
  period_start_ = period_containing(SystemClock::now(), budget_.start_day);
  if (file_.empty()) return;
  std::ifstream in(file_);
  std::stringstream text;
  text << in.rdbuf();
  const auto saved = nlohmann::json::parse(text.str(), nullptr, false);
  if (saved.is_object() && saved.value("period_start", std::string()) == period_start_)
    period_ = usage_from(saved);
  check_budget_locked();
}

void DataCounters::roll_over_locked() {
  const std::string now = period_containing(SystemClock::now(), budget_.start_day);
  if (now == period_start_) return;
  log::get("session")->info("data period {} ended: {} bytes of payload", period_start_,
                            period_.payload());
  period_start_ = now;
  period_ = {};
  warned_ = spent_ = false;
}

void DataCounters::check_budget_locked() {
  if (budget_.bytes == 0) return;
  const std::uint64_t used = period_.payload();
  if (!spent_ && used >= budget_.bytes) {
    spent_ = true;
    log::get("session")->warn("data budget spent: {} of {} bytes since {}; transfers over the "
                              "link fail with EDQUOT until the next period",
                              used, budget_.bytes, period_start_);
  } else if (!warned_ && used * 5 >= budget_.bytes * 4) {
    warned_ = true;
    log::get("session")->warn("80 % of the data budget used: {} of {} bytes since {}", used,
                              budget_.bytes, period_start_);
  }
}

void DataCounters::add_payload(bool upload, std::uint64_t bytes) {
  std::lock_guard lock(mu_);
  roll_over_locked();
  (upload ? mount_.payload_up : mount_.payload_down) += bytes;
  (upload ? period_.payload_up : period_.payload_down) += bytes;
  check_budget_locked();
}

void DataCounters::set_serial(std::uint64_t out, std::uint64_t in) {
  std::lock_guard lock(mu_);
  roll_over_locked();
  if (out >= mount_.serial_out) period_.serial_out += out - mount_.serial_out;
  if (in >= mount_.serial_in) period_.serial_in += in - mount_.serial_in;
  mount_.serial_out = out;
  mount_.serial_in = in;
}

DataUsage DataCounters::since_mount() const {
  std::lock_guard lock(mu_);
  return mount_;
}

DataUsage DataCounters::period() const {
  std::lock_guard lock(mu_);
  return period_;
}

std::string DataCounters::period_start() const {
  std::lock_guard lock(mu_);
  return period_start_;
}

bool DataCounters::budget_spent() const {
  std::lock_guard lock(mu_);
  return spent_;
}

bool DataCounters::save() const {
  if (file_.empty()) return true;
  nlohmann::json out;
  {
    std::lock_guard lock(mu_);
    out = {{"period_start", period_start_},
           {"payload_down", period_.payload_down},
           {"payload_up", period_.payload_up},
           {"serial_out", period_.serial_out},
           {"serial_in", period_.serial_in}};
  }
  auto tmp = file_;
  tmp += ".tmp";
  {
    std::ofstream f(tmp, std::ios::trunc);
    f << out.dump(2) << "\n";
    if (!f.flush()) return false;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, file_, ec);
  return !ec;
}

}  // namespace mfs::session
