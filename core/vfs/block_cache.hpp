// Block cache: fixed-size blocks of remote files keyed by (path, size, mtime, index), in a
// memory LRU that spills evicted blocks to an on-disk LRU (DESIGN.md, Caches). A block may be
// partial: it records which of its pages hold data, so a random read caches only the pages it
// fetched. A changed listing (other size or mtime) changes the key, so stale blocks miss.
#pragma once

#include <cstdint>
#include <filesystem>
#include <list>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/vfs/cache_defaults.hpp"
#include "core/vfs/page_set.hpp"

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
  std::size_t block_size = default_block_size;
  std::uint64_t memory_bytes = default_memory_cache_bytes;
  std::filesystem::path disk_dir;  // empty: no disk tier
  std::uint64_t disk_bytes = default_disk_cache_bytes;
};

struct BlockCacheStats {
  std::uint64_t memory_bytes = 0;
  std::uint64_t disk_bytes = 0;
  std::size_t memory_blocks = 0;
  std::size_t disk_blocks = 0;
};

// Lock order: BlockCache::mu_ is a leaf. Disk reads and writes happen under it: local disk
// is orders of magnitude faster than the modem, and one lock keeps both LRUs consistent.
// A block is charged its whole length in either tier, held pages or not: its bytes are one
// allocation (one file on disk), so a partial block costs what a complete one does.
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

  // The page holding byte `offset` of a file: pages are counted from their block's start, and
  // the last page of a block or of the file may be short. `page_end` is 0 past the file's end.
  std::uint64_t page_start(std::uint64_t offset) const;
  std::uint64_t page_end(const FileVersion& version, std::uint64_t offset) const;

  // Copies the cached bytes from `offset` on into `out`, up to the first byte not cached;
  // returns how many it copied.
  std::size_t read(const std::string& path, const FileVersion& version, std::uint64_t offset,
                   std::span<char> out);

  // The start of the first cached page in [from, limit), or `limit` when there is none.
  std::uint64_t next_cached(const std::string& path, const FileVersion& version,
                            std::uint64_t from, std::uint64_t limit) const;

  // Caches every page lying wholly inside [offset, offset+bytes), merging into blocks that
  // already hold other pages.
  void put_range(const std::string& path, const FileVersion& version, std::uint64_t offset,
                 std::string_view bytes);

  void invalidate(const std::string& path);       // every version of one file
  void invalidate_tree(const std::string& dir);   // every file at or below `dir`

  BlockCacheStats stats() const;

 private:
  struct Block {
    std::string data;  // the block's whole length; bytes of pages not held are zero
    PageSet pages;
  };
  struct MemoryBlock {
    Block block;
    std::list<BlockKey>::iterator lru;
  };
  struct DiskBlock {
    std::filesystem::path file;
    std::uint64_t bytes = 0;
    PageSet pages;
    std::list<BlockKey>::iterator lru;
  };

  // All private members below run with mu_ held.
  Block* find(const BlockKey& key);  // most recent now; read back from disk if only there
  const PageSet* find_pages(const BlockKey& key) const;
  Block& insert_memory(const BlockKey& key, Block block);  // `key` is not in memory
  void spill(const BlockKey& key, const Block& block);
  std::optional<Block> read_disk(const BlockKey& key);
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
