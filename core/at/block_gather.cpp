// BlockGather: the arrival rate of block bytes and the pause it implies (see block_gather.hpp).
//
// The rate is measured only by a read that waited for bytes right after one that did the same:
// its interval runs from one arrival to the next. A read after a pause cannot measure: if it got
// the whole rest, the line was only "at least that fast", and keeping just the reads that came
// up short would drag the rate down until every block oversleeps. So most blocks pause right
// after their header's read, and every few blocks one is read as it comes, as a measurement.
#include "core/at/block_gather.hpp"

#include <algorithm>

namespace mfs::at {
namespace {

using namespace std::chrono;

// Both families end the command right after the block with "\r\nOK\r\n": waiting for those
// bytes too hands the final result over in the same read.
constexpr std::size_t final_result_bytes = 6;

// Every this many blocks, one is measured rather than paused for.
constexpr int measure_every = 4;

// Each sample keeps this share of the weight of the ones before it: the rate follows a changed
// line within a few measurements and one odd sample moves it little.
constexpr double sample_decay = 0.875;

// Shorter pauses save nothing: the read would wait about as long for the next bytes anyway.
constexpr microseconds min_pause{1000};

}  // namespace

bool BlockGather::measuring() const {
  return !rate() || blocks_since_sample_ >= measure_every;
}

nanoseconds BlockGather::before_read(std::size_t needed, std::size_t capacity,
                                     Clock::time_point now, Clock::time_point deadline) {
  pending_ = {needed, capacity, false};
  if (needed == 0 || !last_ || !last_->short_read || now >= deadline) return nanoseconds(0);
  // The first read of a block is the one that measures, when one is due.
  if (!last_->in_block && measuring()) return nanoseconds(0);
  const auto bytes_per_second = rate();
  if (!bytes_per_second) return nanoseconds(0);
  const std::size_t wanted = std::min(needed + final_result_bytes, capacity);
  // Bytes kept arriving while the last read's bytes were being handled.
  const auto gathering = duration<double>(static_cast<double>(wanted) / *bytes_per_second) -
                         (now - last_->at);
  const auto wait = std::min({duration_cast<nanoseconds>(gathering),
                              duration_cast<nanoseconds>(max_pause),
                              duration_cast<nanoseconds>(deadline - now)});
  if (wait < min_pause) return nanoseconds(0);
  pending_.paused = true;
  return wait;
}

void BlockGather::after_read(std::size_t got, Clock::time_point now) {
  const bool in_block = pending_.needed > 0;
  const bool short_read = got < pending_.capacity;
  if (in_block && last_ && !last_->in_block) ++blocks_since_sample_;  // a block's first read
  const bool measures = in_block && got < pending_.needed && short_read && !pending_.paused &&
                        last_ && last_->short_read && last_->woken;
  if (measures) add_sample(got, duration<double>(now - last_->at).count());
  last_ = Read{now, short_read, !pending_.paused, in_block};
}

void BlockGather::add_sample(std::size_t bytes, double seconds) {
  if (seconds <= 0) return;
  blocks_since_sample_ = 0;
  weighted_bytes_ = weighted_bytes_ * sample_decay + static_cast<double>(bytes);
  weighted_seconds_ = weighted_seconds_ * sample_decay + seconds;
}

std::optional<double> BlockGather::rate() const {
  if (weighted_seconds_ <= 0 || weighted_bytes_ <= 0) return std::nullopt;
  return weighted_bytes_ / weighted_seconds_;
}

}  // namespace mfs::at
