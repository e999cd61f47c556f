// JobQueue: a mutex-guarded pair of deques with a condition variable; see job_queue.hpp.
#include "core/session/job_queue.hpp"

#include "core/session/session_error.hpp"

namespace mfs::session {

bool JobQueue::push(Job job, Priority priority) {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return false;
    (priority == Priority::interactive ? interactive_ : bulk_).push_back(std::move(job));
  }
  ready_.notify_one();
  return true;
}

bool JobQueue::resume(Job job) {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return false;
    bulk_.push_front(std::move(job));
  }
  ready_.notify_one();
  return true;
}

bool JobQueue::preempted(const std::error_code& error) { return error == session_errc::preempted; }

std::optional<JobQueue::Job> JobQueue::pop(std::chrono::milliseconds idle_for) {
  alive();
  std::unique_lock lock(mu_);
  if (!ready_.wait_for(lock, idle_for,
                       [this] { return stopping_ || !interactive_.empty() || !bulk_.empty(); }))
    return std::nullopt;
  const bool bulk_turn = bulk_.empty() ? false : interactive_.empty() || streak_ >= interactive_streak;
  auto& from = bulk_turn ? bulk_ : interactive_;
  if (from.empty()) return std::nullopt;
  streak_ = bulk_turn || bulk_.empty() ? 0 : streak_ + 1;
  Job job = std::move(from.front());
  from.pop_front();
  alive();
  return job;
}

void JobQueue::alive() { alive_at_ = Clock::now().time_since_epoch().count(); }

JobQueue::Clock::time_point JobQueue::wedged_at(Clock::duration idle) const {
  return Clock::time_point(Clock::duration(alive_at_.load())) + 2 * idle;
}

bool JobQueue::interactive_waiting() const {
  std::lock_guard lock(mu_);
  return !interactive_.empty();
}

bool JobQueue::stop_within(std::chrono::milliseconds pause) {
  std::unique_lock lock(mu_);
  return ready_.wait_for(lock, pause, [this] { return stopping_; });
}

void JobQueue::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  ready_.notify_all();
}

bool JobQueue::stopping() const {
  std::lock_guard lock(mu_);
  return stopping_;
}

}  // namespace mfs::session
