// Block cache: memory LRU over an on-disk LRU. The disk tier is inclusive: a block read back
// from disk stays there, so evicting it from memory again costs no write.
#include "core/vfs/block_cache.hpp"

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

std::optional<std::string> BlockCache::get(const BlockKey& key) {
  std::lock_guard lock(mu_);
  if (const auto it = memory_.find(key); it != memory_.end()) {
    memory_lru_.splice(memory_lru_.begin(), memory_lru_, it->second.lru);
    return it->second.data;
  }
  auto data = read_disk(key);
  if (data) insert_memory(key, *data);
  return data;
}

bool BlockCache::contains(const BlockKey& key) const {
  std::lock_guard lock(mu_);
  return memory_.contains(key) || disk_.contains(key);
}

void BlockCache::put(const BlockKey& key, std::string data) {
  std::lock_guard lock(mu_);
  insert_memory(key, std::move(data));
}

void BlockCache::put_range(const std::string& path, const FileVersion& version,
                           std::uint64_t offset, std::string_view bytes) {
  const std::size_t bs = config_.block_size;
  std::uint64_t index = (offset + bs - 1) / bs;  // first block starting inside the range
  for (;; ++index) {
    const std::uint64_t start = index * bs;
    const std::size_t want = expected_length(version, index);
    if (want == 0 || start + want > offset + bytes.size()) return;
    put(BlockKey{path, version, index}, std::string(bytes.substr(start - offset, want)));
  }
}

void BlockCache::insert_memory(const BlockKey& key, std::string data) {
  if (const auto it = memory_.find(key); it != memory_.end()) {
    memory_used_ -= it->second.data.size();
    memory_lru_.erase(it->second.lru);
    memory_.erase(it);
  }
  memory_used_ += data.size();
  memory_lru_.push_front(key);
  memory_.emplace(key, MemoryBlock{std::move(data), memory_lru_.begin()});
  while (memory_used_ > config_.memory_bytes && !memory_lru_.empty()) {
    const auto victim = memory_.find(memory_lru_.back());
    spill(victim->first, victim->second.data);
    memory_used_ -= victim->second.data.size();
    memory_.erase(victim);
    memory_lru_.pop_back();
  }
}

void BlockCache::spill(const BlockKey& key, const std::string& data) {
  if (!disk_enabled_ || data.size() > config_.disk_bytes) return;
  if (const auto it = disk_.find(key); it != disk_.end()) {
    disk_lru_.splice(disk_lru_.begin(), disk_lru_, it->second.lru);
    return;
  }
  auto file = config_.disk_dir / ("b" + std::to_string(next_file_++) + ".blk");
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  if (!out.flush()) {
    log::get("vfs")->warn("block cache: cannot write {}", file.string());
    std::error_code ec;
    std::filesystem::remove(file, ec);
    return;
  }
  disk_lru_.push_front(key);
  disk_.emplace(key, DiskBlock{std::move(file), data.size(), disk_lru_.begin()});
  disk_used_ += data.size();
  while (disk_used_ > config_.disk_bytes) drop_disk(disk_.find(disk_lru_.back()));
}

std::optional<std::string> BlockCache::read_disk(const BlockKey& key) {
  const auto it = disk_.find(key);
  if (it == disk_.end()) return std::nullopt;
  std::string data(it->second.bytes, '\0');
  std::ifstream in(it->second.file, std::ios::binary);
  in.read(data.data(), static_cast<std::streamsize>(data.size()));
  if (!in || in.gcount() != static_cast<std::streamsize>(data.size())) {
    log::get("vfs")->warn("block cache: lost {}", it->second.file.string());
    drop_disk(it);
    return std::nullopt;
  }
  disk_lru_.splice(disk_lru_.begin(), disk_lru_, it->second.lru);
  return data;
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
    memory_used_ -= it->second.data.size();
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
