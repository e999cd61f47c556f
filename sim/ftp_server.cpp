// FtpServer: each operation on the DirStore with the reply lines vsftpd 3.0.3 sends for it
// (texts from /work/shared/ftp-listings/vsftpd/replies.txt), except a missing LIST path, which
// answers 550 here so that the module reports +FTPLIST: 0.
#include "sim/ftp_server.hpp"

#include <chrono>
#include <filesystem>
#include <sys/stat.h>

#include "sim/unix_listing.hpp"

namespace mfs::sim {

namespace fs = std::filesystem;

namespace {

FtpReply fail(std::string line) { return {false, {std::move(line)}}; }
FtpReply done(std::string line) { return {true, {std::move(line)}}; }

bool is_dir(const std::optional<fs::path>& p) {
  std::error_code ec;
  return p && fs::is_directory(*p, ec);
}

bool exists_entry(const std::optional<fs::path>& p) {
  std::error_code ec;
  return p && fs::exists(fs::symlink_status(*p, ec));
}

constexpr const char* no_such_file = "550 No such file or directory.";

}  // namespace

FtpReply FtpServer::login(std::string_view user, std::string_view password,
                          std::string_view expected_user, std::string_view expected_password) {
  FtpReply reply{true, {"220 (vsFTPd 3.0.3)", "331 Please specify the password."}};
  reply.ok = expected_user.empty() || (user == expected_user && password == expected_password);
  reply.lines.push_back(reply.ok ? "230 Login successful." : "530 Login incorrect.");
  return reply;
}

FtpReply FtpServer::cwd(std::string_view path) {
  std::string target = virt(path);
  if (!is_dir(store_.follow(target))) return fail("550 Failed to change directory.");
  cwd_ = target;
  return done("250 Directory successfully changed.");
}

FtpReply FtpServer::pwd() const { return done("257 \"" + cwd_ + "\" is the current directory"); }

FtpReply FtpServer::mkd(std::string_view path) {
  std::string target = virt(path);
  auto local = store_.entry(target);
  std::error_code ec;
  if (!local || !fs::create_directory(*local, ec) || ec)
    return fail("550 Create directory operation failed.");
  return done("257 \"" + target + "\" created");
}

FtpReply FtpServer::rmd(std::string_view path) {
  auto local = store_.entry(virt(path));
  std::error_code ec;
  bool is_real_dir = local && fs::is_directory(fs::symlink_status(*local, ec));
  if (!is_real_dir || !fs::remove(*local, ec) || ec)
    return fail("550 Remove directory operation failed.");
  return done("250 Remove directory operation successful.");
}

FtpReply FtpServer::dele(std::string_view path) {
  auto local = store_.entry(virt(path));
  std::error_code ec;
  bool is_dir_entry = local && fs::is_directory(fs::symlink_status(*local, ec));
  if (!exists_entry(local) || is_dir_entry || !fs::remove(*local, ec) || ec)
    return fail("550 Delete operation failed.");
  return done("250 Delete operation successful.");
}

FtpReply FtpServer::rename(std::string_view from, std::string_view to) {
  auto source = store_.entry(virt(from));
  if (!exists_entry(source) || source == store_.entry("/")) return fail("550 RNFR command failed.");
  FtpReply reply{false, {"350 Ready for RNTO."}};
  auto target = store_.entry(virt(to));
  std::error_code ec;
  if (target) fs::rename(*source, *target, ec);
  reply.ok = target && !ec;
  reply.lines.push_back(reply.ok ? "250 Rename successful." : "550 Rename failed.");
  return reply;
}

FtpReply FtpServer::syst() const { return done("215 UNIX Type: L8"); }

FtpReply FtpServer::noop() const { return done("200 NOOP ok."); }

FtpReply FtpServer::stat(std::optional<std::string_view> path) const {
  if (!path) {
    return {true, {"211-FTP server status:", "     Connected to 10.0.0.2",
                   "     Logged in", "     TYPE: BINARY", "211 End of status"}};
  }
  std::string data;
  FtpReply listed = list(path, data);
  if (!listed.ok) return listed;
  FtpReply reply{true, {"213-Status follows:"}};
  for (std::size_t pos = 0; pos < data.size();) {
    std::size_t end = data.find("\r\n", pos);
    reply.lines.push_back(data.substr(pos, end - pos));
    pos = end + 2;
  }
  reply.lines.push_back("213 End of status");
  return reply;
}

FtpReply FtpServer::list(std::optional<std::string_view> path, std::string& data) const {
  std::string target = virt(path.value_or("."));
  auto followed = store_.follow(target);
  auto now = std::chrono::system_clock::now();
  if (is_dir(followed)) {
    data = list_directory(*followed, now);
  } else {
    auto local = store_.entry(target);
    auto line = (followed && local) ? list_line(*local, fs::path(target).filename().native(), now)
                                    : std::nullopt;
    if (!line) return fail(no_such_file);
    data = *line + "\r\n";
  }
  return {true, {"150 Here comes the directory listing.", "226 Directory send OK."}};
}

FtpReply FtpServer::open_retr(std::string_view path, std::uint64_t offset, std::ifstream& in,
                              std::uint64_t& remaining) const {
  auto local = store_.follow(virt(path));
  std::error_code ec;
  if (!local || !fs::is_regular_file(*local, ec)) return fail("550 Failed to open file.");
  in.open(*local, std::ios::binary);
  if (!in) return fail("550 Failed to open file.");
  std::uint64_t size = fs::file_size(*local, ec);
  std::uint64_t start = std::min(offset, size);
  in.seekg(static_cast<std::streamoff>(start));
  remaining = size - start;
  return done("150 Opening BINARY mode data connection for " + fs::path(virt(path)).filename().native() +
              " (" + std::to_string(size) + " bytes).");
}

FtpReply FtpServer::open_stor(std::string_view path, std::uint64_t offset,
                              std::ofstream& out) const {
  auto local = store_.follow(virt(path));
  std::error_code ec;
  if (!local || fs::is_directory(*local, ec) || !fs::is_directory(local->parent_path(), ec))
    return fail("553 Could not create file.");
  if (!fs::exists(*local, ec)) std::ofstream(*local, std::ios::binary);
  fs::resize_file(*local, offset, ec);
  out.open(*local, std::ios::binary | std::ios::in | std::ios::out);
  out.seekp(static_cast<std::streamoff>(offset));
  if (ec || !out) return fail("553 Could not create file.");
  return done("150 Ok to send data.");
}

}  // namespace mfs::sim
