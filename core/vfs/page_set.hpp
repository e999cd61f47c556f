// PageSet: which pages of one cache block hold data. FUSE reads arrive in whole kernel pages,
// so a random read caches (and later finds) its pages without fetching the rest of the block.
#pragma once

#include <cstddef>
#include <vector>

namespace mfs::vfs {

// The kernel's page: the unit FUSE read requests are aligned to.
inline constexpr std::size_t cache_page_size = 4096;

class PageSet {
 public:
  PageSet() = default;
  explicit PageSet(std::size_t pages) : held_(pages, false) {}

  std::size_t size() const { return held_.size(); }
  bool has(std::size_t page) const { return page < held_.size() && held_[page]; }

  void add(std::size_t first, std::size_t last) {  // pages [first, last)
    for (std::size_t p = first; p < last && p < held_.size(); ++p) held_[p] = true;
  }

  // The first page at or after `page` that is held (held = true) or missing (held = false);
  // size() when there is none.
  std::size_t first_from(std::size_t page, bool held) const {
    while (page < held_.size() && held_[page] != held) ++page;
    return page;
  }

  bool operator==(const PageSet&) const = default;

 private:
  std::vector<bool> held_;
};

}  // namespace mfs::vfs
