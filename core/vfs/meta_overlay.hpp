// What users set that the FTP wire cannot carry: a file's modification time (utimens, cp -p,
// rsync -t) and permission bits (chmod), kept per path in an SQLite database in cache_dir, so
// that it survives a remount. A record describes the server's file as it was when recorded:
// it holds while the listing shows the same size and listed time (a directory: the same
// listed time), and is dropped once the server's file changed. Our own uploads record the
// time they show, so that a listing refresh does not move it. Other clients of the server see
// none of this.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/ftp/list_entry.hpp"
#include "core/util/result.hpp"

struct sqlite3;

namespace mfs::vfs {

struct FileTime {
  std::int64_t seconds = 0;
  std::int64_t nanoseconds = 0;
  bool operator==(const FileTime&) const = default;
};

struct MetaRecord {
  std::uint64_t size = 0;                    // of the file when recorded
  std::optional<std::int64_t> listed_mtime;  // the listing's time then; unknown until listed
  std::optional<FileTime> mtime;             // what to show instead of the listing's time
  std::optional<mode_t> mode;                // permission bits to show
};

class MetaOverlay {
 public:
  // Opens (or creates) the database; WAL journal, one transaction per change.
  static result<std::unique_ptr<MetaOverlay>> open(const std::filesystem::path& file);
  ~MetaOverlay();
  MetaOverlay(const MetaOverlay&) = delete;
  MetaOverlay& operator=(const MetaOverlay&) = delete;

  // The records of the entries of `dir` that still describe them (by name); stale ones go.
  std::map<std::string, MetaRecord> valid_in(const std::string& dir,
                                             const std::vector<ftp::ListEntry>& entries);
  std::optional<MetaRecord> valid_for(const std::string& path, const ftp::ListEntry& entry);

  // Merges into the record of `path` (a file of `size` bytes now, its listed time unknown).
  void set_mtime(const std::string& path, std::uint64_t size, FileTime mtime);
  void set_mode(const std::string& path, std::uint64_t size, mode_t mode);
  // After our upload of `size` bytes: the time it shows from now on, and the mode if set.
  void uploaded(const std::string& path, std::uint64_t size, FileTime mtime,
                std::optional<mode_t> mode);

  // A fresh listing of `dir`: binds records whose listed time was unknown, drops the records
  // of names no longer listed.
  void listed(const std::string& dir, const std::vector<ftp::ListEntry>& entries);
  void rename(const std::string& from, const std::string& to);  // the path and all below it
  void erase(const std::string& path);                          // the path and all below it

 private:
  explicit MetaOverlay(sqlite3* db);
  // Each with mu_ held.
  std::optional<MetaRecord> load(const std::string& path);
  std::map<std::string, MetaRecord> records_in(const std::string& dir);  // by path
  void drop(const std::string& path);
  void merge(const std::string& path, std::uint64_t size,
             const std::function<void(MetaRecord&)>& change);
  void store(const std::string& path, const MetaRecord& record);
  void exec(const char* sql);

  std::mutex mu_;
  sqlite3* db_;
};

}  // namespace mfs::vfs
