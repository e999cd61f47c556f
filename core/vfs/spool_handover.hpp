// The handover mark of a write spool: "<id>.handed" beside "<id>.data", written when the writer
// hands the data over (close, fsync) and removed before any later change. After a crash a spool
// is publishable only if its mark is there and names the data file's size: data still being
// written, or changed after it was handed over, never reaches the server under the real name.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "core/util/result.hpp"

namespace mfs::vfs::handover {

struct Mark {
  std::uint64_t size = 0;        // bytes handed over
  std::uint64_t generation = 0;  // the spool's change count then (for the log)
  // An append: bytes [0, server_prefix) are the server's file, not in the data (holes there).
  std::uint64_t server_prefix = 0;
};

// Durable in this order: the data (fsync of `data_fd`), the mark (written to a temporary name,
// fsynced, renamed into place), the directory entry (fsync of `dir`).
result<void> write_mark(const std::filesystem::path& dir, const std::string& id, int data_fd,
                        const Mark& mark);
// Removes the mark, durably; no mark is fine. Needs no free space (ENOSPC cannot stop it).
result<void> remove_mark(const std::filesystem::path& dir, const std::string& id);
std::optional<Mark> read_mark(const std::filesystem::path& dir, const std::string& id);

result<void> sync_dir(const std::filesystem::path& dir);

}  // namespace mfs::vfs::handover
