// SimModem and the small helpers the L610 integration tests share.
#include "tests/dialect/l610_fixture.hpp"

#include <catch2/catch.hpp>

#include "core/util/log.hpp"

#include <cstdlib>
#include <fstream>
#include <future>
#include <random>
#include <sstream>

namespace mfs::dialect::test {

namespace fs = std::filesystem;

SimModem::SimModem(std::set<sim::Quirk> quirks, std::chrono::milliseconds unread_timeout) {
  // MFS_LOG_LEVEL=trace shows the AT traffic of a test (the engine logs it, passwords redacted).
  if (const char* level = std::getenv("MFS_LOG_LEVEL")) {
    log::set_level(spdlog::level::from_str(level));
  }
  std::string tmpl = (fs::temp_directory_path() / "mfs-dialect-XXXXXX").string();
  REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
  run_.base = tmpl;
  root_ = run_.base / "root";
  fs::create_directory(root_);
  config_.root = root_;
  config_.link_path = run_.base / "tty";
  config_.stats_path = run_.base / "stats.json";
  config_.quirks = std::move(quirks);
  config_.unread_timeout = unread_timeout;
  auto ready = std::make_shared<std::promise<void>>();
  auto started = ready->get_future();
  run_.thread = std::thread([this, ready] {
    sim::run_simulator(config_, [ready] { ready->set_value(); },
                       [this] { return run_.stop.load(); });
  });
  REQUIRE(started.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
  link_ = std::make_unique<link::SerialLink>(link::SerialConfig{config_.link_path.string()});
  auto opened = link_->open();
  REQUIRE(opened.has_value());
  engine_ = std::make_unique<at::AtEngine>(*link_);
  modem_ = std::make_unique<L610>(*engine_);
}

SimModem::~SimModem() {
  modem_.reset();
  engine_.reset();
  link_.reset();
}

SimModem::SimRun::~SimRun() {
  stop = true;
  if (thread.joinable()) thread.join();
  std::error_code ec;
  if (!base.empty()) fs::remove_all(base, ec);
}

void SimModem::start_and_open() {
  auto started = modem_->start_modem(BearerConfig{"internet", "", ""});
  REQUIRE(started.has_value());
  auto opened = modem_->open_session(server());
  REQUIRE(opened.has_value());
  REQUIRE(modem_->session_open());
}

FtpServer SimModem::server(std::string password) {
  return FtpServer{"ftp.example", 21, "demo", std::move(password)};
}

// The stats file is rewritten before any reply leaves the simulator, so once a command has
// been answered its count is already on disk.
std::uint64_t SimModem::count_of(const std::string& command_key) const {
  const std::string json = read_file(config_.stats_path);
  const std::string key = "\"" + command_key + "\": ";
  const auto at = json.find(key);
  if (at == std::string::npos) return 0;
  return std::stoull(json.substr(at + key.size()));
}

std::uint64_t SimModem::at_commands() const { return count_of("at_commands"); }

result<std::size_t> MemorySource::read_at(std::uint64_t offset, std::span<char> out) {
  if (offset >= bytes_.size()) return std::size_t{0};
  const std::size_t n = std::min<std::size_t>(out.size(), bytes_.size() - offset);
  std::copy_n(bytes_.data() + offset, n, out.data());
  return n;
}

void write_file(const fs::path& path, std::string_view bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string random_bytes(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string out(n, '\0');
  for (auto& c : out) c = static_cast<char>(rng() & 0xff);
  const std::string_view traps = "\r\nOK\r\n+FTPRECV: 1\r\n\x03\x10";
  if (n > 2 * traps.size()) out.replace(n / 2, traps.size(), traps);
  return out;
}

std::string download_all(Dialect& modem, std::string_view path, std::uint64_t offset) {
  auto begun = modem.begin_download(path, offset);
  REQUIRE(begun.has_value());
  std::string out;
  while (true) {
    auto got = modem.read_download(out, 64 * 1024);
    REQUIRE(got.has_value());
    if (got.value() == 0) break;
  }
  CHECK_FALSE(modem.download_active());
  CHECK(modem.download_position() == offset + out.size());
  return out;
}

std::set<std::pair<std::string, std::uint64_t>> names_and_sizes(std::string_view listing) {
  std::set<std::pair<std::string, std::uint64_t>> out;
  std::istringstream lines{std::string(listing)};
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::istringstream fields(line);
    std::string perms, links, owner, group, size, month, day, time_or_year, name;
    if (!(fields >> perms >> links >> owner >> group >> size >> month >> day >> time_or_year))
      continue;
    std::getline(fields >> std::ws, name);
    if (name == "." || name == "..") continue;
    out.emplace(name, std::stoull(size));
  }
  return out;
}

}  // namespace mfs::dialect::test
