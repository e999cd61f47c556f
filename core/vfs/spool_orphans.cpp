// Orphaned spools: moved aside under the spool's lock (so a live mount's spool is never taken),
// each file re-dated so that the sweep counts its age from the day it was set aside.
#include "core/vfs/spool_orphans.hpp"

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "core/vfs/spool_handover.hpp"

namespace mfs::vfs {
namespace {

// Every file a spool may own, the data file first.
constexpr const char* spool_suffixes[] = {".data", ".path", ".handed"};

}  // namespace

result<std::filesystem::path> set_aside_spool(const std::filesystem::path& spool_dir,
                                              const std::filesystem::path& orphan_dir,
                                              const std::string& id) {
  const auto data = spool_dir / (id + ".data");
  const int fd = ::open(data.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::error_code(errno, std::generic_category());
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return std::make_error_code(std::errc::device_or_resource_busy);
  }
  std::error_code ec;
  std::filesystem::create_directories(orphan_dir, ec);
  const auto now = std::filesystem::file_time_type::clock::now();
  for (const char* suffix : spool_suffixes) {
    const auto from = spool_dir / (id + suffix);
    const auto to = orphan_dir / (id + suffix);
    if (ec || !std::filesystem::exists(from)) continue;
    std::filesystem::rename(from, to, ec);
    if (!ec) std::filesystem::last_write_time(to, now, ec);
  }
  ::close(fd);
  if (ec) return ec;
  MFS_TRY(handover::sync_dir(spool_dir));
  return orphan_dir / (id + ".data");
}

std::size_t sweep_orphans(const std::filesystem::path& orphan_dir,
                          std::chrono::system_clock::duration keep) {
  const auto limit = std::filesystem::file_time_type::clock::now() - keep;
  std::size_t removed = 0;
  std::error_code ec;
  for (const auto& item : std::filesystem::directory_iterator(orphan_dir, ec)) {
    std::error_code item_ec;
    if (item.last_write_time(item_ec) >= limit || item_ec) continue;
    if (std::filesystem::remove(item.path(), item_ec)) ++removed;
  }
  return removed;
}

}  // namespace mfs::vfs
