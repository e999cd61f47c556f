// Names the modem's wire cannot carry are refused at the edge with the right errno, before
// anything is sent: the simulator sees no command and the server's tree does not change.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstdio>
#include <map>

#include "mount_fixture.hpp"

using namespace mfs::e2e;

namespace {

std::map<std::string, std::uintmax_t> snapshot(const fs::path& root) {
  std::map<std::string, std::uintmax_t> tree;
  for (const auto& entry : fs::recursive_directory_iterator(root))
    tree[entry.path().string()] = entry.is_regular_file() ? entry.file_size() : 0;
  return tree;
}

int errno_of(int result) { return result < 0 ? errno : 0; }

}  // namespace

TEST_CASE("names with a quote or a control byte are EINVAL and over 255 octets ENAMETOOLONG",
          "[e2e]") {
  auto [name, expected] = GENERATE(table<std::string, int>({
      {"a\"b", EINVAL},
      {"line\nbreak", EINVAL},
      {"carriage\rreturn", EINVAL},
      // the rest of C0 and DEL: line editing (backspace) and XON/XOFF would act on them
      {"back\b\b\bD+15550100;", EINVAL},
      {"tab\tname", EINVAL},
      {"xoff\x13", EINVAL},
      {"esc\x1b[0m", EINVAL},
      {"del\x7f", EINVAL},
      {std::string(300, 'n'), ENAMETOOLONG},
  }));
  MountFixture m;
  write_file(m.remote() / "good", "good");
  REQUIRE(run("ls -l " + q(m.mnt())).status == 0);  // the root listing is now cached
  const auto tree = snapshot(m.remote());
  const auto commands = m.at_commands();
  const std::string bad = (m.mnt() / name).string();

  const int fd = ::open(bad.c_str(), O_CREAT | O_WRONLY | O_EXCL, 0644);
  const int open_errno = errno_of(fd);
  if (fd >= 0) ::close(fd);
  CHECK(open_errno == expected);
  CHECK(errno_of(::mkdir(bad.c_str(), 0755)) == expected);
  CHECK(errno_of(std::rename((m.mnt() / "good").c_str(), bad.c_str())) == expected);

  CHECK(m.at_commands() == commands);
  CHECK(snapshot(m.remote()) == tree);
}
