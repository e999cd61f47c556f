// SimModem and the small helpers the L610 integration tests share.
#include "tests/dialect/l610_fixture.hpp"

#include <catch2/catch.hpp>

#include "core/util/log.hpp"
#include "tests/support/stats_json.hpp"

#include <algorithm>
#include <cstdlib>
#include <sstream>

namespace mfs::dialect::test {

SimModem::SimModem(std::set<sim::Quirk> quirks, std::chrono::milliseconds unread_timeout)
    : sim_([&](sim::SimConfig& config) {
        // MFS_LOG_LEVEL=trace shows the AT traffic of a test (the engine logs it, passwords
        // redacted); set here so it also holds while the simulator starts.
        if (const char* level = std::getenv("MFS_LOG_LEVEL")) {
          log::set_level(spdlog::level::from_str(level));
        }
        config.quirks = std::move(quirks);
        config.unread_timeout = unread_timeout;
      }) {
  link_ = std::make_unique<link::SerialLink>(link::SerialConfig{sim_.link().string()});
  auto opened = link_->open();
  REQUIRE(opened.has_value());
  engine_ = std::make_unique<at::AtEngine>(*link_);
  modem_ = std::make_unique<L610>(*engine_);
}

void SimModem::start_and_open() {
  auto started = modem_->start_modem(BearerConfig{"internet", "", ""});
  REQUIRE(started.has_value());
  auto opened = modem_->open_session(server());
  REQUIRE(opened.has_value());
  REQUIRE(modem_->session_open());
}

FtpServer SimModem::server(std::string password) {
  return FtpServer{"ftp.example", 21, "demo", std::move(password), false};
}

// The stats file is rewritten before any reply leaves the simulator, so once a command has
// been answered its count is already on disk.
std::uint64_t SimModem::count_of(const std::string& command_key) const {
  return mfs::test::stats_count(sim_.stats_json(), command_key);
}

std::uint64_t SimModem::at_commands() const { return count_of("at_commands"); }

result<std::size_t> MemorySource::read_at(std::uint64_t offset, std::span<char> out) {
  if (offset >= bytes_.size()) return std::size_t{0};
  const std::size_t n = std::min<std::size_t>(out.size(), bytes_.size() - offset);
  std::copy_n(bytes_.data() + offset, n, out.data());
  return n;
}

std::string random_bytes(std::size_t n, unsigned seed) {
  std::string out = sim::test::pattern(n, seed);
  const std::string_view traps = "\r\nOK\r\n+FTPRECV: 1\r\n\x03\x10";
  if (n > 2 * traps.size()) out.replace(n / 2, traps.size(), traps);
  return out;
}

std::string download_all(Dialect& modem, std::string_view path, std::uint64_t offset,
                         bool as_stream) {
  auto begun = as_stream ? modem.begin_stream_download(path, offset)
                         : modem.begin_download(path, offset);
  REQUIRE(begun.has_value());
  CHECK(modem.download_is_stream() == as_stream);
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

std::string nasty_bytes() {
  std::string out;
  for (int i = 0; i < 256; ++i) out += static_cast<char>(i);
  out += "\x03\x03\x10\x10\x03\x10\x10\x03";
  return out;
}

std::vector<std::pair<std::string, std::string>> escaping_edges(unsigned seed) {
  const std::string nasty = nasty_bytes();
  return {{"empty", ""},
          {"one-etx", "\x03"},
          {"one-dle", "\x10"},
          {"special", nasty},
          {"large", random_bytes(70'000, seed) + nasty}};
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
