// JobQueue's order: interactive jobs before bulk ones, each class in arrival order, and one bulk
// job after a streak of interactive ones so that bulk work is never starved. No timing: the
// jobs are popped by the test itself.
#include <catch2/catch.hpp>

#include <cctype>
#include <string>

#include "core/session/job_queue.hpp"

namespace mfs::session {
namespace {

using namespace std::chrono_literals;

// Pops every queued job and runs it; what the jobs appended to `order`.
std::string drain(JobQueue& queue, std::string& order) {
  while (auto job = queue.pop(0ms)) (*job)();
  return order;
}

}  // namespace

TEST_CASE("interactive jobs go before bulk ones, each class in arrival order", "[session]") {
  JobQueue queue;
  std::string order;
  for (const char* name : {"B", "C", "a", "D", "b", "c"}) {
    const bool bulk = std::isupper(static_cast<unsigned char>(name[0]));
    REQUIRE(queue.push([&order, name] { order += name; },
                       bulk ? Priority::bulk : Priority::interactive));
  }
  CHECK(queue.interactive_waiting());
  CHECK(drain(queue, order) == "abcBCD");
  CHECK_FALSE(queue.interactive_waiting());
}

TEST_CASE("a bulk job goes after a streak of interactive ones", "[session]") {
  JobQueue queue;
  std::string order;
  REQUIRE(queue.push([&order] { order += 'B'; }, Priority::bulk));
  REQUIRE(queue.push([&order] { order += 'C'; }, Priority::bulk));
  const int interactive = 2 * JobQueue::interactive_streak + 1;
  for (int i = 0; i < interactive; ++i)
    REQUIRE(queue.push([&order] { order += 'i'; }, Priority::interactive));
  const std::string streak(JobQueue::interactive_streak, 'i');
  CHECK(drain(queue, order) == streak + "B" + streak + "C" + "i");
}

TEST_CASE("jobs queued before stop are still handed out, later ones are refused", "[session]") {
  JobQueue queue;
  std::string order;
  REQUIRE(queue.push([&order] { order += 'B'; }, Priority::bulk));
  REQUIRE(queue.push([&order] { order += 'a'; }, Priority::interactive));
  queue.stop();
  CHECK_FALSE(queue.push([&order] { order += 'x'; }, Priority::interactive));
  CHECK(drain(queue, order) == "aB");
}

TEST_CASE("a request's time starts when the modem thread starts it", "[session]") {
  RequestDeadline queued(1s, 5s);
  CHECK_FALSE(queued.started());
  CHECK(queued.current() == RequestDeadline::Clock::time_point::max());

  const auto cap = RequestDeadline::Clock::now() + 2s;
  RequestDeadline capped(1s, 5s, cap);
  CHECK(capped.current() == cap);
  capped.start();
  CHECK(capped.started());
  CHECK(capped.current() <= cap);
  CHECK(capped.current() > RequestDeadline::Clock::now());
}

}  // namespace mfs::session
