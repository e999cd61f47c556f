// The directory store's FTP server: one logged-in session over a DirStore, answering each
// operation with vsftpd's reply lines.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "sim/dir_store.hpp"
#include "sim/ftp_backend.hpp"
#include "sim/unix_listing.hpp"

namespace mfs::sim {

class DirFtpServer final : public FtpBackend {
 public:
  explicit DirFtpServer(const std::filesystem::path& root, ListStyle style = ListStyle::vsftpd)
      : store_(root), list_style_(style) {}

  // The greeting and login exchange; `expected_user` empty accepts anyone.
  static FtpReply login(std::string_view user, std::string_view password,
                        std::string_view expected_user, std::string_view expected_password);

  FtpReply cwd(std::string_view path) override;
  FtpReply cdup() override { return cwd(".."); }
  FtpReply pwd() override;
  FtpReply mkd(std::string_view path) override;
  FtpReply rmd(std::string_view path) override;
  FtpReply dele(std::string_view path) override;
  FtpReply rename(std::string_view from, std::string_view to) override;
  FtpReply syst() override;
  FtpReply noop() override;
  FtpReply stat(std::optional<std::string_view> path) override;
  FtpReply size(std::string_view path) override;
  FtpReply mdtm(std::string_view path) override;
  FtpReply list(std::optional<std::string_view> path, std::string& data) override;
  FtpReply retr(std::string_view path, std::uint64_t offset,
                std::unique_ptr<DataReader>& data) override;
  // Keeps the bytes before `offset` and drops the rest (0 replaces the file; an offset past the
  // end pads with NUL bytes, as the seed describes).
  FtpReply stor(std::string_view path, std::uint64_t offset,
                std::unique_ptr<DataWriter>& data) override;
  FtpReply quit() override;
  bool closed_by_server() override { return false; }

 private:
  std::string virt(std::string_view path) const { return DirStore::join(cwd_, path); }

  DirStore store_;
  ListStyle list_style_;
  std::string cwd_ = "/";
};

}  // namespace mfs::sim
