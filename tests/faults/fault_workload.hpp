// What the fault tests do through a mount and how they judge the result: a seeded remote
// tree, the five operations of the matrix (each run on the mount and mirrored on a local
// "expected" tree), and a digest of a tree (every directory, sha256 of every file) that shows
// lost bytes, partial files and leftover temporary names alike.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "mount_fixture.hpp"

namespace mfs::faults {

enum class Op { list, download, upload, rename, mkdir };

const std::vector<Op>& all_ops();
std::string op_name(Op op);

// The files every matrix case starts from, written to `dir` (remote() and the expected tree).
void seed_tree(const e2e::fs::path& dir);

// Runs `op` on the mount. status 0 means the tool succeeded and what it read was right.
e2e::RunResult run_op(const e2e::MountFixture& mount, Op op);

// Applies the effect `op` has when it succeeds to the local tree `expected`.
void mirror_op(const e2e::fs::path& expected, Op op);

// "d ./sub" lines for directories, then "sha256  ./file" lines, both sorted.
std::string tree_digest(const e2e::fs::path& dir);

// A mount's settings: -o `options` added, and modem-sim injecting `faults` (a --faults spec)
// with the quirks of the variant (MFS_FAULTS_QUIRKS, e.g. noise_urcs).
e2e::MountSettings fault_settings(const std::string& options, const std::string& faults);

// Seeds the server's tree and scratch()/expected alike; returns the expected tree.
e2e::fs::path seed_both(const e2e::MountFixture& mount);

// The simulator's count of injected faults (its --stats "faults_injected").
std::uint64_t faults_injected(const e2e::MountFixture& mount);

}  // namespace mfs::faults
