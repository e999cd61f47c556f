// Starting, watching and stopping the two child processes of an end-to-end test. Waits are
// event driven (the simulator's READY line, /proc/self/mounts change events, pidfds), each
// with a deadline; nothing sleeps to wait for work.
#include "mount_fixture.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <vector>

#include "tests/support/stats_json.hpp"

namespace mfs::e2e {
namespace {

constexpr std::chrono::seconds start_limit{30};
constexpr std::chrono::seconds stop_limit{10};

using Clock = std::chrono::steady_clock;

int ms_left(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

// fork + exec with stdout into `out_fd` (or the log) and stderr into the log file.
pid_t spawn(const std::vector<std::string>& args, const fs::path& log, int out_fd) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    ::dup2(log_fd, STDERR_FILENO);
    ::dup2(out_fd >= 0 ? out_fd : log_fd, STDOUT_FILENO);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

// Waits for `pid` to exit (pidfd) up to `limit`; then SIGKILL. Always reaps.
void stop_child(pid_t pid, int signal, std::chrono::seconds limit) {
  if (pid <= 0) return;
  if (signal) ::kill(pid, signal);
  const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  pollfd pfd{pidfd, POLLIN, 0};
  const bool exited = pidfd >= 0 && ::poll(&pfd, 1, static_cast<int>(limit.count() * 1000)) > 0;
  if (pidfd >= 0) ::close(pidfd);
  if (!exited) ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
}

bool is_mounted(const fs::path& mnt) {
  std::ifstream mounts("/proc/self/mounts");
  std::string device, where;
  std::string rest;
  while (mounts >> device >> where && std::getline(mounts, rest)) {
    if (where == mnt.string()) return true;
  }
  return false;
}

}  // namespace

MountFixture::MountFixture(MountSettings settings) {
  char templ[] = "/tmp/mfs-e2e-XXXXXX";
  REQUIRE(::mkdtemp(templ) != nullptr);
  root_ = templ;
  remote_ = root_ / "remote";
  mnt_ = root_ / "mnt";
  scratch_ = root_ / "scratch";
  cache_ = root_ / "cache";
  link_ = root_ / "modem";
  stats_ = root_ / "stats.json";
  passfile_ = root_ / "password";
  dialect_ = variant_dialect();
  const std::string server = variant_setting("server");
  const std::string server_kind = server != "dir" ? server : "";
  // A real server acts as nobody: what the tests put into remote() must stay changeable by it.
  if (!server_kind.empty()) ::umask(0);
  for (const auto& dir : {remote_, mnt_, scratch_}) fs::create_directories(dir);
  write_file(passfile_, "demo\n");
  if (!server_kind.empty()) server_ = std::make_unique<RealServer>(server_kind, remote_, root_ / "server");
  sim_args_ = settings.sim_args;
  // A variant of the whole suite on a firmware reading (tests/e2e/CMakeLists.txt).
  if (const std::string quirks = variant_setting("quirks"); !quirks.empty())
    sim_args_.insert(sim_args_.end(), {"--quirks", quirks});
  start_simulator();
  const bool mounted = start_filesystem(settings);
  INFO("modemftpfs log:\n" << fs_log());
  REQUIRE(mounted);
}

void MountFixture::start_simulator() {
  int out[2];
  REQUIRE(::pipe2(out, O_CLOEXEC) == 0);
  std::vector<std::string> args = {MFS_BINARY_DIR "/sim/modem-sim", "--dialect", dialect_, "--root", remote_, "--link",
                    link_, "--stats", stats_, "--user", "demo", "--password-file", passfile_};
  if (server_) args.insert(args.end(), {"--ftp", server_->url(), "--password-file", server_->password_file()});
  args.insert(args.end(), sim_args_.begin(), sim_args_.end());
  sim_pid_ = spawn(args, root_ / "sim.log", out[1]);
  ::close(out[1]);
  std::string said;
  const auto deadline = Clock::now() + start_limit;
  while (said.find('\n') == std::string::npos) {
    pollfd pfd{out[0], POLLIN, 0};
    if (::poll(&pfd, 1, ms_left(deadline)) <= 0) break;
    char buf[256];
    const ssize_t n = ::read(out[0], buf, sizeof buf);
    if (n <= 0) break;
    said.append(buf, static_cast<std::size_t>(n));
  }
  ::close(out[0]);
  INFO("modem-sim said: " << said << read_file(root_ / "sim.log"));
  REQUIRE(said.rfind("READY ", 0) == 0);
}

bool MountFixture::start_filesystem(const MountSettings& settings) {
  // A variant of the whole suite on one transfer path (-o transfer=, tests/e2e/CMakeLists.txt).
  const std::string transfer = variant_setting("transfer");
  const std::string options = "host=127.0.0.1,user=demo,passfile=" + passfile_.string() +
                              ",cache_dir=" + cache_.string() +
                              ",dir_cache_ttl=" + std::to_string(settings.dir_cache_ttl.count()) +
                              ",modem=" + dialect_ +
                              (transfer.empty() ? "" : ",transfer=" + transfer) +
                              settings.extra_options;
  fs_pid_ = spawn({MFS_BINARY_DIR "/fusefs/modemftpfs", link_, mnt_, "-f", "-o", options},
                  root_ / "fs.log", -1);
  // /proc/self/mounts signals POLLPRI when the mount table changes; the pidfd, if we exit.
  const int mounts = ::open("/proc/self/mounts", O_RDONLY);
  const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, fs_pid_, 0));
  const auto deadline = Clock::now() + start_limit;
  while (!(mounted_ = is_mounted(mnt_)) && ms_left(deadline) > 0) {
    std::array<pollfd, 2> pfds{{{mounts, POLLPRI, 0}, {pidfd, POLLIN, 0}}};
    if (::poll(pfds.data(), pfds.size(), ms_left(deadline)) <= 0 || pfds[1].revents) break;
  }
  ::close(mounts);
  ::close(pidfd);
  mounted_ = mounted_ || is_mounted(mnt_);
  return mounted_;
}

