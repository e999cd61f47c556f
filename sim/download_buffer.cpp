// DownloadBuffer: a refill reads the data connection until the buffer is full or the data ends.
#include "sim/download_buffer.hpp"

#include <algorithm>

namespace mfs::sim {

DownloadBuffer::DownloadBuffer(std::unique_ptr<DataReader> data) : source_(std::move(data)) {
  fill();
}

std::string DownloadBuffer::take(std::size_t n) {
  n = std::min(n, available());
  std::string out = data_.substr(head_, n);
  head_ += n;
  if (capacity - available() >= capacity / 2) fill();
  return out;
}

void DownloadBuffer::fill() {
  data_.erase(0, head_);
  head_ = 0;
  std::size_t want = capacity - data_.size();
  if (!source_ || want == 0) return;
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
