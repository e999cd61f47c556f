// --simulate: the built-in modem simulator in a child process, serving DIR on a pty whose link
// lives in a private temporary directory. Started before any thread exists (fork copies only
// the calling thread); stopped (SIGTERM) and reaped when the mount ends.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>

#include "sim/simulator.hpp"

namespace mfs::fusefs {

class SimulatorChild {
 public:
  SimulatorChild() = default;
  SimulatorChild(const SimulatorChild&) = delete;
  SimulatorChild& operator=(const SimulatorChild&) = delete;
  ~SimulatorChild();

  // Forks the simulator and waits (bounded) until its link exists. `quiet`: the child's output
  // goes to /dev/null (as the daemon's does once mounted). "" or the error text.
  std::string start(sim::SimConfig config, bool quiet);

  const std::filesystem::path& link_path() const { return link_path_; }

 private:
  void stop();

  pid_t pid_ = -1;
  std::filesystem::path dir_;
  std::filesystem::path link_path_;
};

}  // namespace mfs::fusefs
