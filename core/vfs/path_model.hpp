// Remote path model: absolute, '/'-separated paths as FUSE hands them over ("/", "/a/b c").
// Pure string helpers shared by the caches and RemoteFs; no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mfs::vfs {

// "/a/b" -> "/a"; "/a" -> "/"; "/" -> "/".
std::string parent_of(std::string_view path);

// "/a/b" -> "b"; "/" -> "".
std::string name_of(std::string_view path);

// ("/", "x") -> "/x"; ("/a", "x") -> "/a/x".
std::string join(std::string_view dir, std::string_view name);

// True when `path` is `dir` itself or lies below it ("/a/b" is under "/a", "/ab" is not).
bool is_within(std::string_view path, std::string_view dir);

// `path` with its leading `from` replaced by `to`; `path` must be within `from`.
std::string rebase(std::string_view path, std::string_view from, std::string_view to);

// Where an upload of `path` is staged before the rename over it: a hidden name beside the
// target, ".name.mfs-XXXXXX" (XXXXXX from `spool_id`), or ".mfs-<spool_id>" when that is too
// long for the wire. nullopt when neither fits in 255 octets: the caller uploads in place.
std::optional<std::string> upload_temp_path(std::string_view path, std::string_view spool_id);

}  // namespace mfs::vfs
