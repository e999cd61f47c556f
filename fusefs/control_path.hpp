// Where a mount's control socket lives: /run/modemftpfs/ for root, $XDG_RUNTIME_DIR/modemftpfs/
// for other users (both private to their owner), one socket per mountpoint named by a hash of
// its absolute path. Never a file inside the mount: it would end up in every backup of it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace mfs::fusefs {

// The calling user's socket directory, or nullopt (a non-root user without XDG_RUNTIME_DIR).
std::optional<std::filesystem::path> control_dir();

// The socket of the mount at `mountpoint` (absolute, symlinks resolved) within `dir`.
std::filesystem::path control_socket_path(const std::filesystem::path& dir,
                                          const std::filesystem::path& mountpoint);

// The mountpoint as the daemon recorded it, resolved without touching the mount itself
// (a hung mount must not hang `modemftpfs status`): its parent resolved, its name kept.
std::filesystem::path resolve_mountpoint(const std::string& given);

}  // namespace mfs::fusefs
