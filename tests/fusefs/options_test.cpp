// The command line as users and mount.fuse3 write it, into MountOptions and libfuse's share.
#include "fusefs/options.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace mfs::fusefs;
namespace fs = std::filesystem;

namespace {

// A scratch directory (the mountpoint must exist: libfuse resolves it) with a password file.
struct Scratch {
  fs::path dir = fs::temp_directory_path() / ("mfs-options-" + std::to_string(::getpid()));
  fs::path mnt = dir / "mnt";
  fs::path passfile = dir / "pass";
  Scratch() {
    fs::create_directories(mnt);
    std::ofstream(passfile) << "s3cret\n";
    fs::permissions(passfile, fs::perms::owner_read | fs::perms::owner_write);
    ::setenv("XDG_CACHE_HOME", (dir / "cache").c_str(), 1);
  }
  ~Scratch() { fs::remove_all(dir); }
};

struct Parsed {
  std::vector<std::string> storage;
  std::vector<char*> argv;
  CommandLine line;

  explicit Parsed(std::vector<std::string> args) : storage(std::move(args)) {
    for (auto& s : storage) argv.push_back(s.data());
    line = parse_options(static_cast<int>(argv.size()), argv.data());
  }
  std::string libfuse_args() {
    std::string all;
    fuse_args* a = line.fuse_args.get();
    for (int i = 0; i < a->argc; ++i) all += std::string(a->argv[i]) + " ";
    return all;
  }
};

}  // namespace

TEST_CASE("defaults with only host given", "[fusefs]") {
  Scratch s;
  Parsed p({"modemftpfs", "/dev/ttyUSB2", s.mnt, "-o", "host=ftp.example.com"});
  REQUIRE_FALSE(p.line.exit_now);
  const MountOptions& o = p.line.options;
  CHECK(o.device == "/dev/ttyUSB2");
  CHECK(o.mountpoint == fs::canonical(s.mnt));
  CHECK(o.host == "ftp.example.com");
  CHECK(o.port == 21);
  CHECK(o.user == "anonymous");
  CHECK(o.password.empty());
  CHECK(o.modem == "auto");
  CHECK(o.sim_dialect.empty());
  CHECK(o.baud == 115200);
  CHECK_FALSE(o.crtscts);
  CHECK(o.dir_cache_ttl == std::chrono::seconds(30));
  CHECK(o.cache_size == 256ull << 20);
  CHECK(o.memory_cache == 32ull << 20);
  CHECK(o.block_size == 256u * 1024);
  CHECK(o.keepalive == std::chrono::seconds(60));
  CHECK(o.cache_dir.parent_path() == s.dir / "cache" / "modemftpfs");
  CHECK_FALSE(o.foreground);
  CHECK_FALSE(o.debug);
  CHECK_FALSE(o.simulated());
  CHECK_THAT(p.libfuse_args(), Catch::Matchers::Contains("subtype=modemftpfs"));
}

TEST_CASE("every option of ours is read", "[fusefs]") {
  Scratch s;
  Parsed p({"modemftpfs", "-o",
            "host=h,port=2121,user=bob,passfile=" + s.passfile.string() +
                ",apn=internet,apn_user=au,apn_passfile=" + s.passfile.string() +
                ",modem=auto,baud=921600,crtscts,dir_cache_ttl=5,cache_dir=" + (s.dir / "c").string() +
                ",cache_size=1G,memory_cache=8M,block_size=64K,keepalive=0",
            "/dev/ttyACM0", s.mnt});
  REQUIRE_FALSE(p.line.exit_now);
  const MountOptions& o = p.line.options;
  CHECK(o.port == 2121);
  CHECK(o.user == "bob");
  CHECK(o.password == "s3cret");
  CHECK(o.apn == "internet");
  CHECK(o.apn_user == "au");
  CHECK(o.apn_password == "s3cret");
  CHECK(o.modem == "auto");
  CHECK(o.baud == 921600);
  CHECK(o.crtscts);
  CHECK(o.dir_cache_ttl == std::chrono::seconds(5));
  CHECK(o.cache_dir == s.dir / "c");
  CHECK(o.cache_size == 1ull << 30);
  CHECK(o.memory_cache == 8ull << 20);
  CHECK(o.block_size == 64u * 1024);
  CHECK(o.keepalive == std::chrono::seconds(0));
  // None of ours reaches libfuse, which would refuse them.
  CHECK_THAT(p.libfuse_args(), !Catch::Matchers::Contains("host=") && !Catch::Matchers::Contains("crtscts"));
}

TEST_CASE("password= is taken and scrubbed from argv", "[fusefs]") {
  Scratch s;
  Parsed p({"modemftpfs", "/dev/ttyUSB2", s.mnt, "-o", "host=h,password=hunter2"});
  REQUIRE_FALSE(p.line.exit_now);
  CHECK(p.line.options.password == "hunter2");
  CHECK(std::string(p.argv[4]).find("hunter2") == std::string::npos);
}

