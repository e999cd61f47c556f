// OutputQueue: one string and a list of gates (byte offset, release moment).
#include "sim/output_queue.hpp"

#include <algorithm>

namespace mfs::sim {

void OutputQueue::hold_until(clock::time_point at) {
  if (at <= last_release_) return;  // an earlier or equal gate already holds these bytes
  last_release_ = at;
  std::uint64_t offset = popped_ + bytes_.size();
  if (!gates_.empty() && gates_.back().offset == offset)
    gates_.back().at = at;
  else
    gates_.push_back({offset, at});
}

std::string_view OutputQueue::ready(clock::time_point now) {
  while (!gates_.empty() && gates_.front().at <= now) gates_.pop_front();
  std::size_t end = gates_.empty() ? bytes_.size()
                                   : static_cast<std::size_t>(gates_.front().offset - popped_);
  return std::string_view(bytes_).substr(0, std::min(end, bytes_.size()));
}

void OutputQueue::pop(std::size_t n) {
  bytes_.erase(0, n);
  popped_ += n;
}

OutputQueue::clock::time_point OutputQueue::next_release() const {
  bool bytes_behind_gate = !gates_.empty() && gates_.front().offset < popped_ + bytes_.size();
  return bytes_behind_gate ? gates_.front().at : clock::time_point::max();
}

// What the line had not carried is lost (no host, a reboot); the gates go with it.
void OutputQueue::clear() {
  popped_ += bytes_.size();
  bytes_.clear();
  gates_.clear();
  last_release_ = {};
}

}  // namespace mfs::sim
