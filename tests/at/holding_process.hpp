// A child process that holds a device open until the object goes, under a name of the test's
// choosing (its comm): the stand-in for ModemManager, for an earlier modemftpfs, or for socat
// holding its end of a bridged pty. Header-only, shared by the link and start-up tests.
#pragma once

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

namespace mfs::test {

class HoldingProcess {
 public:
  HoldingProcess(const std::string& path, const std::string& name) {
    int ready[2];
    REQUIRE(::pipe(ready) == 0);
    REQUIRE(::pipe(release_) == 0);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {  // child: only async-signal-safe calls, and prctl
      ::prctl(PR_SET_NAME, name.c_str(), 0, 0, 0);
      const int fd = ::open(path.c_str(), O_RDWR | O_NOCTTY);
      char byte = fd >= 0 ? 'y' : 'n';
      [[maybe_unused]] auto w = ::write(ready[1], &byte, 1);
      [[maybe_unused]] auto r = ::read(release_[0], &byte, 1);
      ::_exit(0);
    }
    char byte = 0;
    REQUIRE(::read(ready[0], &byte, 1) == 1);
    REQUIRE(byte == 'y');
    ::close(ready[0]);
    ::close(ready[1]);
  }
  ~HoldingProcess() {
    [[maybe_unused]] auto w = ::write(release_[1], "x", 1);
    ::waitpid(pid_, nullptr, 0);
    ::close(release_[0]);
    ::close(release_[1]);
  }
  HoldingProcess(const HoldingProcess&) = delete;
  HoldingProcess& operator=(const HoldingProcess&) = delete;

  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int release_[2] = {-1, -1};
};

}  // namespace mfs::test
