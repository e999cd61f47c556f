// Directory cache: listings by directory path with an expiry, updated in place by our own
// create/unlink/rename/mkdir/rmdir so a mutation never costs a fresh FTPLIST.
#include "core/vfs/dir_cache.hpp"

#include <iterator>

#include "core/vfs/path_model.hpp"

namespace mfs::vfs {

DirCache::DirCache(std::chrono::steady_clock::duration ttl, Clock clock)
    : ttl_(ttl), clock_(std::move(clock)) {}

void DirCache::store(const std::string& dir, const std::vector<ftp::ListEntry>& entries) {
  const auto now = clock_();
  Listing listing;
  listing.listed = now;
  listing.expires = now + ttl_;
  for (const auto& e : entries) listing.entries.insert_or_assign(e.name, e);
  std::lock_guard lock(mu_);
  // Stale listings are only kept for peek_entry; sweeping here bounds memory by what one
  // TTL's worth of browsing touches. Listing calls are rare next to the modem's cost.
  std::erase_if(listings_, [&](const auto& item) { return item.second.expires <= now; });
  listings_.insert_or_assign(dir, std::move(listing));
}

const DirCache::Listing* DirCache::fresh(const std::string& dir) const {
  const auto it = listings_.find(dir);
  if (it == listings_.end() || it->second.expires <= clock_()) return nullptr;
  return &it->second;
}

std::optional<std::vector<ftp::ListEntry>> DirCache::lookup(const std::string& dir) const {
  std::lock_guard lock(mu_);
  const Listing* listing = fresh(dir);
  if (!listing) return std::nullopt;
  std::vector<ftp::ListEntry> out;
  out.reserve(listing->entries.size());
  for (const auto& item : listing->entries) out.push_back(item.second);
  return out;
}

EntryLookup DirCache::entry(const std::string& path,
                            std::chrono::steady_clock::duration max_age) const {
  std::lock_guard lock(mu_);
  const Listing* listing = fresh(parent_of(path));
  if (!listing || clock_() - listing->listed >= max_age) return {};
  const auto it = listing->entries.find(name_of(path));
  if (it == listing->entries.end()) return {Presence::absent, {}};
  return {Presence::present, it->second};
}

std::optional<ftp::ListEntry> DirCache::peek_entry(const std::string& path) const {
  std::lock_guard lock(mu_);
  const auto listing = listings_.find(parent_of(path));
  if (listing == listings_.end()) return std::nullopt;
  const auto it = listing->second.entries.find(name_of(path));
  if (it == listing->second.entries.end()) return std::nullopt;
  return it->second;
}

void DirCache::upsert(const std::string& path, ftp::ListEntry entry) {
  entry.name = name_of(path);
  std::lock_guard lock(mu_);
  const auto listing = listings_.find(parent_of(path));
  if (listing == listings_.end()) return;
  listing->second.entries.insert_or_assign(entry.name, std::move(entry));
}

void DirCache::erase(const std::string& path) {
  std::lock_guard lock(mu_);
  const auto listing = listings_.find(parent_of(path));
  if (listing != listings_.end()) listing->second.entries.erase(name_of(path));
}

void DirCache::rename(const std::string& from, const std::string& to) {
  std::lock_guard lock(mu_);
  std::optional<ftp::ListEntry> moved;
  if (const auto src = listings_.find(parent_of(from)); src != listings_.end()) {
    const auto it = src->second.entries.find(name_of(from));
    if (it != src->second.entries.end()) {
      moved = std::move(it->second);
      src->second.entries.erase(it);
    }
  }
  if (const auto dst = listings_.find(parent_of(to)); dst != listings_.end()) {
    if (moved) {
      moved->name = name_of(to);
      dst->second.entries.insert_or_assign(moved->name, *moved);
    } else {
      listings_.erase(dst);  // the moved entry's attributes are unknown: list again
    }
  }
  if (!moved || moved->type == ftp::EntryType::directory) {
    drop_tree(from);
    drop_tree(to);
  }
}

void DirCache::invalidate(const std::string& dir) {
  std::lock_guard lock(mu_);
  listings_.erase(dir);
}

void DirCache::invalidate_tree(const std::string& dir) {
  std::lock_guard lock(mu_);
  drop_tree(dir);
}

void DirCache::drop_tree(const std::string& dir) {
  std::erase_if(listings_, [&](const auto& item) { return is_within(item.first, dir); });
}

}  // namespace mfs::vfs
