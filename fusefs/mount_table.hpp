// What the kernel's mount table says about a mountpoint (/proc/self/mountinfo).
#pragma once

#include <filesystem>

namespace mfs::fusefs {

// True when `path` (made absolute; a dead FUSE mount cannot be resolved further) is the mount
// point of a live or dead modemftpfs mount: mounting over it would hide the first one.
bool is_modemftpfs_mount(const std::filesystem::path& path);

}  // namespace mfs::fusefs
