// The module's 512000-byte download buffer between the data connection and +FTPRECV
// (PROTOCOL.md section 2, steps 5-7): reading pauses when full and resumes at half free.
#pragma once

#include <chrono>
#include <cstdint>
#include <fstream>
#include <string>

namespace mfs::sim {

class DownloadBuffer {
 public:
  static constexpr std::size_t capacity = 512000;

  // Takes the opened file (positioned at the offset) with `remaining` bytes still to come.
  DownloadBuffer(std::ifstream file, std::uint64_t remaining);

  // Removes and returns up to `n` bytes; refills once at least half the buffer is free.
  std::string take(std::size_t n);

  std::size_t available() const { return data_.size() - head_; }
  // True once the whole remainder of the file has reached the buffer.
  bool eof() const { return remaining_ == 0; }
  bool drained() const { return eof() && available() == 0; }

 private:
  void fill();

  std::ifstream file_;
  std::uint64_t remaining_;
  std::string data_;
  std::size_t head_ = 0;  // bytes of data_ already taken
};

}  // namespace mfs::sim
