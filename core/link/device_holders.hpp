// Who else has a device open: scans /proc/<pid>/fd so that open() can refuse a port that
// ModemManager or a terminal program already uses, instead of fighting it for bytes.
#pragma once

#include <string>
#include <sys/types.h>
#include <vector>

namespace mfs::link {

// The path with every symlink resolved (a pty symlink, /dev/serial/by-id/...), or the path
// unchanged when it cannot be resolved.
std::string resolve_device_path(const std::string& path);

// Processes other than this one holding a descriptor on `resolved_path`. Processes whose fd
// table we may not read are skipped: the exclusive open (TIOCEXCL) still guards against them.
std::vector<pid_t> other_holders(const std::string& resolved_path);

}  // namespace mfs::link
