// ListingFilter: the refusals of ftp::usable_entries, each logged once per directory and name.
#include "core/vfs/listing_filter.hpp"

#include "core/ftp/list_sanity.hpp"
#include "core/util/log.hpp"

namespace mfs::vfs {
namespace {

// A refused name may hold any byte: show it escaped, and cut short.
std::string printable(const std::string& name) {
  constexpr std::size_t shown = 80;
  std::string out;
  for (std::size_t i = 0; i < name.size() && i < shown; ++i) {
    const auto byte = static_cast<unsigned char>(name[i]);
    if (byte >= 0x20 && byte != 0x7f && byte != '\\') {
      out += name[i];
    } else {
      static constexpr char hex[] = "0123456789abcdef";
      out += {'\\', 'x', hex[byte >> 4], hex[byte & 15]};
    }
  }
  if (name.size() > shown) out += "...";
  return out;
}

}  // namespace

std::vector<ftp::ListEntry> ListingFilter::apply(const std::string& dir,
                                                 std::vector<ftp::ListEntry> entries) {
  auto usable = ftp::usable_entries(std::move(entries));
  for (const auto& refused : usable.refused) {
    if (!first_warning(dir + '\0' + refused.name)) continue;
    log::get("vfs")->warn("{}: not showing the listed entry \"{}\": {}", dir,
                          printable(refused.name), refused.reason);
  }
  return std::move(usable.entries);
}

bool ListingFilter::first_warning(const std::string& key) {
  std::lock_guard lock(mu_);
  if (warned_.size() >= max_remembered) warned_.clear();
  return warned_.insert(key).second;
}

}  // namespace mfs::vfs