TEST_CASE("the fstab form from mount.fuse3 works and fstab-only options are dropped", "[fusefs]") {
  Scratch s;
  Parsed p({"modemftpfs", "/dev/ttyUSB2", s.mnt, "-o",
            "rw,host=h,passfile=" + s.passfile.string() + ",_netdev,auto,noauto,user,users,allow_other"});
  REQUIRE_FALSE(p.line.exit_now);
  CHECK(p.line.options.user == "anonymous");
  const std::string rest = p.libfuse_args();
  CHECK_THAT(rest, Catch::Matchers::Contains("allow_other") && Catch::Matchers::Contains("rw"));
  CHECK_THAT(rest, !Catch::Matchers::Contains("_netdev") && !Catch::Matchers::Contains("users"));
}

TEST_CASE("simulate mode needs no host and logs in as demo", "[fusefs]") {
  Scratch s;
  Parsed p({"modemftpfs", "--simulate", s.dir.string(), s.mnt, "-f"});
  REQUIRE_FALSE(p.line.exit_now);
  const MountOptions& o = p.line.options;
  CHECK(o.simulated());
  CHECK(o.simulate_root == s.dir);
  CHECK(o.host == "127.0.0.1");
  CHECK(o.user == "demo");
  CHECK(o.password == "demo");
  CHECK(o.foreground);
  CHECK(o.sim_dialect == "l610");
}

TEST_CASE("modem= forces a family; the simulator follows it or sim_dialect=", "[fusefs]") {
  Scratch s;
  auto [options, modem, sim_dialect] = GENERATE(table<std::string, std::string, std::string>({
      {"modem=sim7000", "sim7000", "sim7000"},
      {"modem=l610", "l610", "l610"},
      {"sim_dialect=sim7000", "auto", "sim7000"},
      {"modem=l610,sim_dialect=sim7000", "l610", "sim7000"},
  }));
  INFO(options);
  Parsed p({"modemftpfs", "--simulate", s.dir.string(), s.mnt, "-o", options});
  REQUIRE_FALSE(p.line.exit_now);
  CHECK(p.line.options.modem == modem);
  CHECK(p.line.options.sim_dialect == sim_dialect);
}

TEST_CASE("unknown families, and sim_dialect= without --simulate, are refused", "[fusefs]") {
  Scratch s;
  for (const std::string options : {"host=h,modem=bg96", "host=h,modem=SIM7000",
                                    "host=h,sim_dialect=auto", "host=h,sim_dialect=sim7000"}) {
    INFO(options);
    Parsed p({"modemftpfs", "/dev/ttyUSB2", s.mnt, "-o", options});
    CHECK(p.line.exit_now == 1);
  }
}

TEST_CASE("debug implies the foreground and -s is single-threaded", "[fusefs]") {
  Scratch s;
  Parsed p({"modemftpfs", "/dev/ttyUSB2", s.mnt, "-s", "-o", "host=h,debug"});
  REQUIRE_FALSE(p.line.exit_now);
  CHECK(p.line.options.debug);
  CHECK(p.line.options.foreground);
  CHECK(p.line.options.single_thread);
}

TEST_CASE("bad command lines exit 1", "[fusefs]") {
  Scratch s;
  const std::string mnt = s.mnt.string();
  const std::string pass = "passfile=" + s.passfile.string();
  auto args = GENERATE_COPY(
      std::vector<std::string>{"/dev/ttyUSB2", mnt},                          // no host
      std::vector<std::string>{"/dev/ttyUSB2", mnt, "-o", "host=h,cache_size=12X"},
      std::vector<std::string>{"/dev/ttyUSB2", mnt, "-o", "host=h,modem=bg96"},
      std::vector<std::string>{"/dev/ttyUSB2", mnt, "-o", "host=h,port=0"},
      std::vector<std::string>{"/dev/ttyUSB2", mnt, "-o", "host=h,block_size=1K"},
      std::vector<std::string>{"/dev/ttyUSB2", mnt, "-o", "host=h,password=a," + pass},
      std::vector<std::string>{"/dev/ttyUSB2", mnt, "-o", "host=h,passfile=/nonexistent"},
      std::vector<std::string>{"/dev/ttyUSB2", mnt, "extra", "-o", "host=h"},
      std::vector<std::string>{mnt, "-o", "host=h"},
      std::vector<std::string>{"--simulate", "/nonexistent", mnt});
  args.insert(args.begin(), "modemftpfs");
  Parsed p(args);
  CAPTURE(args);
  CHECK(p.line.exit_now == 1);
}

TEST_CASE("help and version requests exit 0 without needing a device", "[fusefs]") {
  CHECK(Parsed({"modemftpfs", "--help"}).line.exit_now == 0);
  CHECK(Parsed({"modemftpfs", "--version"}).line.exit_now == 0);
}
