// The configurations handed to the layers below (session, vfs, simulator), built from the
// mount options in one place so each layer's defaults stay theirs unless an option says otherwise.
#pragma once

#include <string>

#include "core/session/session.hpp"
#include "core/vfs/remote_fs.hpp"
#include "fusefs/options.hpp"
#include "sim/simulator.hpp"

namespace mfs::fusefs {

// `device`: the modem's AT port, or the simulator's link when --simulate.
session::SessionConfig session_config(const MountOptions& options, const std::string& device);

vfs::FsConfig fs_config(const MountOptions& options);

sim::SimConfig sim_config(const MountOptions& options);

// Creates the cache directory (mode 0700: spools hold file contents). "" or the error text.
std::string prepare_cache_dir(const MountOptions& options);

}  // namespace mfs::fusefs
