// The module's 512000-byte download buffer between the data connection and +FTPRECV
// (PROTOCOL.md section 2, steps 5-7): reading pauses when full and resumes at half free.
// With a cellular bandwidth (sim/link_model.hpp) the data connection fills it at that rate.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "sim/ftp_backend.hpp"

namespace mfs::sim {

class DownloadBuffer {
 public:
  static constexpr std::size_t capacity = 512000;

  using clock = std::chrono::steady_clock;

  // Takes the RETR data connection; its bytes arrive from `start` on at `bandwidth` bytes/s
  // (0: at once).
  explicit DownloadBuffer(std::unique_ptr<DataReader> data, std::uint64_t bandwidth = 0,
                          clock::time_point start = {});

  // Moves what the data connection delivered by `now` into the buffer.
  void advance(clock::time_point now);
  // Removes and returns up to `n` bytes; refills once at least half the buffer is free.
  std::string take(std::size_t n);

  std::size_t available() const { return data_.size() - head_; }
  // True once the whole remainder of the file has reached the buffer.
  bool eof() const { return !source_; }
  bool drained() const { return eof() && available() == 0; }
  // The server's closing reply, set once eof() (226 when the transfer completed).
  const FtpReply& completion() const { return completion_; }

 private:
  void fill(std::size_t want);

  std::unique_ptr<DataReader> source_;  // reset at the end of the data
  std::uint64_t bandwidth_;
  bool paused_ = false;                  // the buffer filled up: no reading until half is free
  clock::time_point flowing_since_;      // when reading last started
  std::uint64_t moved_ = 0;              // bytes read since then
  FtpReply completion_;
  std::string data_;
  std::size_t head_ = 0;  // bytes of data_ already taken
};

}  // namespace mfs::sim
