// What the modem has said but the serial line has not carried yet. Runs of it can be held back
// until a moment (command latency, cellular round trips), so the serve loop schedules replies
// without ever blocking: it sends the ready front and sleeps until the next release.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

namespace mfs::sim {

class OutputQueue {
 public:
  using clock = std::chrono::steady_clock;

  void append(std::string_view bytes) { bytes_.append(bytes); }
  // Bytes appended from now on leave no earlier than `at`, and never before earlier bytes.
  void hold_until(clock::time_point at);
  // The latest release moment asked for so far (a past one when nothing is held).
  clock::time_point last_release() const { return last_release_; }

  // The front bytes free to leave at `now`.
  std::string_view ready(clock::time_point now);
  void pop(std::size_t n);
  // When the next held run becomes free; time_point::max() when nothing waits for a moment.
  clock::time_point next_release() const;

  std::size_t size() const { return bytes_.size(); }
  bool empty() const { return bytes_.empty(); }
  void clear();

 private:
  struct Gate {
    std::uint64_t offset;  // counted over every byte ever appended
    clock::time_point at;
  };

  std::string bytes_;
  std::uint64_t popped_ = 0;  // bytes ever taken off the front
  std::deque<Gate> gates_;    // ascending in both offset and time
  clock::time_point last_release_{};
};

}  // namespace mfs::sim
