// JobQueue: a mutex-guarded deque with a condition variable; see job_queue.hpp.
#include "core/session/job_queue.hpp"

namespace mfs::session {

bool JobQueue::push(Job job) {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return false;
    jobs_.push_back(std::move(job));
  }
  ready_.notify_one();
  return true;
}

std::optional<JobQueue::Job> JobQueue::pop(std::chrono::milliseconds idle_for) {
  std::unique_lock lock(mu_);
  if (!ready_.wait_for(lock, idle_for, [this] { return stopping_ || !jobs_.empty(); }))
    return std::nullopt;
  if (jobs_.empty()) return std::nullopt;
  Job job = std::move(jobs_.front());
  jobs_.pop_front();
  return job;
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
