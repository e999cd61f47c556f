// Turning option text into typed values (and back, for --help): sizes with K/M/G suffixes, numbers, secrets read
// from a file, the default cache directory, and removing a password from argv.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/util/result.hpp"

namespace mfs::fusefs {

// "262144", "256K", "256M", "1G" (binary multiples, either case). nullopt on anything else.
std::optional<std::uint64_t> parse_size(std::string_view text);

// The inverse, for --help's defaults: 262144 -> "256K", 1 << 30 -> "1G", 1000 -> "1000".
std::string format_size(std::uint64_t bytes);

// A plain unsigned decimal number, nullopt on anything else (no sign, no suffix, no overflow).
std::optional<std::uint64_t> parse_number(std::string_view text);

// The first line of `path` without its line end: passfile= and apn_passfile=.
result<std::string> read_secret_file(const std::filesystem::path& path);

// True when a secret file can be read by users other than its owner.
bool readable_by_others(const std::filesystem::path& path);

// $XDG_CACHE_HOME/modemftpfs/<hash>, else ~/.cache/..., else /var/cache/modemftpfs/<hash>:
// one directory per `identity` (device, host, port, user), so two mounts never share spools.
std::filesystem::path default_cache_dir(std::string_view identity);

// Overwrites the value of every `password=` inside -o option lists in argv with 'x's, in place,
// so that /proc/PID/cmdline (and ps) no longer shows it. Returns true if one was found.
bool scrub_password(int argc, char* argv[]);

}  // namespace mfs::fusefs
