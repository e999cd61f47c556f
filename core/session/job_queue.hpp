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

#include "core/session/request_deadline.hpp"
#include "core/util/result.hpp"

namespace mfs::session {

class JobQueue {
 public:
  using Job = std::function<void()>;

  // Queues `body` for the modem thread and waits for its result until `deadline` passes (the
  // modem thread may renew it meanwhile); std::errc::timed_out if it did not finish in time,
  // std::errc::operation_canceled at once once the queue is stopping.
  template <class T>
  result<T> run(std::function<result<T>()> body, std::shared_ptr<const RequestDeadline> deadline) {
    auto promise = std::make_shared<std::promise<result<T>>>();
    auto future = promise->get_future();
    if (!push([promise, body = std::move(body)] { promise->set_value(body()); }))
      return std::make_error_code(std::errc::operation_canceled);
    while (future.wait_until(deadline->current()) != std::future_status::ready) {
      if (deadline->passed()) return std::make_error_code(std::errc::timed_out);
    }
    return future.get();
  }

  // False (and the job dropped) once the queue is stopping: nobody would run it.
  bool push(Job job);

  // Modem thread: the next job, or nothing once `idle_for` passed without one or on stop.
  // Jobs queued before stop() are still handed out.
  std::optional<Job> pop(std::chrono::milliseconds idle_for);

  // Modem thread, between two tries of a request: waits up to `pause`; true if stop() came.
  bool stop_within(std::chrono::milliseconds pause);

  void stop();
  bool stopping() const;

 private:
  mutable std::mutex mu_;  // guards jobs_ and stopping_; never held while a job runs
  std::condition_variable ready_;
  std::deque<Job> jobs_;
  bool stopping_ = false;
};

}  // namespace mfs::session
