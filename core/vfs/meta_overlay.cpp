// MetaOverlay over SQLite: one row per path, the path's parent indexed for listings.
#include "core/vfs/meta_overlay.hpp"

#include <sqlite3.h>

#include <chrono>
#include <set>

#include "core/util/log.hpp"
#include "core/vfs/path_model.hpp"

namespace mfs::vfs {
namespace {

constexpr const char* schema =
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=NORMAL;"
    "CREATE TABLE IF NOT EXISTS meta("
    "  path TEXT PRIMARY KEY, parent TEXT NOT NULL, size INTEGER NOT NULL,"
    "  listed_mtime INTEGER, mtime_s INTEGER, mtime_ns INTEGER, mode INTEGER);"
    "CREATE INDEX IF NOT EXISTS meta_parent ON meta(parent);";

// One prepared statement, finalized on every path out.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool ok() const { return stmt_ != nullptr; }
  Statement& text(int i, const std::string& value) {
    sqlite3_bind_text(stmt_, i, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& integer(int i, std::optional<std::int64_t> value) {
    if (value) sqlite3_bind_int64(stmt_, i, *value);
    else sqlite3_bind_null(stmt_, i);
    return *this;
  }
  bool step() { return ok() && sqlite3_step(stmt_) == SQLITE_ROW; }
  bool run() { return ok() && sqlite3_step(stmt_) == SQLITE_DONE; }
  std::string text_at(int i) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, i))) : "";
  }
  std::optional<std::int64_t> integer_at(int i) const {
    if (sqlite3_column_type(stmt_, i) == SQLITE_NULL) return std::nullopt;
    return sqlite3_column_int64(stmt_, i);
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

MetaRecord record_at(const Statement& row, int first) {
  MetaRecord record;
  record.size = static_cast<std::uint64_t>(row.integer_at(first).value_or(0));
  record.listed_mtime = row.integer_at(first + 1);
  if (auto seconds = row.integer_at(first + 2))
    record.mtime = FileTime{*seconds, row.integer_at(first + 3).value_or(0)};
  if (auto mode = row.integer_at(first + 4)) record.mode = static_cast<mode_t>(*mode);
  return record;
}

std::int64_t listed_time(const ftp::ListEntry& entry) {
  return static_cast<std::int64_t>(std::chrono::system_clock::to_time_t(entry.mtime));
}

// Whether a record still describes the server's entry: a file of the same size, and the same
// listed time once that is known.
bool describes(const MetaRecord& record, const ftp::ListEntry& entry) {
  if (entry.type == ftp::EntryType::file && record.size != entry.size) return false;
  return !record.listed_mtime || *record.listed_mtime == listed_time(entry);
}

// `path` and every path below it, for WHERE clauses: ?1 is the path.
constexpr const char* within = "(path = ?1 OR substr(path, 1, length(?1) + 1) = ?1 || '/')";

}  // namespace

result<std::unique_ptr<MetaOverlay>> MetaOverlay::open(const std::filesystem::path& file) {
  sqlite3* db = nullptr;
  if (sqlite3_open(file.c_str(), &db) != SQLITE_OK) {
    const std::string why = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    log::get("vfs")->warn("cannot open {}: {}", file.string(), why);
    return std::make_error_code(std::errc::io_error);
  }
  sqlite3_busy_timeout(db, 2000);
  std::unique_ptr<MetaOverlay> overlay(new MetaOverlay(db));
  char* error = nullptr;
  if (sqlite3_exec(db, schema, nullptr, nullptr, &error) != SQLITE_OK) {
    log::get("vfs")->warn("cannot set up {}: {}", file.string(), error ? error : "?");
    sqlite3_free(error);
    return std::make_error_code(std::errc::io_error);
  }
  return overlay;
}

MetaOverlay::MetaOverlay(sqlite3* db) : db_(db) {}

MetaOverlay::~MetaOverlay() { sqlite3_close(db_); }

void MetaOverlay::exec(const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    log::get("vfs")->warn("metadata overlay: {}", error ? error : "?");
    sqlite3_free(error);
  }
}

std::optional<MetaRecord> MetaOverlay::load(const std::string& path) {
  Statement row(db_, "SELECT size, listed_mtime, mtime_s, mtime_ns, mode FROM meta WHERE path = ?1");
  row.text(1, path);
  if (!row.step()) return std::nullopt;
  return record_at(row, 0);
}

