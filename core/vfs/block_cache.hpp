// Block cache: fixed-size blocks of remote files keyed by (path, size, mtime, index), in a
// memory LRU that spills evicted blocks to an on-disk LRU (DESIGN.md, Caches). A changed
// listing (other size or mtime) changes the key, so stale blocks simply miss.
#pragma once

#include <cstdint>
#include <filesystem>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace mfs::vfs {

// The version of a remote file the listing shows; blocks belong to one version.
struct FileVersion {
  std::uint64_t size = 0;
  std::int64_t mtime = 0;  // seconds since the epoch
  bool operator==(const FileVersion&) const = default;
};

struct BlockKey {
  std::string path;
  FileVersion version;
  std::uint64_t index = 0;
  bool operator==(const BlockKey&) const = default;
};

struct BlockKeyHash {
  std::size_t operator()(const BlockKey& key) const noexcept;
};

struct BlockCacheConfig {
  std::size_t block_size = 256 * 1024;
  std::uint64_t memory_bytes = 32ull << 20;
  std::filesystem::path disk_dir;  // empty: no disk tier
  std::uint64_t disk_bytes = 256ull << 20;
};

struct BlockCacheStats {
  std::uint64_t memory_bytes = 0;
  std::uint64_t disk_bytes = 0;
  std::size_t memory_blocks = 0;
  std::size_t disk_blocks = 0;
};

// Lock order: BlockCache::mu_ is a leaf. Disk reads and writes happen under it: local disk
// is orders of magnitude faster than the modem, and one lock keeps both LRUs consistent.
class BlockCache {
 public:
  // Empties `disk_dir` of a previous run's blocks (their index lived in memory).
  explicit BlockCache(BlockCacheConfig config);
  ~BlockCache();
  BlockCache(const BlockCache&) = delete;
  BlockCache& operator=(const BlockCache&) = delete;

  std::size_t block_size() const { return config_.block_size; }

  // Bytes a complete block `index` of a file of `version` holds (the last one may be short).
  std::size_t expected_length(const FileVersion& version, std::uint64_t index) const;

  std::optional<std::string> get(const BlockKey& key);
  bool contains(const BlockKey& key) const;
  void put(const BlockKey& key, std::string data);

  // Stores the complete blocks inside [offset, offset+bytes): a block cut short by the range's
  // start or end is skipped unless it ends at the end of the file.
  void put_range(const std::string& path, const FileVersion& version, std::uint64_t offset,
                 std::string_view bytes);

  void invalidate(const std::string& path);       // every version of one file
  void invalidate_tree(const std::string& dir);   // every file at or below `dir`

  BlockCacheStats stats() const;

 private:
  struct MemoryBlock {
    std::string data;
    std::list<BlockKey>::iterator lru;
  };
  struct DiskBlock {
    std::filesystem::path file;
    std::uint64_t bytes = 0;
    std::list<BlockKey>::iterator lru;
  };

  // All private members below run with mu_ held.
  void insert_memory(const BlockKey& key, std::string data);
  void spill(const BlockKey& key, const std::string& data);
  std::optional<std::string> read_disk(const BlockKey& key);
  void drop_disk(std::unordered_map<BlockKey, DiskBlock, BlockKeyHash>::iterator it);
  template <class Pred>
  void drop_if(Pred pred);

  const BlockCacheConfig config_;
  bool disk_enabled_ = false;
  mutable std::mutex mu_;
  std::list<BlockKey> memory_lru_;  // front: most recently used
  std::unordered_map<BlockKey, MemoryBlock, BlockKeyHash> memory_;
  std::uint64_t memory_used_ = 0;
  std::list<BlockKey> disk_lru_;
  std::unordered_map<BlockKey, DiskBlock, BlockKeyHash> disk_;
  std::uint64_t disk_used_ = 0;
  std::uint64_t next_file_ = 0;
};

}  // namespace mfs::vfs
