// The module's 512000-byte download buffer between the data connection and +FTPRECV
// (PROTOCOL.md section 2, steps 5-7): reading pauses when full and resumes at half free.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "sim/ftp_backend.hpp"

namespace mfs::sim {

class DownloadBuffer {
 public:
  static constexpr std::size_t capacity = 512000;

  // Takes the RETR data connection and fills the buffer from it.
  explicit DownloadBuffer(std::unique_ptr<DataReader> data);

  // Removes and returns up to `n` bytes; refills once at least half the buffer is free.
  std::string take(std::size_t n);

  std::size_t available() const { return data_.size() - head_; }
  // True once the whole remainder of the file has reached the buffer.
  bool eof() const { return !source_; }
  bool drained() const { return eof() && available() == 0; }
  // The server's closing reply, set once eof() (226 when the transfer completed).
  const FtpReply& completion() const { return completion_; }

 private:
  void fill();

  std::unique_ptr<DataReader> source_;  // reset at the end of the data
  FtpReply completion_;
  std::string data_;
  std::size_t head_ = 0;  // bytes of data_ already taken
};

}  // namespace mfs::sim
