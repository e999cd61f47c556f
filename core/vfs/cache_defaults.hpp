// The caches' defaults, written once: FsConfig and BlockCacheConfig start from them, and so do
// the mount options and the --help text that prints them.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace mfs::vfs {

inline constexpr std::chrono::seconds default_dir_cache_ttl{30};  // a listing is trusted this long
inline constexpr std::uint64_t default_memory_cache_bytes = 32ull << 20;
inline constexpr std::uint64_t default_disk_cache_bytes = 256ull << 20;
inline constexpr std::size_t default_block_size = 256 * 1024;

}  // namespace mfs::vfs
