// The matrix's operations and tree digests (see fault_workload.hpp).
#include "fault_workload.hpp"

#include <cstdlib>

namespace mfs::faults {
namespace {

using e2e::q;
using e2e::random_bytes;

constexpr std::size_t big_size = 300'000;   // a download of ~100 FTPRECV exchanges
constexpr std::size_t upload_size = 200'000;

std::string big_content() { return random_bytes(big_size, 41); }
std::string upload_content() { return random_bytes(upload_size, 42); }

}  // namespace

const std::vector<Op>& all_ops() {
  static const std::vector<Op> ops{Op::list, Op::download, Op::upload, Op::rename, Op::mkdir};
  return ops;
}

std::string op_name(Op op) {
  switch (op) {
    case Op::list: return "list";
    case Op::download: return "download";
    case Op::upload: return "upload";
    case Op::rename: return "rename";
    case Op::mkdir: return "mkdir";
  }
  return "?";
}

void seed_tree(const e2e::fs::path& dir) {
  e2e::fs::create_directories(dir / "d");
  e2e::write_file(dir / "d" / "f1.txt", random_bytes(1000, 43));
  e2e::write_file(dir / "d" / "f2.bin", random_bytes(5000, 44));
  e2e::write_file(dir / "big.bin", big_content());
  e2e::write_file(dir / "a.txt", random_bytes(4000, 45));
}

e2e::RunResult run_op(const e2e::MountFixture& mount, Op op) {
  const auto& mnt = mount.mnt();
  switch (op) {
    case Op::list: {
      auto r = e2e::run("ls -la " + q(mnt / "d"));
      if (r.status == 0 && (r.output.find("f1.txt") == std::string::npos ||
                            r.output.find("f2.bin") == std::string::npos))
        r.status = 100;  // listed, but not what the server holds
      return r;
    }
    case Op::download: {
      const auto got = mount.scratch() / "got.bin";
      // Braced: run() sends stderr to its output, not into the downloaded file.
      auto r = e2e::run("{ cat " + q(mnt / "big.bin") + " > " + q(got) + "; }");
      if (r.status == 0 && e2e::read_file(got) != big_content()) {
        r.status = 101;
        r.output += " (downloaded bytes differ)";
      }
      return r;
    }
    case Op::upload: {
      const auto source = mount.scratch() / "up.bin";
      if (!e2e::fs::exists(source)) e2e::write_file(source, upload_content());
      return e2e::run("cp " + q(source) + " " + q(mnt / "up.bin"));
    }
    case Op::rename: return e2e::run("mv " + q(mnt / "a.txt") + " " + q(mnt / "b.txt"));
    case Op::mkdir: return e2e::run("mkdir " + q(mnt / "newdir"));
  }
  return {};
}

void mirror_op(const e2e::fs::path& expected, Op op) {
  switch (op) {
    case Op::list:
    case Op::download: return;
    case Op::upload: e2e::write_file(expected / "up.bin", upload_content()); return;
    case Op::rename: e2e::fs::rename(expected / "a.txt", expected / "b.txt"); return;
    case Op::mkdir: e2e::fs::create_directory(expected / "newdir"); return;
  }
}

std::string tree_digest(const e2e::fs::path& dir) {
  return e2e::run("cd " + q(dir) +
                  " && { find . -mindepth 1 -type d | sort | sed 's/^/d /';"
                  " find . -type f -print0 | sort -z | xargs -0r sha256sum; }")
      .output;
}

e2e::MountSettings fault_settings(const std::string& options, const std::string& faults) {
  e2e::MountSettings settings;
  settings.extra_options = options;
  if (const char* quirks = std::getenv("MFS_FAULTS_QUIRKS"); quirks && *quirks)
    settings.sim_args = {"--quirks", quirks};
  settings.sim_args.insert(settings.sim_args.end(), {"--faults", faults});
  return settings;
}

e2e::fs::path seed_both(const e2e::MountFixture& mount) {
  seed_tree(mount.remote());  // before the first listing of the mount: simply there
  const auto expected = mount.scratch() / "expected";
  seed_tree(expected);
  return expected;
}

std::uint64_t faults_injected(const e2e::MountFixture& mount) {
  return mount.count("faults_injected");
}

}  // namespace mfs::faults
