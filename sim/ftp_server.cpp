// DirFtpServer: each operation on the DirStore with the reply lines vsftpd 3.0.3 sends for it
// (texts from /work/shared/ftp-listings/vsftpd/replies.txt), except a missing LIST path, which
// answers 550 here so that the module reports +FTPLIST: 0. LIST takes vsftpd's options ("-a").
#include "sim/ftp_server.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>

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
constexpr const char* transfer_complete = "226 Transfer complete.";

// A local file from its RETR offset to its end.
class FileReader final : public DataReader {
 public:
  FileReader(std::ifstream in, std::uint64_t remaining) : in_(std::move(in)), remaining_(remaining) {}

  std::size_t read(char* out, std::size_t n) override {
    n = static_cast<std::size_t>(std::min<std::uint64_t>(n, remaining_));
    in_.read(out, static_cast<std::streamsize>(n));
    auto got = static_cast<std::size_t>(in_.gcount());
    // A file that shrank under us ends the transfer early, as a closed data connection would.
    remaining_ = got < n ? 0 : remaining_ - got;
    return got;
  }
  bool exhausted() const override { return remaining_ == 0; }
  FtpReply finish() override { return done(transfer_complete); }

 private:
  std::ifstream in_;
  std::uint64_t remaining_;
};

class FileWriter final : public DataWriter {
 public:
  explicit FileWriter(std::ofstream out) : out_(std::move(out)) {}

  bool write(std::string_view bytes) override {
    out_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return static_cast<bool>(out_);
  }
  FtpReply finish() override {
    out_.close();
    return out_ ? done(transfer_complete) : fail("451 Failure writing to local file.");
  }

 private:
  std::ofstream out_;
};

// A regular file's local path, or nullopt (missing, a directory, outside the root).
std::optional<fs::path> regular_file(const DirStore& store, const std::string& virt) {
  auto local = store.follow(virt);
  std::error_code ec;
  if (!local || !fs::is_regular_file(*local, ec)) return std::nullopt;
  return local;
}


}  // namespace

FtpReply DirFtpServer::login(std::string_view user, std::string_view password,
                          std::string_view expected_user, std::string_view expected_password) {
  FtpReply reply{true, {"220 (vsFTPd 3.0.3)", "331 Please specify the password."}};
  reply.ok = expected_user.empty() || (user == expected_user && password == expected_password);
  reply.lines.push_back(reply.ok ? "230 Login successful." : "530 Login incorrect.");
  return reply;
}

FtpReply DirFtpServer::cwd(std::string_view path) {
  std::string target = virt(path);
  if (!is_dir(store_.follow(target))) return fail("550 Failed to change directory.");
  cwd_ = target;
  return done("250 Directory successfully changed.");
}

FtpReply DirFtpServer::pwd() { return done("257 \"" + cwd_ + "\" is the current directory"); }

FtpReply DirFtpServer::mkd(std::string_view path) {
  std::string target = virt(path);
  auto local = store_.entry(target);
  std::error_code ec;
  if (!local || !fs::create_directory(*local, ec) || ec)
    return fail("550 Create directory operation failed.");
  return done("257 \"" + target + "\" created");
}

FtpReply DirFtpServer::rmd(std::string_view path) {
  auto local = store_.entry(virt(path));
  std::error_code ec;
  bool is_real_dir = local && fs::is_directory(fs::symlink_status(*local, ec));
  if (!is_real_dir || !fs::remove(*local, ec) || ec)
    return fail("550 Remove directory operation failed.");
  return done("250 Remove directory operation successful.");
}

FtpReply DirFtpServer::dele(std::string_view path) {
  auto local = store_.entry(virt(path));
  std::error_code ec;
  bool is_dir_entry = local && fs::is_directory(fs::symlink_status(*local, ec));
  if (!exists_entry(local) || is_dir_entry || !fs::remove(*local, ec) || ec)
    return fail("550 Delete operation failed.");
  return done("250 Delete operation successful.");
}

FtpReply DirFtpServer::rename(std::string_view from, std::string_view to) {
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

FtpReply DirFtpServer::syst() { return done("215 UNIX Type: L8"); }

FtpReply DirFtpServer::noop() { return done("200 NOOP ok."); }

FtpReply DirFtpServer::stat(std::optional<std::string_view> path) {
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

FtpReply DirFtpServer::list(std::optional<std::string_view> argument, std::string& data) {
  const ListArgument request = parse_list_argument(argument, list_style_);
  std::string target = virt(request.path.value_or("."));
  auto followed = store_.follow(target);
  auto now = std::chrono::system_clock::now();
  if (is_dir(followed)) {
    data = list_directory(*followed, now, request);
  } else {
    auto local = store_.entry(target);
    auto line = (followed && local) ? list_line(*local, fs::path(target).filename().native(), now)
                                    : std::nullopt;
    if (!line) return fail(no_such_file);
    data = *line + "\r\n";
  }
  return {true, {"150 Here comes the directory listing.", "226 Directory send OK."}};
}

FtpReply DirFtpServer::size(std::string_view path) {
  auto local = regular_file(store_, virt(path));
  std::error_code ec;
  std::uint64_t bytes = local ? fs::file_size(*local, ec) : 0;
  if (!local || ec) return fail("550 Could not get file size.");
  return done("213 " + std::to_string(bytes));
}

FtpReply DirFtpServer::mdtm(std::string_view path) {
  auto local = regular_file(store_, virt(path));
  struct stat st {};
  if (!local || ::stat(local->c_str(), &st) != 0) return fail("550 Could not get file modification time.");
  std::tm utc{};
  gmtime_r(&st.st_mtime, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d%H%M%S", &utc);
  return done(std::string("213 ") + stamp);
}

FtpReply DirFtpServer::retr(std::string_view path, std::uint64_t offset,
                            std::unique_ptr<DataReader>& data) {
  auto local = regular_file(store_, virt(path));
  if (!local) return fail("550 Failed to open file.");
  std::ifstream in(*local, std::ios::binary);
  std::error_code ec;
  std::uint64_t size = fs::file_size(*local, ec);
  if (!in || ec) return fail("550 Failed to open file.");
  std::uint64_t start = std::min(offset, size);
  in.seekg(static_cast<std::streamoff>(start));
  data = std::make_unique<FileReader>(std::move(in), size - start);
  return done("150 Opening BINARY mode data connection for " + fs::path(virt(path)).filename().native() +
              " (" + std::to_string(size) + " bytes).");
}

FtpReply DirFtpServer::stor(std::string_view path, std::uint64_t offset,
                            std::unique_ptr<DataWriter>& data) {
  auto local = store_.follow(virt(path));
  std::error_code ec;
  if (!local || fs::is_directory(*local, ec) || !fs::is_directory(local->parent_path(), ec))
    return fail("553 Could not create file.");
  if (!fs::exists(*local, ec)) std::ofstream(*local, std::ios::binary);
  fs::resize_file(*local, offset, ec);
  std::ofstream out(*local, std::ios::binary | std::ios::in | std::ios::out);
  out.seekp(static_cast<std::streamoff>(offset));
  if (ec || !out) return fail("553 Could not create file.");
  data = std::make_unique<FileWriter>(std::move(out));
  return done("150 Ok to send data.");
}

FtpReply DirFtpServer::quit() { return done("221 Goodbye."); }

}  // namespace mfs::sim
