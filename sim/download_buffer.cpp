// DownloadBuffer: reading fills the buffer up to full or the data's end, at once or, with a
// bandwidth, as much as the data connection carried since reading (re)started.
#include "sim/download_buffer.hpp"

#include <algorithm>
#include <cmath>

namespace mfs::sim {

DownloadBuffer::DownloadBuffer(std::unique_ptr<DataReader> data, std::uint64_t bandwidth,
                               clock::time_point start)
    : source_(std::move(data)), bandwidth_(bandwidth), flowing_since_(start) {
  advance(start);
}

void DownloadBuffer::advance(clock::time_point now) {
  if (paused_ || !source_) return;
  std::uint64_t want = capacity - available();
  if (bandwidth_ != 0) {
    if (now <= flowing_since_) return;
    double seconds = std::chrono::duration<double>(now - flowing_since_).count();
    auto due = static_cast<std::uint64_t>(std::floor(seconds * static_cast<double>(bandwidth_)));
    want = std::min(want, due > moved_ ? due - moved_ : 0);
  }
  std::size_t before = available();
  fill(static_cast<std::size_t>(want));
  moved_ += available() - before;
  paused_ = available() == capacity;
}

std::string DownloadBuffer::take(std::size_t n) {
  n = std::min(n, available());
  std::string out = data_.substr(head_, n);
  head_ += n;
  if (paused_ && capacity - available() >= capacity / 2) {
    paused_ = false;
    flowing_since_ = clock::now();
    moved_ = 0;
    advance(flowing_since_);
  }
  return out;
}

// Reads up to `want` bytes of the data connection into the buffer.
void DownloadBuffer::fill(std::size_t want) {
  if (!source_ || want == 0) return;
  data_.erase(0, head_);
  head_ = 0;
  std::size_t old = data_.size();
  data_.resize(old + want);
  std::size_t got = source_->read(data_.data() + old, want);
  data_.resize(old + got);
  if (got < want || source_->exhausted()) {
    completion_ = source_->finish();
    source_.reset();
  }
}

}  // namespace mfs::sim
