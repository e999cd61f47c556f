// Who else has a device open: scans /proc/<pid>/fd so that open() can refuse a port that
// ModemManager or another modemftpfs already uses, instead of fighting it for bytes. Any other
// holder (socat bridging a pty to the network, a serial-over-IP daemon) is only warned about.
#pragma once

#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace mfs::link {

enum class HolderKind {
  other,        // anything else: socat's end of a pty, a terminal program
  port_prober,  // a daemon that probes serial ports and sends its own AT commands
  modemftpfs,   // another mount, or an earlier one still shutting down
};

struct Holder {
  pid_t pid = 0;
  std::string name;  // /proc/<pid>/comm
  HolderKind kind = HolderKind::other;
};

// The path with every symlink resolved (a pty symlink, /dev/serial/by-id/...), or the path
// unchanged when it cannot be resolved.
std::string resolve_device_path(const std::string& path);

// The kind of a process called `name` (its comm, at most 15 characters).
HolderKind holder_kind(const std::string& name);

// Processes other than this one holding a descriptor on `resolved_path`. Processes whose fd
// table we may not read are skipped: the exclusive open (TIOCEXCL) still guards against them.
std::vector<Holder> other_holders(const std::string& resolved_path);

// The first holder that must keep us off the device (a port prober or a modemftpfs), if any.
std::optional<Holder> blocking_holder(const std::vector<Holder>& holders);

// "ModemManager (pid 812)", or "an earlier modemftpfs (pid 812)".
std::string describe(const Holder& holder);

}  // namespace mfs::link
