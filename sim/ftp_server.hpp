// The remote FTP server as the module's control connection sees it: one logged-in session
// over a DirStore, answering each operation with vsftpd's reply lines.
#pragma once

#include <cstdint>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/dir_store.hpp"

namespace mfs::sim {

// The server's control reply lines for one operation, and whether it succeeded.
struct FtpReply {
  bool ok = false;
  std::vector<std::string> lines;
};

class FtpServer {
 public:
  explicit FtpServer(const DirStore& store) : store_(store) {}

  // The greeting and login exchange; `expected_user` empty accepts anyone.
  static FtpReply login(std::string_view user, std::string_view password,
                        std::string_view expected_user, std::string_view expected_password);

  FtpReply cwd(std::string_view path);
  FtpReply cdup() { return cwd(".."); }
  FtpReply pwd() const;
  FtpReply mkd(std::string_view path);
  FtpReply rmd(std::string_view path);
  FtpReply dele(std::string_view path);
  FtpReply rename(std::string_view from, std::string_view to);
  FtpReply syst() const;
  FtpReply noop() const;
  FtpReply stat(std::optional<std::string_view> path) const;
  // LIST: `data` receives the listing bytes when ok.
  FtpReply list(std::optional<std::string_view> path, std::string& data) const;

  // RETR from `offset`: opens `in` positioned there and reports the bytes left in `remaining`.
  FtpReply open_retr(std::string_view path, std::uint64_t offset, std::ifstream& in,
                     std::uint64_t& remaining) const;
  // STOR at `offset` (REST + STOR): keeps the bytes before it, drops the rest (offset 0
  // replaces the file; an offset past the end pads with NUL bytes, as the seed describes).
  FtpReply open_stor(std::string_view path, std::uint64_t offset, std::ofstream& out) const;

  const std::string& working_directory() const { return cwd_; }
  static std::string transfer_complete() { return "226 Transfer complete."; }

 private:
  std::string virt(std::string_view path) const { return DirStore::join(cwd_, path); }

  const DirStore& store_;
  std::string cwd_ = "/";
};

}  // namespace mfs::sim
