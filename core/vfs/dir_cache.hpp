// Directory cache: the parsed listing of each remote directory, fresh for a TTL. One FTPLIST
// answers getattr for every entry, including "no such name" (DESIGN.md, Caches). Our own
// mutations update listings in place instead of dropping them.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/ftp/list_entry.hpp"

namespace mfs::vfs {

enum class Presence { unknown, absent, present };

struct EntryLookup {
  Presence presence = Presence::unknown;
  ftp::ListEntry entry;  // meaningful only when present
};

// Lock order: DirCache::mu_ is a leaf (nothing else is locked while it is held).
class DirCache {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  explicit DirCache(std::chrono::steady_clock::duration ttl,
                    Clock clock = &std::chrono::steady_clock::now);

  // Replaces the listing of `dir`, fresh from now. Drops listings that have gone stale.
  void store(const std::string& dir, const std::vector<ftp::ListEntry>& entries);

  // The fresh listing of `dir`, sorted by name; nullopt when missing or stale.
  std::optional<std::vector<ftp::ListEntry>> lookup(const std::string& dir) const;

  // `path` answered from its parent's fresh listing: present, absent, or unknown. With
  // `max_age`, a listing fetched longer ago than that answers unknown too.
  EntryLookup entry(const std::string& path,
                    std::chrono::steady_clock::duration max_age =
                        std::chrono::steady_clock::duration::max()) const;

  // `path` from its parent's listing even when stale (for bytes that arrive unasked).
  std::optional<ftp::ListEntry> peek_entry(const std::string& path) const;

  // Adds or replaces `path` in its parent's listing, if that listing is cached. The entry's
  // name is taken from `path`.
  void upsert(const std::string& path, ftp::ListEntry entry);
  void erase(const std::string& path);

  // Moves the entry between listings. A directory (or an entry whose type is unknown) also
  // drops every cached listing under `from` and under `to`.
  void rename(const std::string& from, const std::string& to);

  void invalidate(const std::string& dir);
  void invalidate_tree(const std::string& dir);  // `dir` and every listing below it

 private:
  struct Listing {
    std::map<std::string, ftp::ListEntry> entries;
    std::chrono::steady_clock::time_point listed;
    std::chrono::steady_clock::time_point expires;
  };

  const Listing* fresh(const std::string& dir) const;  // caller holds mu_
  void drop_tree(const std::string& dir);              // caller holds mu_

  const std::chrono::steady_clock::duration ttl_;
  const Clock clock_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Listing> listings_;  // guarded by mu_
};

}  // namespace mfs::vfs