void MetaOverlay::store(const std::string& path, const MetaRecord& record) {
  Statement put(db_,
                "INSERT OR REPLACE INTO meta(path, parent, size, listed_mtime, mtime_s, mtime_ns, "
                "mode) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  put.text(1, path).text(2, parent_of(path)).integer(3, static_cast<std::int64_t>(record.size));
  put.integer(4, record.listed_mtime);
  put.integer(5, record.mtime ? std::optional<std::int64_t>(record.mtime->seconds) : std::nullopt);
  put.integer(6, record.mtime ? std::optional<std::int64_t>(record.mtime->nanoseconds) : std::nullopt);
  put.integer(7, record.mode ? std::optional<std::int64_t>(*record.mode) : std::nullopt);
  if (!put.run()) log::get("vfs")->warn("metadata overlay: cannot record {}: {}", path, sqlite3_errmsg(db_));
}

std::map<std::string, MetaRecord> MetaOverlay::records_in(const std::string& dir) {
  std::map<std::string, MetaRecord> found;
  Statement rows(db_, "SELECT path, size, listed_mtime, mtime_s, mtime_ns, mode FROM meta WHERE parent = ?1");
  rows.text(1, dir);
  while (rows.step()) found.emplace(rows.text_at(0), record_at(rows, 1));
  return found;
}

void MetaOverlay::drop(const std::string& path) {
  Statement gone(db_, "DELETE FROM meta WHERE path = ?1");
  gone.text(1, path).run();
}

std::map<std::string, MetaRecord> MetaOverlay::valid_in(const std::string& dir,
                                                        const std::vector<ftp::ListEntry>& entries) {
  std::lock_guard lock(mu_);
  const auto found = records_in(dir);
  std::map<std::string, MetaRecord> valid;
  for (const auto& entry : entries) {
    const std::string path = join(dir, entry.name);
    const auto it = found.find(path);
    if (it == found.end()) continue;
    if (describes(it->second, entry)) {
      valid.emplace(entry.name, it->second);
    } else {
      drop(path);
    }
  }
  return valid;
}

// One row by its key: getattr runs this for every entry a tool stats.
std::optional<MetaRecord> MetaOverlay::valid_for(const std::string& path, const ftp::ListEntry& entry) {
  std::lock_guard lock(mu_);
  auto record = load(path);
  if (!record) return std::nullopt;
  if (describes(*record, entry)) return record;
  drop(path);
  return std::nullopt;
}

void MetaOverlay::set_mtime(const std::string& path, std::uint64_t size, FileTime mtime) {
  merge(path, size, [&](MetaRecord& record) { record.mtime = mtime; });
}

void MetaOverlay::set_mode(const std::string& path, std::uint64_t size, mode_t mode) {
  merge(path, size, [&](MetaRecord& record) { record.mode = mode & 07777; });
}

// A record for another size described an older file: it starts afresh.
void MetaOverlay::merge(const std::string& path, std::uint64_t size,
                        const std::function<void(MetaRecord&)>& change) {
  std::lock_guard lock(mu_);
  MetaRecord record = load(path).value_or(MetaRecord{});
  if (record.size != size) record = MetaRecord{};
  record.size = size;
  record.listed_mtime.reset();
  change(record);
  store(path, record);
}

void MetaOverlay::uploaded(const std::string& path, std::uint64_t size, FileTime mtime,
                           std::optional<mode_t> mode) {
  std::lock_guard lock(mu_);
  store(path, MetaRecord{size, std::nullopt, mtime, mode});
}

void MetaOverlay::listed(const std::string& dir, const std::vector<ftp::ListEntry>& entries) {
  std::lock_guard lock(mu_);
  auto found = records_in(dir);
  if (found.empty()) return;
  std::map<std::string, const ftp::ListEntry*> by_name;
  for (const auto& entry : entries) by_name.emplace(entry.name, &entry);
  exec("BEGIN");
  for (auto& [path, record] : found) {
    const auto it = by_name.find(name_of(path));
    if (it == by_name.end() || !describes(record, *it->second)) {
      drop(path);
    } else if (!record.listed_mtime) {
      record.listed_mtime = listed_time(*it->second);
      store(path, record);
    }
  }
  exec("COMMIT");
}

void MetaOverlay::rename(const std::string& from, const std::string& to) {
  std::lock_guard lock(mu_);
  exec("BEGIN");
  Statement removal(db_, (std::string("DELETE FROM meta WHERE ") + within).c_str());
  removal.text(1, to).run();
  Statement move(db_,
                 (std::string("UPDATE meta SET path = ?2 || substr(path, length(?1) + 1) WHERE ") + within).c_str());
  move.text(1, from).text(2, to).run();
  Statement reparent(db_, "UPDATE meta SET parent = ?2 || substr(parent, length(?1) + 1) "
                          "WHERE parent = ?1 OR substr(parent, 1, length(?1) + 1) = ?1 || '/'");
  reparent.text(1, from).text(2, to).run();
  Statement top(db_, "UPDATE meta SET parent = ?2 WHERE path = ?1");
  top.text(1, to).text(2, parent_of(to)).run();
  exec("COMMIT");
}

void MetaOverlay::erase(const std::string& path) {
  std::lock_guard lock(mu_);
  Statement removal(db_, (std::string("DELETE FROM meta WHERE ") + within).c_str());
  removal.text(1, path).run();
}

}  // namespace mfs::vfs
