// DataCounters: the budget period's bounds, its persistence across instances (remounts), and
// the budget's warning and end.
#include <unistd.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "core/session/data_counters.hpp"

using mfs::session::DataBudget;
using mfs::session::DataCounters;
namespace fs = std::filesystem;

namespace {

DataCounters::SystemClock::time_point local_date(int year, int month, int day) {
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = 12;
  tm.tm_isdst = -1;
  return DataCounters::SystemClock::from_time_t(std::mktime(&tm));
}

struct TempFile {
  fs::path path = fs::temp_directory_path() / ("mfs-usage-" + std::to_string(::getpid()) + ".json");
  ~TempFile() {
    std::error_code ignored;
    fs::remove(path, ignored);
  }
};

}  // namespace

TEST_CASE("a budget period starts on its day of the month", "[session]") {
  CHECK(DataCounters::period_containing(local_date(2026, 12, 7), 1) == "2026-12-01");
  CHECK(DataCounters::period_containing(local_date(2026, 12, 7), 7) == "2026-12-07");
  CHECK(DataCounters::period_containing(local_date(2026, 12, 6), 7) == "2026-11-07");
  CHECK(DataCounters::period_containing(local_date(2027, 1, 3), 15) == "2026-12-15");
}

TEST_CASE("the period's usage survives a new instance; the mount's starts at zero", "[session]") {
  TempFile file;
  {
    DataCounters first(file.path, DataBudget{});
    first.add_payload(false, 1000);
    first.add_payload(true, 200);
    first.set_serial(50, 1500);
    first.set_serial(60, 1600);  // link totals: only the growth counts
    REQUIRE(first.save());
    CHECK(first.period().serial_in == 1600);
  }
  DataCounters second(file.path, DataBudget{});
  CHECK(second.period().payload_down == 1000);
  CHECK(second.period().payload_up == 200);
  CHECK(second.period().serial_out == 60);
  CHECK(second.since_mount().payload() == 0);
  second.add_payload(false, 5);
  CHECK(second.period().payload_down == 1005);
}

TEST_CASE("a saved usage of an earlier period is not carried over", "[session]") {
  TempFile file;
  std::ofstream(file.path) << R"({"period_start": "1999-01-01", "payload_down": 77})";
  DataCounters counters(file.path, DataBudget{});
  CHECK(counters.period().payload_down == 0);
}

TEST_CASE("the budget is spent once the period's payload reaches it", "[session]") {
  DataCounters counters("", DataBudget{1000, 1});
  counters.add_payload(false, 799);
  CHECK_FALSE(counters.budget_spent());
  counters.add_payload(true, 200);
  CHECK_FALSE(counters.budget_spent());
  counters.add_payload(false, 1);
  CHECK(counters.budget_spent());
  CHECK(DataCounters("", DataBudget{}).budget_spent() == false);  // no budget
}
