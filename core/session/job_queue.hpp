// The hand-off between FUSE worker threads and the one modem thread: a FIFO of jobs and a
// waiter with a deadline. The promise belongs to the job, so a completion that arrives after
// the waiter gave up is harmless (STYLE.md, Threading).
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>

#include "core/util/result.hpp"

namespace mfs::session {

class JobQueue {
 public:
  using Job = std::function<void()>;

  // Queues `body` for the modem thread and waits for its result until `deadline`;
  // std::errc::timed_out if the modem thread did not finish it in time.
  template <class T>
  result<T> run(std::function<result<T>()> body, std::chrono::steady_clock::time_point deadline) {
    auto promise = std::make_shared<std::promise<result<T>>>();
    auto future = promise->get_future();
    push([promise, body = std::move(body)] { promise->set_value(body()); });
    if (future.wait_until(deadline) != std::future_status::ready)
      return std::make_error_code(std::errc::timed_out);
    return future.get();
  }

  void push(Job job);

  // Modem thread: the next job, or nothing once `idle_for` passed without one or on stop.
  std::optional<Job> pop(std::chrono::milliseconds idle_for);

  void stop();
  bool stopping() const;

 private:
  mutable std::mutex mu_;  // guards jobs_ and stopping_; never held while a job runs
  std::condition_variable ready_;
  std::deque<Job> jobs_;
  bool stopping_ = false;
};

}  // namespace mfs::session
