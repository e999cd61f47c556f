// The simulator's end of the serial line: a pty master whose slave is published as a symlink.
// The slave is never held open here, so the driver sees a device nobody else uses.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/util/result.hpp"

namespace mfs::sim {

class PtyMaster {
 public:
  // Opens a raw pty master and points `link_path` at its slave (an old symlink is replaced).
  static result<PtyMaster> open(const std::filesystem::path& link_path);

  PtyMaster(PtyMaster&& other) noexcept;
  PtyMaster& operator=(PtyMaster&&) = delete;
  PtyMaster(const PtyMaster&) = delete;
  ~PtyMaster();  // closes the master and removes the symlink

  int fd() const { return fd_; }
  const std::string& slave_name() const { return slave_name_; }

  // Appends what the host sent while `into` is shorter than `limit`; false when no host holds
  // the slave open (EIO/hang-up).
  bool read_available(std::string& into, std::size_t limit = SIZE_MAX);
  // Writes as much of `bytes` as the pty takes now; returns the count (0 when full or no host).
  std::size_t write_some(std::string_view bytes);

 private:
  PtyMaster(int fd, std::string slave_name, std::filesystem::path link_path);

  int fd_ = -1;
  std::string slave_name_;
  std::filesystem::path link_path_;
};

}  // namespace mfs::sim
