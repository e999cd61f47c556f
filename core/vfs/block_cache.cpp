// Block cache: memory LRU over an on-disk LRU. The disk tier is inclusive: a block read back
// from disk stays there, so evicting it from memory again costs no write unless it gained pages.
#include "core/vfs/block_cache.hpp"

#include <cstring>
#include <fstream>
#include <functional>
#include <system_error>

#include "core/util/log.hpp"
#include "core/vfs/path_model.hpp"

namespace mfs::vfs {
namespace {

constexpr std::string_view block_file_suffix = ".blk";

bool is_cache_block(const std::filesystem::path& file) {
  return file.extension() == block_file_suffix;
}

}  // namespace

std::size_t BlockKeyHash::operator()(const BlockKey& key) const noexcept {
  std::size_t h = std::hash<std::string>{}(key.path);
  for (std::uint64_t part : {key.version.size, static_cast<std::uint64_t>(key.version.mtime),
                             key.index}) {
    h ^= std::hash<std::uint64_t>{}(part) + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  }
  return h;
}

BlockCache::BlockCache(BlockCacheConfig config) : config_(std::move(config)) {
  if (config_.disk_dir.empty() || config_.disk_bytes == 0) return;
  std::error_code ec;
  std::filesystem::create_directories(config_.disk_dir, ec);
  if (ec) {
    log::get("vfs")->warn("block cache: no disk tier, cannot create {}: {}",
                          config_.disk_dir.string(), ec.message());
    return;
  }
  for (const auto& item : std::filesystem::directory_iterator(config_.disk_dir, ec)) {
    if (is_cache_block(item.path())) std::filesystem::remove(item.path(), ec);
  }
  disk_enabled_ = true;
}

BlockCache::~BlockCache() {
  std::error_code ec;
  for (const auto& item : disk_) std::filesystem::remove(item.second.file, ec);
}

std::size_t BlockCache::expected_length(const FileVersion& version, std::uint64_t index) const {
  const std::uint64_t start = index * config_.block_size;
  if (start >= version.size) return 0;
  const std::uint64_t left = version.size - start;
  return static_cast<std::size_t>(std::min<std::uint64_t>(config_.block_size, left));
}

std::uint64_t BlockCache::page_start(std::uint64_t offset) const {
  const std::uint64_t block_start = offset / config_.block_size * config_.block_size;
  return block_start + (offset - block_start) / cache_page_size * cache_page_size;
}

std::uint64_t BlockCache::page_end(const FileVersion& version, std::uint64_t offset) const {
  if (offset >= version.size) return 0;
  const std::uint64_t index = offset / config_.block_size;
  const std::size_t length = expected_length(version, index);
  const std::uint64_t block_start = index * config_.block_size;
  const std::uint64_t page = (offset - block_start) / cache_page_size;
  return block_start + std::min<std::uint64_t>((page + 1) * cache_page_size, length);
}

std::size_t BlockCache::read(const std::string& path, const FileVersion& version,
                             std::uint64_t offset, std::span<char> out) {
  const std::size_t bs = config_.block_size;
  std::lock_guard lock(mu_);
  std::size_t done = 0;
  while (done < out.size()) {
    const std::uint64_t pos = offset + done;
    const std::uint64_t index = pos / bs;
    const Block* block = find(BlockKey{path, version, index});
    if (!block) break;
    const auto in_block = static_cast<std::size_t>(pos - index * bs);
    const std::size_t missing = block->pages.first_from(in_block / cache_page_size, false);
    const std::size_t held_end = std::min(block->data.size(), missing * cache_page_size);
    if (held_end <= in_block) break;
    const std::size_t n = std::min(out.size() - done, held_end - in_block);
    std::memcpy(out.data() + done, block->data.data() + in_block, n);
    done += n;
  }
  return done;
}

std::uint64_t BlockCache::next_cached(const std::string& path, const FileVersion& version,
                                      std::uint64_t from, std::uint64_t limit) const {
  const std::size_t bs = config_.block_size;
  std::lock_guard lock(mu_);
  for (std::uint64_t pos = from; pos < limit;) {
    const std::uint64_t index = pos / bs;
    const std::uint64_t block_start = index * bs;
    const std::size_t length = expected_length(version, index);
    if (length == 0) break;
    if (const PageSet* pages = find_pages(BlockKey{path, version, index})) {
      const std::size_t held = pages->first_from((pos - block_start) / cache_page_size, true);
      if (held < pages->size()) return std::min(limit, block_start + held * cache_page_size);
    }
    pos = block_start + length;
  }
  return limit;
}

void BlockCache::put_range(const std::string& path, const FileVersion& version,
                           std::uint64_t offset, std::string_view bytes) {
  const std::size_t bs = config_.block_size;
  const std::uint64_t end = offset + bytes.size();
  std::lock_guard lock(mu_);
  for (std::uint64_t index = offset / bs; index * bs < end; ++index) {
    const std::uint64_t start = index * bs;
    const std::size_t length = expected_length(version, index);
    if (length == 0) return;
    const std::size_t pages = (length + cache_page_size - 1) / cache_page_size;
    // The pages lying wholly inside the range; the block's last page may be short.
    const std::size_t first =
        offset <= start ? 0 : (offset - start + cache_page_size - 1) / cache_page_size;
    const std::size_t last = end >= start + length
                                 ? pages
                                 : static_cast<std::size_t>((end - start) / cache_page_size);
    if (first >= last) continue;
    const BlockKey key{path, version, index};
    Block* block = find(key);
    if (!block) block = &insert_memory(key, Block{std::string(length, '\0'), PageSet(pages)});
    const std::size_t from = first * cache_page_size;
    const std::size_t to = std::min(length, last * cache_page_size);
    std::memcpy(block->data.data() + from, bytes.data() + (start + from - offset), to - from);
    block->pages.add(first, last);
  }
}

BlockCache::Block* BlockCache::find(const BlockKey& key) {
  if (const auto it = memory_.find(key); it != memory_.end()) {
    memory_lru_.splice(memory_lru_.begin(), memory_lru_, it->second.lru);
    return &it->second.block;
  }
  auto block = read_disk(key);
  if (!block) return nullptr;
  return &insert_memory(key, std::move(*block));
}

const PageSet* BlockCache::find_pages(const BlockKey& key) const {
  if (const auto it = memory_.find(key); it != memory_.end()) return &it->second.block.pages;
  if (const auto it = disk_.find(key); it != disk_.end()) return &it->second.pages;
  return nullptr;
}

// The new block is the most recent: eviction takes others first and never the new one, so the
// reference stays valid (memory may exceed its cap by this one block when the cap is tiny).
BlockCache::Block& BlockCache::insert_memory(const BlockKey& key, Block block) {
  memory_used_ += block.data.size();
  memory_lru_.push_front(key);
  auto& inserted =
      memory_.emplace(key, MemoryBlock{std::move(block), memory_lru_.begin()}).first->second.block;
  while (memory_used_ > config_.memory_bytes && memory_lru_.size() > 1) {
    const auto victim = memory_.find(memory_lru_.back());
    spill(victim->first, victim->second.block);
    memory_used_ -= victim->second.block.data.size();
    memory_.erase(victim);
    memory_lru_.pop_back();
  }
  return inserted;
}

// A block already on disk is written again only if it gained pages since.
void BlockCache::spill(const BlockKey& key, const Block& block) {
  if (!disk_enabled_ || block.data.size() > config_.disk_bytes) return;
  const auto it = disk_.find(key);
  if (it != disk_.end()) disk_lru_.splice(disk_lru_.begin(), disk_lru_, it->second.lru);
  if (it != disk_.end() && it->second.pages == block.pages) return;
  auto file = it != disk_.end() ? it->second.file
                                : config_.disk_dir / ("b" + std::to_string(next_file_++) + ".blk");
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(block.data.data(), static_cast<std::streamsize>(block.data.size()));
  if (!out.flush()) {
    log::get("vfs")->warn("block cache: cannot write {}", file.string());
    std::error_code ec;
    if (it != disk_.end()) return drop_disk(it);
    std::filesystem::remove(file, ec);
    return;
  }
  if (it != disk_.end()) {
    it->second.pages = block.pages;  // same key, same length: the charge is unchanged
    return;
  }
  disk_lru_.push_front(key);
  disk_.emplace(key, DiskBlock{std::move(file), block.data.size(), block.pages, disk_lru_.begin()});
  disk_used_ += block.data.size();
  while (disk_used_ > config_.disk_bytes) drop_disk(disk_.find(disk_lru_.back()));
}

std::optional<BlockCache::Block> BlockCache::read_disk(const BlockKey& key) {
  const auto it = disk_.find(key);
  if (it == disk_.end()) return std::nullopt;
  Block block{std::string(it->second.bytes, '\0'), it->second.pages};
  std::ifstream in(it->second.file, std::ios::binary);
  in.read(block.data.data(), static_cast<std::streamsize>(block.data.size()));
  if (!in || in.gcount() != static_cast<std::streamsize>(block.data.size())) {
    log::get("vfs")->warn("block cache: lost {}", it->second.file.string());
    drop_disk(it);
    return std::nullopt;
  }
  disk_lru_.splice(disk_lru_.begin(), disk_lru_, it->second.lru);
  return block;
}

void BlockCache::drop_disk(std::unordered_map<BlockKey, DiskBlock, BlockKeyHash>::iterator it) {
  std::error_code ec;
  std::filesystem::remove(it->second.file, ec);
  disk_used_ -= it->second.bytes;
  disk_lru_.erase(it->second.lru);
  disk_.erase(it);
}

template <class Pred>
void BlockCache::drop_if(Pred pred) {
  for (auto it = memory_.begin(); it != memory_.end();) {
    if (!pred(it->first)) {
      ++it;
      continue;
    }
    memory_used_ -= it->second.block.data.size();
    memory_lru_.erase(it->second.lru);
    it = memory_.erase(it);
  }
  for (auto it = disk_.begin(); it != disk_.end();) {
    auto next = std::next(it);
    if (pred(it->first)) drop_disk(it);
    it = next;
  }
}

void BlockCache::invalidate(const std::string& path) {
  std::lock_guard lock(mu_);
  drop_if([&](const BlockKey& key) { return key.path == path; });
}

void BlockCache::invalidate_tree(const std::string& dir) {
  std::lock_guard lock(mu_);
  drop_if([&](const BlockKey& key) { return is_within(key.path, dir); });
}

BlockCacheStats BlockCache::stats() const {
  std::lock_guard lock(mu_);
  return {memory_used_, disk_used_, memory_.size(), disk_.size()};
}

}  // namespace mfs::vfs
