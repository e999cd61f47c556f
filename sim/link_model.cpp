// LinkParams and LinePacer arithmetic: a byte takes 10/baud seconds on the serial line.
#include "sim/link_model.hpp"

#include <algorithm>
#include <cmath>

namespace mfs::sim {
namespace {

constexpr double bits_per_byte = 10;  // start bit, 8 data bits, stop bit

}  // namespace

std::chrono::nanoseconds LinkParams::transfer_time(std::uint64_t bytes) const {
  if (bandwidth == 0) return std::chrono::nanoseconds(0);
  return std::chrono::nanoseconds(
      static_cast<std::int64_t>(static_cast<double>(bytes) * 1e9 / static_cast<double>(bandwidth)));
}

std::size_t LinePacer::allowance(clock::time_point now, std::size_t waiting) {
  if (baud_ == 0) return waiting;
  if (waiting == 0) {
    idle_ = true;
    return 0;
  }
  if (idle_) {  // the line was quiet: the first of these bytes starts its way now
    idle_ = false;
    epoch_ = now;
    carried_ = 0;
  }
  double seconds = std::chrono::duration<double>(now - epoch_).count();
  auto due = static_cast<std::uint64_t>(std::floor(seconds * baud_ / bits_per_byte));
  return static_cast<std::size_t>(std::min<std::uint64_t>(waiting, due > carried_ ? due - carried_ : 0));
}

LinePacer::clock::time_point LinePacer::next_byte_at() const {
  if (baud_ == 0) return clock::time_point::max();
  double seconds = static_cast<double>(carried_ + 1) * bits_per_byte / baud_;
  return epoch_ + std::chrono::ceil<clock::duration>(std::chrono::duration<double>(seconds));
}

}  // namespace mfs::sim
