// `modemftpfs status|flush|pause-uploads|resume-uploads|forget|reconnect MOUNTPOINT`: the
// client side of the control socket (control_socket.hpp).
#pragma once

#include <optional>

namespace mfs::fusefs {

// Runs the control verb in argv[1] and returns the exit status (0 done, 1 failed with the
// reason on stderr, 2 usage); nullopt when argv[1] is no control verb (a mount command line).
std::optional<int> run_control_client(int argc, char* argv[]);

}  // namespace mfs::fusefs
