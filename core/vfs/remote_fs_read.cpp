// RemoteFs reads: through the block cache, fetching missing blocks with readahead that grows
// while a handle reads sequentially, and filing bytes the session spills into the cache.
#include <algorithm>
#include <cstring>

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
  std::shared_ptr<OpenFile> file;
  {
    std::lock_guard lock(mu_);
    const auto it = handles_.find(h);
    if (it == handles_.end()) return errc(std::errc::bad_file_descriptor);
    path = it->second->path;
    version = it->second->version;
    cursor = it->second->cursor;
    file = it->second->file;
  }
  if (file) return file->spool->read_at(offset, {buf, size});
  MFS_TRY(n, read_remote(path, version, cursor, buf, size, offset));
  std::lock_guard lock(mu_);
  if (const auto it = handles_.find(h); it != handles_.end()) it->second->cursor = cursor;
  return n;
}

// Copies [offset, offset+size) from cached or fetched blocks. A block shorter than the
// listing promised (the file shrank on the server) ends the read there.
result<std::size_t> RemoteFs::Impl::read_remote(const std::string& path,
                                                const FileVersion& version, ReadCursor& cursor,
                                                char* buf, std::size_t size,
                                                std::uint64_t offset) {
  if (offset >= version.size) return std::size_t{0};
  size = static_cast<std::size_t>(std::min<std::uint64_t>(size, version.size - offset));
  const std::size_t bs = blocks_.block_size();
  // A read at 0 on a fresh handle counts as sequential: whole-file copies are the usual case.
  const bool sequential = offset == cursor.next_offset;
  std::size_t done = 0;
  while (done < size) {
    const std::uint64_t pos = offset + done;
    const std::uint64_t index = pos / bs;
    auto block = blocks_.get({path, version, index});
    if (!block) {
      MFS_TRY(fetched, fetch(path, version, index, cursor, sequential));
      block = std::move(fetched);
    }
    const std::size_t in_block = static_cast<std::size_t>(pos - index * bs);
    if (block->size() <= in_block) break;
    const std::size_t n = std::min(size - done, block->size() - in_block);
    std::memcpy(buf + done, block->data() + in_block, n);
    done += n;
    if (block->size() < blocks_.expected_length(version, index)) break;
  }
  cursor.next_offset = offset + done;
  return done;
}

// Fetches block `index` plus readahead, stopping before a block already cached, and returns
// block `index` (possibly short). Every complete block fetched goes into the cache.
result<std::string> RemoteFs::Impl::fetch(const std::string& path, const FileVersion& version,
                                          std::uint64_t index, ReadCursor& cursor,
                                          bool sequential) {
  const std::uint64_t grown = std::max<std::uint64_t>(1, cursor.readahead_blocks * 2);
  cursor.readahead_blocks = sequential ? std::min(max_readahead_blocks, grown) : 0;
  std::uint64_t end = index + 1;
  while (end <= index + cursor.readahead_blocks && blocks_.expected_length(version, end) > 0 &&
         !blocks_.contains({path, version, end})) {
    ++end;
  }
  const std::size_t bs = blocks_.block_size();
  const std::uint64_t start = index * bs;
  const std::uint64_t stop = std::min<std::uint64_t>(end * bs, version.size);
  MFS_TRY(bytes, session_.read(path, start, static_cast<std::size_t>(stop - start), version.size));
  blocks_.put_range(path, version, start, bytes);
  std::string first = std::move(bytes);
  if (first.size() > bs) first.resize(bs);
  return first;
}

result<void> RemoteFs::Impl::copy_to_spool(const std::string& path, const FileVersion& version,
                                           WriteSpool& spool, std::uint64_t length) {
  ReadCursor cursor;
  std::string chunk(blocks_.block_size(), '\0');
  for (std::uint64_t pos = 0; pos < length;) {
    const auto want =
        static_cast<std::size_t>(std::min<std::uint64_t>(chunk.size(), length - pos));
    MFS_TRY(n, read_remote(path, version, cursor, chunk.data(), want, pos));
    if (n == 0) break;
    MFS_TRY(spool.write_at(pos, {chunk.data(), n}));
    pos += n;
  }
  return success();
}

// Runs on the modem thread: files the bytes under the version the listing last showed.
void RemoteFs::Impl::on_spill(const std::string& path, std::uint64_t offset,
                              const std::string& bytes) {
  const auto entry = dirs_.peek_entry(path);
  if (!entry || entry->type != ftp::EntryType::file) return;
  blocks_.put_range(path, version_of(*entry), offset, bytes);
}

}  // namespace mfs::vfs
