// RemoteFs reads: through the block cache, fetching what is missing: a sequential reader gets
// its block with readahead that grows while it goes on, a random read only the pages it asked
// for. Bytes the session spills are filed into the cache too.
#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/util/log.hpp"
#include "core/vfs/remote_fs_impl.hpp"

namespace mfs::vfs {
namespace {

// Readahead doubles on every sequential miss, 1 -> 2 -> 4 -> 8 blocks (2 MiB at the default
// block size): enough to keep one download stream busy without holding a reader for long.
constexpr std::uint64_t max_readahead_blocks = 8;

}  // namespace

result<std::size_t> RemoteFs::Impl::read(Handle h, char* buf, std::size_t size,
                                         std::uint64_t offset) {
  std::string path;
  FileVersion version;
  ReadCursor cursor;
  bool reached_end = false;
  std::shared_ptr<OpenFile> file;
  {
    std::lock_guard lock(mu_);
    const auto it = handles_.find(h);
    if (it == handles_.end()) return errc(std::errc::bad_file_descriptor);
    path = it->second->path;
    version = it->second->version;
    cursor = it->second->cursor;
    reached_end = it->second->reached_end;
    file = it->second->file;
  }
  if (file) {
    // A poisoned spool holds neither version of the file: nothing in it is worth reading.
    if (failure_of(file)) return errc(std::errc::io_error);
    MFS_TRY(fill_spool(file));
    return file->spool->read_at(offset, {buf, size});
  }
  // Past the end this handle knows, once it has been there: the kernel asks because a stat
  // showed the file bigger (tail -f follows it).
  if (reached_end && offset + size > version.size) {
    MFS_TRY(now, follow(h, path));
    version = now;
  }
  MFS_TRY(n, read_remote(path, version, cursor, buf, size, offset));
  std::lock_guard lock(mu_);
  if (const auto it = handles_.find(h); it != handles_.end()) {
    it->second->cursor = cursor;
    if (offset + n >= version.size) it->second->reached_end = true;
  }
  return n;
}

bool RemoteFs::Impl::followed(const std::string& path) {
  std::lock_guard lock(mu_);
  return std::any_of(handles_.begin(), handles_.end(), [&](const auto& item) {
    return item.second->reached_end && !item.second->file && item.second->path == path;
  });
}

// Following a file that grows (tail -f): a reader at the end takes the size the listing shows
// now, fetched again when over a second old (one FTPLIST of the directory per second at most,
// shared by every reader in it; our own uploads update it at once). Bytes before the old end
// are trusted unchanged: growth is read from there.
result<FileVersion> RemoteFs::Impl::follow(Handle h, const std::string& path) {
  MFS_TRY(entry, find_entry(path, follow_listing_age));
  if (entry.type == ftp::EntryType::directory) return errc(std::errc::is_a_directory);
  const FileVersion now = version_of(entry);
  std::lock_guard lock(mu_);
  if (const auto it = handles_.find(h); it != handles_.end()) it->second->version = now;
  return now;
}

// Copies [offset, offset+size) from cached pages, fetching what is missing. Fetched bytes are
// copied from the fetch itself, not read back from the cache, which may not keep them. Fewer
// bytes than the listing promised (the file shrank on the server) end the read there.
result<std::size_t> RemoteFs::Impl::read_remote(const std::string& path,
                                                const FileVersion& version, ReadCursor& cursor,
                                                char* buf, std::size_t size,
                                                std::uint64_t offset) {
  if (offset >= version.size) return std::size_t{0};
  size = static_cast<std::size_t>(std::min<std::uint64_t>(size, version.size - offset));
  // A read at 0 on a fresh handle counts as sequential: whole-file copies are the usual case.
  const bool sequential = offset == cursor.next_offset;
  std::size_t done = blocks_.read(path, version, offset, {buf, size});
  while (done < size) {
    const std::uint64_t pos = offset + done;
    MFS_TRY(fetched, fetch(path, version, pos, offset + size, cursor, sequential));
    const auto skip = static_cast<std::size_t>(pos - fetched.offset);
    if (fetched.bytes.size() <= skip) break;
    const std::size_t n = std::min(size - done, fetched.bytes.size() - skip);
    std::memcpy(buf + done, fetched.bytes.data() + skip, n);
    done += n;
    if (fetched.bytes.size() < fetched.length) break;
    done += blocks_.read(path, version, offset + done, {buf + done, size - done});
  }
  cursor.next_offset = offset + done;
  return done;
}

// Fetches from the page holding `pos` (the first byte not cached) up to the next cached page
// or the fetch's limit, and caches the pages. A sequential reader's limit is the end of its
// block plus readahead; a random read's is the end of the page holding its last byte
// (`want_end` - 1), so it costs only the pages the kernel asked for.
result<RemoteFs::Impl::FetchedRange> RemoteFs::Impl::fetch(const std::string& path,
                                                           const FileVersion& version,
                                                           std::uint64_t pos,
                                                           std::uint64_t want_end,
                                                           ReadCursor& cursor, bool sequential) {
  const std::uint64_t grown = std::max<std::uint64_t>(1, cursor.readahead_blocks * 2);
  cursor.readahead_blocks = sequential ? std::min(max_readahead_blocks, grown) : 0;
  const std::size_t bs = blocks_.block_size();
  const std::uint64_t limit =
      sequential ? std::min<std::uint64_t>((pos / bs + 1 + cursor.readahead_blocks) * bs,
                                           version.size)
                 : blocks_.page_end(version, want_end - 1);
  const std::uint64_t start = blocks_.page_start(pos);
  // The first page is missing (the caller found it so), even if another reader filled it since.
  const std::uint64_t stop =
      blocks_.next_cached(path, version, blocks_.page_end(version, pos), limit);
  const auto length = static_cast<std::size_t>(stop - start);
  MFS_TRY(bytes, session_.read(path, start, length, version.size));
  blocks_.put_range(path, version, start, bytes);
  return FetchedRange{start, length, std::move(bytes)};
}

// All `length` bytes or ESTALE: a file that came shorter than its listing said changed on the
// server meanwhile, and a spool made of part of it and anything else would be neither version.
result<void> RemoteFs::Impl::copy_to_spool(const std::string& path, const FileVersion& version,
                                           WriteSpool& spool, std::uint64_t length) {
  ReadCursor cursor;
  std::string chunk(blocks_.block_size(), '\0');
  for (std::uint64_t pos = 0; pos < length;) {
    const auto want =
        static_cast<std::size_t>(std::min<std::uint64_t>(chunk.size(), length - pos));
    MFS_TRY(n, read_remote(path, version, cursor, chunk.data(), want, pos));
    if (n == 0) return std::error_code(ESTALE, std::generic_category());
    MFS_TRY(spool.write_at(pos, {chunk.data(), n}));
    pos += n;
  }
  return success();
}

// POSIX keeps an unlinked file readable through the descriptors opened before: each reader
// of `path` that reads the server's file is moved onto a local copy of its version (a spool
// that is never published) before the server's file goes. A copy that fails (no room, no
// link) is logged, and its readers get ESTALE once the file is gone.
void RemoteFs::Impl::keep_for_readers(const std::string& path) {
  std::vector<std::shared_ptr<HandleState>> readers;
  {
    std::lock_guard lock(mu_);
    for (const auto& item : handles_) {
      if (!item.second->file && item.second->path == path) readers.push_back(item.second);
    }
  }
  std::vector<std::pair<FileVersion, std::shared_ptr<OpenFile>>> copies;
  for (const auto& reader : readers) {
    auto it = std::find_if(copies.begin(), copies.end(),
                           [&](const auto& copy) { return copy.first == reader->version; });
    if (it == copies.end()) {
      auto copy = local_copy(path, reader->version);
      if (!copy) continue;
      it = copies.insert(copies.end(), {reader->version, std::move(copy)});
    }
    std::lock_guard lock(mu_);
    ++it->second->handles;
    reader->file = it->second;
  }
}

std::shared_ptr<OpenFile> RemoteFs::Impl::local_copy(const std::string& path,
                                                     const FileVersion& version) {
  auto spool = WriteSpool::create(spool_dir_, path);
  result<void> copied = spool ? copy_to_spool(path, version, *spool.value(), version.size)
                              : result<void>(spool.error());
  if (spool) (void)spool.value()->retire();
  if (!copied) {
    log::get("vfs")->warn("{}: cannot keep a copy for its open readers: {}", path,
                          copied.error().message());
    if (spool) spool.value()->discard();
    return nullptr;
  }
  auto file = std::make_shared<OpenFile>();
  file->path = path;
  file->spool = std::move(spool).value();
  file->unlinked = true;  // never uploaded; the last release deletes it
  return file;
}

// Runs on the modem thread: files the bytes under the version the listing last showed.
void RemoteFs::Impl::on_spill(const std::string& path, std::uint64_t offset,
                              const std::string& bytes) {
  const auto entry = dirs_.peek_entry(path);
  if (!entry || entry->type != ftp::EntryType::file) return;
  blocks_.put_range(path, version_of(*entry), offset, bytes);
}

}  // namespace mfs::vfs
