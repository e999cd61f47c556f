// The hand-off between FUSE worker threads and the one modem thread: jobs in two classes and a
// waiter with a deadline. Interactive jobs (listings, metadata, small transfers) go before bulk
// ones (long reads, uploads), each class in arrival order; a bulk job still runs after a streak
// of interactive ones, so an `ls -lR` loop cannot starve a copy. The promise belongs to the
// job, so a completion that arrives after the waiter gave up is harmless (STYLE.md, Threading).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>

#include "core/session/request_deadline.hpp"
#include "core/util/result.hpp"

namespace mfs::session {

enum class Priority { interactive, bulk };

class JobQueue {
 public:
  using Job = std::function<void()>;
  using Clock = std::chrono::steady_clock;

  // Interactive jobs handed out in a row while bulk work waits, before one bulk job goes.
  static constexpr int interactive_streak = 8;

  // Queues `body` for the modem thread and waits for its result. Once the modem thread has
  // started it (RequestDeadline::start), until its deadline passes (the modem thread may renew
  // it meanwhile); while it is queued, as long as the modem thread shows signs of life (see
  // wedged). std::errc::timed_out if it did not finish in time, std::errc::operation_canceled
  // at once once the queue is stopping.
  // A body that answers session_errc::preempted is queued again, first of the bulk class, and
  // runs again after the interactive jobs (it resumes where it stopped); its waiter waits on.
  template <class T>
  result<T> run(std::function<result<T>()> body, std::shared_ptr<RequestDeadline> deadline,
                Priority priority) {
    auto promise = std::make_shared<std::promise<result<T>>>();
    auto future = promise->get_future();
    // The queue holds copies of the job; the waiter holds the job itself, so a job whose
    // waiter gave up is not queued again.
    auto job = std::make_shared<Job>();
    *job = [this, promise, body = std::move(body), self = std::weak_ptr<Job>(job)] {
      auto r = body();
      if (!r && preempted(r.error())) {
        if (const auto again = self.lock(); again && resume(*again)) return;
      }
      promise->set_value(std::move(r));
    };
    if (!push(*job, priority)) return std::make_error_code(std::errc::operation_canceled);
    // Both ends move while it waits: each wake-up looks again.
    const auto given_up = [&] {
      return deadline->started() ? deadline->passed()
                                 : Clock::now() >= wedged_at(deadline->idle());
    };
    for (;;) {
      const auto until = deadline->started() ? deadline->current() : wedged_at(deadline->idle());
      if (future.wait_until(until) == std::future_status::ready) return future.get();
      if (given_up()) {
        deadline->abandon();
        return std::make_error_code(std::errc::timed_out);
      }
    }
  }

  // False (and the job dropped) once the queue is stopping: nobody would run it.
  bool push(Job job, Priority priority);

  // Modem thread: the next job, or nothing once `idle_for` passed without one or on stop.
  // Jobs queued before stop() are still handed out.
  std::optional<Job> pop(std::chrono::milliseconds idle_for);

  // Modem thread: queues a pre-empted job first of the bulk class; false once stopping.
  bool resume(Job job);

  // Modem thread: the job it runs moved bytes (a sign of life for the queued waiters).
  void alive();
  // Whether an interactive job waits (a bulk job may yield to it).
  bool interactive_waiting() const;

  // Modem thread, between two tries of a request: waits up to `pause`; true if stop() came.
  bool stop_within(std::chrono::milliseconds pause);

  void stop();
  bool stopping() const;

 private:
  // A queued request gives up only when the modem thread showed no sign of life (a job begun
  // or ended, bytes moved) for twice the request's idle timeout: the job in front of it then
  // overran its own deadline, which the session's deadlines rule out unless it is wedged.
  Clock::time_point wedged_at(Clock::duration idle) const;
  static bool preempted(const std::error_code& error);

  mutable std::mutex mu_;  // guards jobs_, streak_ and stopping_; never held while a job runs
  std::condition_variable ready_;
  std::deque<Job> interactive_;
  std::deque<Job> bulk_;
  int streak_ = 0;  // interactive jobs handed out in a row while bulk work waited
  bool stopping_ = false;
  std::atomic<Clock::rep> alive_at_{Clock::now().time_since_epoch().count()};
};

}  // namespace mfs::session
