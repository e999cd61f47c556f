// FakeSession: an in-memory FTP tree with call counters and a few scripted faults.
#include "tests/vfs/fake_session.hpp"

#include <array>

#include "core/ftp/ftp_error.hpp"
#include "core/vfs/path_model.hpp"

namespace mfs::vfs::test {
namespace {

std::chrono::system_clock::time_point listing_now() {
  // LIST shows minutes: a fresh upload's mtime is what the next listing would show.
  return std::chrono::floor<std::chrono::minutes>(std::chrono::system_clock::now());
}

}  // namespace

FakeSession::FakeSession() { nodes_["/"] = Node{true, {}, fixed_mtime()}; }

std::chrono::system_clock::time_point FakeSession::fixed_mtime() {
  return std::chrono::system_clock::time_point{std::chrono::seconds{1700000040}};
}

void FakeSession::add_dir(const std::string& path) {
  std::lock_guard lock(mu_);
  nodes_[path] = Node{true, {}, fixed_mtime()};
}

void FakeSession::add_file(const std::string& path, std::string data,
                           std::chrono::system_clock::time_point mtime) {
  std::lock_guard lock(mu_);
  nodes_[path] = Node{false, std::move(data), mtime};
}

std::optional<std::string> FakeSession::file(const std::string& path) const {
  std::lock_guard lock(mu_);
  const auto it = nodes_.find(path);
  if (it == nodes_.end() || it->second.dir) return std::nullopt;
  return it->second.data;
}

bool FakeSession::exists(const std::string& path) const {
  std::lock_guard lock(mu_);
  return nodes_.contains(path);
}

std::vector<std::string> FakeSession::paths() const {
  std::lock_guard lock(mu_);
  std::vector<std::string> out;
  for (const auto& item : nodes_) out.push_back(item.first);
  return out;
}

FakeCalls FakeSession::calls() const {
  std::lock_guard lock(mu_);
  return calls_;
}

void FakeSession::fail_next_uploads(int count) {
  std::lock_guard lock(mu_);
  failing_uploads_ = count;
}

void FakeSession::fail_next_reads(int count) {
  std::lock_guard lock(mu_);
  failing_reads_ = count;
}

void FakeSession::refuse_rename_over(bool refuse) {
  std::lock_guard lock(mu_);
  refuse_rename_over_ = refuse;
}

void FakeSession::spill_after_read(std::size_t bytes) {
  std::lock_guard lock(mu_);
  spill_bytes_ = bytes;
}

void FakeSession::add_listed(const std::string& dir, ftp::ListEntry entry) {
  std::lock_guard lock(mu_);
  listed_.emplace(dir, std::move(entry));
}

void FakeSession::rename_over_dir_error(std::error_code error) {
  std::lock_guard lock(mu_);
  rename_over_dir_error_ = error;
}

void FakeSession::dos_listings(bool dos) {
  std::lock_guard lock(mu_);
  dos_ = dos;
}

bool FakeSession::has_children(const std::string& dir) const {
  for (const auto& item : nodes_) {
    if (item.first != dir && parent_of(item.first) == dir) return true;
  }
  return false;
}

result<std::vector<ftp::ListEntry>> FakeSession::list(const std::string& dir_path) {
  std::lock_guard lock(mu_);
  ++calls_.list;
  const auto dir = nodes_.find(dir_path);
  if (dir == nodes_.end() || !dir->second.dir) return ftp::ftp_errc::not_found;
  std::vector<ftp::ListEntry> out;
  for (const auto& [path, node] : nodes_) {
    if (path == "/" || parent_of(path) != dir_path) continue;
    ftp::ListEntry e;
    e.name = name_of(path);
    e.type = node.dir ? ftp::EntryType::directory : ftp::EntryType::file;
    e.size = node.dir ? 4096 : node.data.size();
    e.mtime = node.mtime;
    e.mode = node.dir ? 0750 : 0640;
    e.has_mode = !dos_;
    if (dos_) e.mode = 0;
    out.push_back(e);
  }
  const auto [first, last] = listed_.equal_range(dir_path);
  for (auto it = first; it != last; ++it) out.push_back(it->second);
  return out;
}

result<std::string> FakeSession::read(const std::string& path, std::uint64_t offset,
                                      std::size_t length, std::uint64_t) {
  std::string bytes;
  std::string spilled;
  session::SpillHandler spill;
  {
    std::lock_guard lock(mu_);
    ++calls_.read;
    calls_.read_lengths.push_back(length);
    if (failing_reads_ > 0) {
      --failing_reads_;
      return std::make_error_code(std::errc::timed_out);
    }
    calls_.read_offsets.push_back(offset);
    const auto it = nodes_.find(path);
    if (it == nodes_.end() || it->second.dir) return ftp::ftp_errc::not_found;
    const std::string& data = it->second.data;
    if (offset < data.size()) bytes = data.substr(offset, length);
    if (spill_bytes_ > 0 && offset + length < data.size()) {
      spilled = data.substr(offset + length, spill_bytes_);
      spill = spill_;
    }
  }
  if (spill && !spilled.empty()) spill(path, offset + length, spilled);
  return bytes;
}

result<void> FakeSession::upload(const std::string& path,
                                 std::shared_ptr<dialect::UploadSource> source) {
  std::lock_guard lock(mu_);
  ++calls_.upload;
  calls_.uploads.push_back(path);
  if (failing_uploads_ > 0) {
    --failing_uploads_;
    return std::make_error_code(std::errc::timed_out);
  }
  if (!nodes_.contains(parent_of(path))) return ftp::ftp_errc::not_found;
  std::string data;
  std::array<char, 4096> chunk{};
  while (data.size() < source->size()) {
    auto n = source->read_at(data.size(), chunk);
    if (!n) return n.error();
    if (n.value() == 0) break;
    data.append(chunk.data(), n.value());
  }
  nodes_[path] = Node{false, std::move(data), listing_now()};
  return success();
}

result<void> FakeSession::append(const std::string& path,
                                 std::shared_ptr<dialect::UploadSource> source,
                                 std::uint64_t from) {
  std::lock_guard lock(mu_);
  ++calls_.append;
  if (failing_uploads_ > 0) {
    --failing_uploads_;
    return std::make_error_code(std::errc::timed_out);
  }
  const auto it = nodes_.find(path);
  if (it == nodes_.end() || it->second.dir) return ftp::ftp_errc::not_found;
  if (it->second.data.size() != from) return std::make_error_code(std::errc::invalid_argument);
  std::array<char, 4096> chunk{};
  while (it->second.data.size() < source->size()) {
    auto n = source->read_at(it->second.data.size(), chunk);
    if (!n) return n.error();
    if (n.value() == 0) break;
    it->second.data.append(chunk.data(), n.value());
  }
  it->second.mtime = listing_now();
  return success();
}

result<void> FakeSession::make_directory(const std::string& path) {
  std::lock_guard lock(mu_);
  ++calls_.make_directory;
  if (nodes_.contains(path)) return ftp::ftp_errc::already_exists;
  if (!nodes_.contains(parent_of(path))) return ftp::ftp_errc::not_found;
  nodes_[path] = Node{true, {}, listing_now()};
  return success();
}

result<void> FakeSession::remove_directory(const std::string& path) {
  std::lock_guard lock(mu_);
  ++calls_.remove_directory;
  const auto it = nodes_.find(path);
  if (it == nodes_.end() || !it->second.dir) return ftp::ftp_errc::not_found;
  if (has_children(path)) return ftp::ftp_errc::not_empty;
  nodes_.erase(it);
  return success();
}

result<void> FakeSession::remove_file(const std::string& path) {
  std::lock_guard lock(mu_);
  ++calls_.remove_file;
  const auto it = nodes_.find(path);
  if (it == nodes_.end()) return ftp::ftp_errc::not_found;
  if (it->second.dir) return ftp::ftp_errc::operation_failed;
  nodes_.erase(it);
  return success();
}

result<void> FakeSession::rename(const std::string& from, const std::string& to) {
  std::lock_guard lock(mu_);
  ++calls_.rename;
  calls_.renames.emplace_back(from, to);
  if (!nodes_.contains(from)) return ftp::ftp_errc::not_found;
  if (const auto target = nodes_.find(to); target != nodes_.end()) {
    if (target->second.dir) return rename_over_dir_error_;
    if (refuse_rename_over_) return ftp::ftp_errc::permission_denied;
  }
  std::map<std::string, Node> moved;
  for (auto it = nodes_.begin(); it != nodes_.end();) {
    if (!is_within(it->first, from)) {
      ++it;
      continue;
    }
    moved.emplace(rebase(it->first, from, to), std::move(it->second));
    it = nodes_.erase(it);
  }
  for (auto& item : moved) nodes_.insert_or_assign(item.first, std::move(item.second));
  return success();
}

void FakeSession::set_spill_handler(session::SpillHandler handler) {
  std::lock_guard lock(mu_);
  spill_ = std::move(handler);
}

}  // namespace mfs::vfs::test
