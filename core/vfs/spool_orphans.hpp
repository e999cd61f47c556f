// Spools no writer handed over (the daemon stopped while they were still being written): never
// published, they are moved aside to "<cache_dir>/orphans" for inspection and removed by a
// later mount once they are older than orphan_keep_time.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>

#include "core/util/result.hpp"

namespace mfs::vfs {

inline constexpr std::chrono::hours orphan_keep_time{7 * 24};

// Moves spool `id`'s files from `spool_dir` into `orphan_dir`, dated now (their age counts from
// here). Returns the data file's new path; EBUSY if a running mount holds the spool.
result<std::filesystem::path> set_aside_spool(const std::filesystem::path& spool_dir,
                                              const std::filesystem::path& orphan_dir,
                                              const std::string& id);

// Deletes the files in `orphan_dir` last dated more than `keep` ago; returns how many.
std::size_t sweep_orphans(const std::filesystem::path& orphan_dir,
                          std::chrono::system_clock::duration keep);

}  // namespace mfs::vfs
