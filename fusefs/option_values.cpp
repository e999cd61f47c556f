// Option text to typed values. Kept apart from the fuse_opt table so each conversion is
// testable on its own.
#include "fusefs/option_values.hpp"

#include <sys/stat.h>

#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <utility>

#include <fmt/format.h>

namespace mfs::fusefs {
namespace {

// FNV-1a: stable across builds and machines, unlike std::hash, so the cache survives upgrades.
std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

std::filesystem::path cache_base() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg && xdg[0] == '/') return std::filesystem::path(xdg) / "modemftpfs";
  const char* home = std::getenv("HOME");
  if (home && home[0] == '/') return std::filesystem::path(home) / ".cache" / "modemftpfs";
  // Mounted from /etc/fstab at boot there may be no HOME at all.
  return "/var/cache/modemftpfs";
}

// Masks the value of each "password=" element in one -o list (elements are split at commas
// not escaped by a backslash, as fuse_opt splits them).
bool scrub_option_list(char* list) {
  bool found = false;
  bool element_start = true;
  for (char* p = list; *p; ++p) {
    if (element_start && std::strncmp(p, "password=", 9) == 0) {
      found = true;
      for (p += 9; *p && *p != ','; ++p) {
        if (*p == '\\' && p[1]) *p++ = 'x';
        *p = 'x';
      }
      if (!*p) break;
    }
    if (*p == '\\' && p[1]) {
      ++p;
      element_start = false;
      continue;
    }
    element_start = *p == ',';
  }
  return found;
}

}  // namespace

std::optional<std::uint64_t> parse_number(std::string_view text) {
  std::uint64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

std::optional<std::uint64_t> parse_size(std::string_view text) {
  unsigned shift = 0;
  if (!text.empty()) {
    switch (std::toupper(static_cast<unsigned char>(text.back()))) {
      case 'K': shift = 10; break;
      case 'M': shift = 20; break;
      case 'G': shift = 30; break;
      default: break;
    }
  }
  if (shift != 0) text.remove_suffix(1);
  const auto number = parse_number(text);
  if (!number || *number > (UINT64_MAX >> shift)) return std::nullopt;
  return *number << shift;
}

std::string format_size(std::uint64_t bytes) {
  for (const auto& [shift, suffix] : {std::pair{30, 'G'}, std::pair{20, 'M'}, std::pair{10, 'K'}}) {
    if (bytes != 0 && bytes % (1ull << shift) == 0) return std::to_string(bytes >> shift) + suffix;
  }
  return std::to_string(bytes);
}

result<std::string> read_secret_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::error_code(errno ? errno : ENOENT, std::generic_category());
  std::string line;
  std::getline(in, line);
  if (in.bad()) return std::error_code(EIO, std::generic_category());
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

bool readable_by_others(const std::filesystem::path& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && (st.st_mode & (S_IRGRP | S_IROTH)) != 0;
}

std::filesystem::path default_cache_dir(std::string_view identity) {
  return cache_base() / fmt::format("{:016x}", fnv1a(identity));
}

bool scrub_password(int argc, char* argv[]) {
  bool found = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
      found = scrub_option_list(argv[++i]) || found;
    } else if (std::strncmp(argv[i], "-o", 2) == 0) {
      found = scrub_option_list(argv[i] + 2) || found;
    }
  }
  return found;
}

}  // namespace mfs::fusefs
