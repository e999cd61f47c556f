// When a request gives up (the -o timeout= promise). Its time starts when the modem thread
// begins serving it, not when it was queued: waiting behind other requests costs none of it.
// Once served it ends `idle` after it last moved a byte of its file (or after it started), and
// never past `budget` from its start nor past `cap` (FollowUp). Shared by the caller waiting
// for it and by the modem thread, which renews it whenever the request moves bytes: a slow
// transfer goes on, a stalled one ends `idle` after its last byte, whatever the modem's own
// command timeouts are.
#pragma once

#include <atomic>
#include <chrono>
#include <optional>

namespace mfs::session {

class RequestDeadline {
 public:
  using Clock = std::chrono::steady_clock;

  RequestDeadline(Clock::duration idle, Clock::duration budget,
                  std::optional<Clock::time_point> cap = std::nullopt);

  // Until start(), only the cap counts (Clock::time_point::max() without one).
  Clock::time_point current() const;
  bool passed() const { return Clock::now() >= current(); }
  Clock::duration idle() const { return idle_; }

  // The modem thread begins the request, or resumes it: what is left of its budget starts now.
  void start();
  bool started() const { return started_; }
  // The modem thread set the request aside for others (JobQueue): waiting costs it nothing.
  void pause();
  // The modem thread moved bytes for it: `idle` from now on.
  void renew();

  // Its waiter gave up before it started (JobQueue): the modem thread does not start it.
  void abandon() { abandoned_ = true; }
  bool abandoned() const { return abandoned_; }

 private:
  Clock::duration idle_;
  Clock::duration budget_;   // modem thread only: what is left of the budget while paused
  Clock::time_point cap_;
  Clock::time_point bound_;  // modem thread only, once started
  std::atomic<Clock::rep> at_;  // time_since_epoch of current(), in Clock ticks
  std::atomic<bool> started_ = false;
  std::atomic<bool> abandoned_ = false;
};

}  // namespace mfs::session
