// DownloadBuffer: the data connection is modelled as instantaneous, so a refill reads the file
// until the buffer is full or the file ends.
#include "sim/download_buffer.hpp"

#include <algorithm>

namespace mfs::sim {

DownloadBuffer::DownloadBuffer(std::ifstream file, std::uint64_t remaining)
    : file_(std::move(file)), remaining_(remaining) {
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
  std::size_t want = static_cast<std::size_t>(
      std::min<std::uint64_t>(capacity - data_.size(), remaining_));
  if (want == 0) return;
  std::size_t old = data_.size();
  data_.resize(old + want);
  file_.read(data_.data() + old, static_cast<std::streamsize>(want));
  std::size_t got = static_cast<std::size_t>(file_.gcount());
  data_.resize(old + got);
  // A file that shrank under us ends the transfer early, as a closed data connection would.
  remaining_ = got < want ? 0 : remaining_ - got;
}

}  // namespace mfs::sim
