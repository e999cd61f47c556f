// FakeSession: session::Session over an in-memory tree that counts every call, for unit tests
// of the vfs caching logic (how many round trips an operation costs). The real session is
// tested end to end against the simulator; this one only has to be a faithful FTP server.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/ftp/ftp_error.hpp"
#include "core/session/session.hpp"

namespace mfs::vfs::test {

struct FakeCalls {
  int list = 0;
  int read = 0;
  int upload = 0;
  int append = 0;
  int make_directory = 0;
  int remove_directory = 0;
  int remove_file = 0;
  int rename = 0;
  std::vector<std::size_t> read_lengths;
  std::vector<std::uint64_t> read_offsets;  // beside read_lengths, one per read
  std::vector<std::string> uploads;
  std::vector<std::pair<std::string, std::string>> renames;

  int total() const {
    return list + read + upload + append + make_directory + remove_directory + remove_file + rename;
  }
};

class FakeSession final : public session::Session {
 public:
  FakeSession();

  void add_dir(const std::string& path);
  void add_file(const std::string& path, std::string data,
                std::chrono::system_clock::time_point mtime = fixed_mtime());
  std::optional<std::string> file(const std::string& path) const;
  bool exists(const std::string& path) const;
  std::vector<std::string> paths() const;

  FakeCalls calls() const;
  void fail_next_uploads(int count);          // each fails with std::errc::timed_out
  void fail_next_reads(int count);            // likewise
  void refuse_rename_over(bool refuse);       // RNTO onto an existing file: 550-style refusal
  void spill_after_read(std::size_t bytes);   // stream this much more to the spill handler
  void dos_listings(bool dos);                // entries without permission bits
  // Listed after the tree's own entries of `dir`, exactly as given (names no tree could hold).
  void add_listed(const std::string& dir, ftp::ListEntry entry);
  // What a refused RNTO onto an existing directory answers (a bare 550 is read as not_found).
  void rename_over_dir_error(std::error_code error);

  static std::chrono::system_clock::time_point fixed_mtime();

  result<std::vector<ftp::ListEntry>> list(const std::string& dir_path) override;
  result<std::string> read(const std::string& path, std::uint64_t offset, std::size_t length,
                           std::uint64_t file_size) override;
  // Adds the source's bytes after `from` to the file, which must hold exactly `from` bytes.
  result<void> append(const std::string& path, std::shared_ptr<dialect::UploadSource> source,
                      std::uint64_t from) override;
  result<void> upload(const std::string& path,
                      std::shared_ptr<dialect::UploadSource> source) override;
  result<void> make_directory(const std::string& path) override;
  result<void> remove_directory(const std::string& path) override;
  result<void> remove_file(const std::string& path) override;
  result<void> rename(const std::string& from, const std::string& to) override;
  void set_spill_handler(session::SpillHandler handler) override;
  session::SessionStats stats() const override { return {}; }

 private:
  struct Node {
    bool dir = false;
    std::string data;
    std::chrono::system_clock::time_point mtime;
  };

  bool has_children(const std::string& dir) const;  // caller holds mu_

  mutable std::mutex mu_;
  std::map<std::string, Node> nodes_;
  FakeCalls calls_;
  int failing_uploads_ = 0;
  int failing_reads_ = 0;
  bool refuse_rename_over_ = false;
  std::size_t spill_bytes_ = 0;
  bool dos_ = false;
  std::multimap<std::string, ftp::ListEntry> listed_;
  std::error_code rename_over_dir_error_ = ftp::ftp_errc::permission_denied;
  session::SpillHandler spill_;
};

}  // namespace mfs::vfs::test