void MountFixture::unmount() {
  if (!mounted_ && !is_mounted(mnt_)) return;
  if (run("fusermount3 -u " + q(mnt_)).status != 0) run("fusermount3 -uz " + q(mnt_));
  mounted_ = false;
}

void MountFixture::kill_and_remount(const MountSettings& settings) {
  kill_filesystem();
  const bool mounted = remount(settings);
  INFO("modemftpfs log:\n" << fs_log());
  REQUIRE(mounted);
}

void MountFixture::kill_filesystem() {
  stop_child(fs_pid_, SIGKILL, stop_limit);
  fs_pid_ = -1;
}

bool MountFixture::remount(const MountSettings& settings) {
  stop_child(fs_pid_, SIGKILL, stop_limit);  // a mount that did not come up may still run
  fs_pid_ = -1;
  run("fusermount3 -uz " + q(mnt_));
  mounted_ = false;
  return start_filesystem(settings);
}

std::optional<std::chrono::milliseconds> MountFixture::stop_filesystem(int signal,
                                                                       std::chrono::seconds limit) {
  const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, fs_pid_, 0));
  REQUIRE(pidfd >= 0);
  const auto start = Clock::now();
  if (signal) {
    ::kill(fs_pid_, signal);
  } else {
    INFO(fs_log());
    REQUIRE(run("fusermount3 -u " + q(mnt_)).status == 0);
    mounted_ = false;
  }
  pollfd pfd{pidfd, POLLIN, 0};
  const bool exited = ::poll(&pfd, 1, static_cast<int>(limit.count() * 1000)) > 0;
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  ::close(pidfd);
  stop_child(fs_pid_, SIGKILL, stop_limit);
  fs_pid_ = -1;
  unmount();
  if (!exited) return std::nullopt;
  return took;
}

MountFixture::~MountFixture() {
  unmount();
  stop_child(fs_pid_, 0, stop_limit);  // unmounting ends its loop by itself
  stop_child(sim_pid_, SIGTERM, stop_limit);
  server_.reset();
  std::error_code ignored;
  if (!is_mounted(mnt_)) fs::remove_all(root_, ignored);
}

// Command names are upper-case, so no command's counter is taken for a top-level one.
std::uint64_t MountFixture::count(const std::string& command) const {
  return mfs::test::stats_count(read_file(stats_), command);
}

std::uint64_t MountFixture::at_commands() const {
  return mfs::test::stats_count(read_file(stats_), "at_commands");
}

std::string MountFixture::fs_log() const { return read_file(root_ / "fs.log"); }

RunResult run(const std::string& command) {
  RunResult result;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return result;
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) result.output.append(buf, n);
  const int status = ::pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string variant_setting(const std::string& key) {
  const char* variant = std::getenv("MFS_E2E_VARIANT");
  std::istringstream settings(variant ? variant : "");
  for (std::string setting; settings >> setting;)
    if (setting.starts_with(key + "=")) return setting.substr(key.size() + 1);
  return "";
}

std::string variant_dialect() {
  const std::string dialect = variant_setting("dialect");
  return dialect.empty() ? "l610" : dialect;
}

std::string random_bytes(std::size_t size, unsigned seed) {
  std::mt19937_64 generator(seed);
  std::string bytes(size, '\0');
  for (std::size_t i = 0; i < size; i += 8) {
    const std::uint64_t word = generator();
    for (std::size_t j = 0; j < 8 && i + j < size; ++j) bytes[i + j] = static_cast<char>(word >> (8 * j));
  }
  return bytes;
}

void write_file(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream all;
  all << in.rdbuf();
  return all.str();
}

std::string q(const fs::path& path) {
  std::string quoted = "'";
  for (char c : path.string()) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace mfs::e2e
