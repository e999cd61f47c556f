// usable_entries: the filter between a parsed listing and the directory entries the kernel
// gets. Refusals are returned with their reason, for the caller to log.
#include "core/ftp/list_sanity.hpp"

#include <cstdint>
#include <limits>
#include <unordered_set>

namespace mfs::ftp {
namespace {

constexpr std::uint64_t max_size = std::numeric_limits<std::int64_t>::max();
constexpr mode_t permission_bits = 0777;

}  // namespace

std::string_view entry_fault(const ListEntry& entry) {
  const std::string& name = entry.name;
  if (name.empty() || name == "." || name == "..") return "not a name";
  if (name.find('/') != std::string::npos) return "contains '/'";
  if (name.find('\0') != std::string::npos) return "contains a NUL byte";
  if (name.size() > max_entry_name_octets) return "longer than 255 octets";
  if (entry.size > max_size) return "size of 2^63 bytes or more";
  return {};
}

UsableListing usable_entries(std::vector<ListEntry> entries) {
  UsableListing out;
  out.entries.reserve(entries.size());
  std::unordered_set<std::string_view> seen;  // views into `entries`, which outlives the set
  for (ListEntry& entry : entries) {
    if (entry.name == "." || entry.name == "..") continue;  // LIST -a's own: not entries
    if (const auto fault = entry_fault(entry); !fault.empty()) {
      out.refused.push_back({entry.name, fault});
    } else if (!seen.insert(entry.name).second) {
      out.refused.push_back({entry.name, "listed twice"});
    } else {
      entry.mode &= permission_bits;
      out.entries.push_back(entry);
    }
  }
  return out;
}

}  // namespace mfs::ftp
