// The fault matrix (issue 4): every fault kind the simulator injects, during each of list,
// download, upload, rename and mkdir, through a real mount. Each cell must end with the tool
// succeeding and the remote tree identical (sha256 of every file) to what was written: no
// lost byte, no partial file, no leftover ".name.mfs-XXXXXX". Where recovery is impossible
// (the bearer stays down past the retry budget) the documented errno is EIO, nothing partial
// is visible, and the mount recovers by itself once the network is back.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "fault_workload.hpp"

namespace mfs::faults {
namespace {

using Clock = std::chrono::steady_clock;

// Retries enough to outlast a 500 ms reboot or device absence; short request deadlines.
constexpr const char* matrix_options = ",retries=4,retry_backoff=200,timeout=30,keepalive=0";

std::string dialect() { return e2e::variant_dialect(); }

// The commands during `op` a fault is aimed at (--stats command names of the family). L610
// uploads name both paths (an FTPSTOR stream or FTPPUT chunks): the one not taken never fires.
std::vector<std::string> targets(Op op) {
  if (dialect() == "sim7000") {  // one login per action; FTPLIST and FTPGET count their reads
    switch (op) {
      case Op::list: return {"FTPLIST#1"};
      // A sequential read's blocks, or the FTPETGET stream it turns into.
      case Op::download: return {"FTPGET#3", "FTPETGET#1"};
      // Its open, as the L610's FTPSTOR#1: a fault after STOR created the staged file leaves
      // that name behind while the network stays down (drop-upload@N covers mid-upload).
      case Op::upload: return {"FTPETPUT#1", "FTPPUT#1"};
      case Op::rename: return {"FTPRENAME#1"};
      case Op::mkdir: return {"FTPMKD#1"};
    }
  }
  switch (op) {
    case Op::list: return {"FTPLIST#2"};  // #1 is the root's listing, for the lookup of d
    case Op::download: return {"FTPRECV#3"};
    case Op::upload: return {"FTPSTOR#1", "FTPPUT#2"};
    case Op::rename: return {"FTPREN#1"};
    case Op::mkdir: return {"FTPMKD#1"};
  }
  return {};
}

// The --faults spec for `kind` ("reboot" or "reboot:500") during `op`. A session drop during
// a transfer is aimed at a byte in the middle of it instead.
std::string fault_spec(const std::string& kind, Op op) {
  if (kind == "drop" && op == Op::download) return "drop-download@150000";
  if (kind == "drop" && op == Op::upload) return "drop-upload@100000";
  const auto colon = kind.find(':');
  const std::string name = kind.substr(0, colon);
  const std::string arg = colon == std::string::npos ? "" : kind.substr(colon);
  std::string spec;
  for (const auto& command : targets(op))
    spec += (spec.empty() ? "" : ",") + name + "@" + command + arg;
  return spec;
}

// One line per cell for the closing note's table, when MFS_FAULT_MATRIX_REPORT names a file.
void report(const std::string& kind, Op op, const std::string& outcome, std::uint64_t faults) {
  const char* path = std::getenv("MFS_FAULT_MATRIX_REPORT");
  if (!path) return;
  std::ofstream(path, std::ios::app) << kind << '\t' << op_name(op) << '\t' << outcome << '\t'
                                     << faults << '\n';
}

// One cell: a fresh server tree and mount with the fault armed, the operation, the checks.
void run_cell(const std::string& kind, Op op) {
  const std::string spec = fault_spec(kind, op);
  e2e::MountFixture mount(fault_settings(matrix_options, spec));
  const auto expected = seed_both(mount);
  INFO("fault " << spec << ", " << op_name(op));
  const auto result = run_op(mount, op);
  INFO("tool output: " << result.output << "\nmodemftpfs log:\n" << mount.fs_log());
  CHECK(result.status == 0);
  const std::uint64_t faults = faults_injected(mount);
  CHECK(faults >= 1);  // the fault really hit this operation
  if (kind == "drop" && op == Op::upload) {
    // The retry sent only what the server lacked (L610: REST + STOR; SIM7000: FTPETPUT with
    // APPE), not the whole file again:
    // the server stored 100000 bytes, then the other 100000, not 100000 + 200000.
    CHECK(mount.count("files_uploaded_bytes") < 250'000);
  }
  mirror_op(expected, op);
  CHECK(tree_digest(mount.remote()) == tree_digest(expected));
  report(kind, op, result.status == 0 ? "recovered" : "FAILED: " + result.output, faults);
}

void run_row(const std::string& kind) {
  for (Op op : all_ops()) {
    DYNAMIC_SECTION(kind << " during " << op_name(op)) { run_cell(kind, op); }
  }
}

}  // namespace

TEST_CASE("a session dropped by the server is recovered", "[faults]") { run_row("drop"); }
TEST_CASE("a lost bearer is re-activated and the operation completes", "[faults]") {
  run_row("bearer-lost");
}
TEST_CASE("a module reboot is recovered", "[faults]") { run_row("reboot:500"); }
TEST_CASE("a serial device that vanishes and reappears is reopened", "[faults]") {
  run_row("vanish:500");
}
TEST_CASE("an ERROR answer is retried", "[faults]") { run_row("error"); }
TEST_CASE("a network CME error is retried", "[faults]") {
  // A code the family's manual lists as network trouble: L610 2023 socket error, SIM7000 30.
  run_row(dialect() == "sim7000" ? "cme:30" : "cme:2023");
}

}  // namespace mfs::faults

namespace mfs::faults {
namespace {

// Opens `path` for writing without changing it and closes it, reporting close()'s error (a
// shell's ": >> f" would ignore it): the close uploads a spool that is still dirty.
e2e::RunResult reopen_and_close(const e2e::fs::path& path) {
  return e2e::run("python3 -c 'import os,sys; os.close(os.open(sys.argv[1], os.O_WRONLY))' " +
                  e2e::q(path));
}

// Runs `op` again (an upload: reopens and closes the file, which sends the kept spool) until
// it succeeds or `limit` passes; the pause only spaces the attempts, each has its own deadline.
e2e::RunResult retry_until_ok(const e2e::MountFixture& mount, Op op, std::chrono::seconds limit) {
  const auto deadline = Clock::now() + limit;
  e2e::RunResult r;
  do {
    r = op == Op::upload ? reopen_and_close(mount.mnt() / "up.bin") : run_op(mount, op);
    if (r.status == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  } while (Clock::now() < deadline);
  return r;
}

}  // namespace

// The bearer stays refused for 8 s; one retry 100 ms later cannot outlast that: EIO, nothing
// partial on the server, an upload's spool kept, and the next request after the outage works.
TEST_CASE("a network outage longer than the retry budget fails with EIO and recovers", "[faults]") {
  for (Op op : all_ops()) {
    DYNAMIC_SECTION("outage during " << op_name(op)) {
      e2e::MountFixture mount(fault_settings(",retries=1,retry_backoff=100,timeout=30,keepalive=0",
                                             fault_spec("bearer-lost:8000", op)));
      const auto expected = seed_both(mount);
      const auto started = Clock::now();
      const auto failed = run_op(mount, op);
      INFO("tool output: " << failed.output << "\nmodemftpfs log:\n" << mount.fs_log());
      CHECK(failed.status != 0);
      CHECK(failed.output.find("Input/output error") != std::string::npos);
      CHECK(Clock::now() - started < std::chrono::seconds(6));  // fails fast, before the outage ends
      CHECK(tree_digest(mount.remote()) == tree_digest(expected));  // nothing partial, no temp
      const auto recovered = retry_until_ok(mount, op, std::chrono::seconds(40));
      INFO("after the outage: " << recovered.output);
      CHECK(recovered.status == 0);
      mirror_op(expected, op);
      CHECK(tree_digest(mount.remote()) == tree_digest(expected));
      report("bearer-lost:8000 (retries=1)", op, "EIO, then recovered", faults_injected(mount));
    }
  }
}

// A server that never answers MKD: the caller gets ETIMEDOUT at its deadline (timeout=3), a
// listing already cached is still served meanwhile, and once the dialect's own command timeout
// has passed the mount recovers by itself.
TEST_CASE("a stalled server costs the caller its deadline, not a hang", "[faults]") {
  e2e::MountFixture mount(
      fault_settings(",retries=2,retry_backoff=100,timeout=3,keepalive=0",
                     "stall@" + targets(Op::mkdir).front()));
  const auto expected = seed_both(mount);
  REQUIRE(e2e::run("ls " + e2e::q(mount.mnt())).status == 0);  // caches the root's listing
  const auto started = Clock::now();
  const auto stalled = run_op(mount, Op::mkdir);
  INFO("tool output: " << stalled.output << "\nmodemftpfs log:\n" << mount.fs_log());
  CHECK(stalled.status != 0);
  CHECK(stalled.output.find("Connection timed out") != std::string::npos);
  CHECK(Clock::now() - started < std::chrono::seconds(8));
  CHECK(e2e::run("stat " + e2e::q(mount.mnt() / "a.txt")).status == 0);  // from the cache
  // The SIM7000 dialect gives up on an FTP action after 90 s (sim7000_commands.hpp).
  const auto deadline = Clock::now() + std::chrono::seconds(120);
  e2e::RunResult again;
  while (Clock::now() < deadline &&
         (again = e2e::run("mkdir -p " + e2e::q(mount.mnt() / "newdir"))).status != 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  CHECK(again.status == 0);
  mirror_op(expected, Op::mkdir);
  CHECK(tree_digest(mount.remote()) == tree_digest(expected));
  report("stall (timeout=3)", Op::mkdir, "ETIMEDOUT, then recovered", faults_injected(mount));
}

}  // namespace mfs::faults

namespace mfs::faults {

// A server that stops sending mid-download: FTPRECV's own timeout (10 s) ends the wait, the
// session reconnects and the download resumes at the last byte received, within the deadline.
TEST_CASE("a download stalled by the server resumes once the wait times out", "[faults]") {
  e2e::MountFixture mount(fault_settings(matrix_options, "stall@" + targets(Op::download).front()));
  const auto expected = seed_both(mount);
  const auto result = run_op(mount, Op::download);
  INFO("tool output: " << result.output << "\nmodemftpfs log:\n" << mount.fs_log());
  CHECK(result.status == 0);
  CHECK(faults_injected(mount) >= 1);
  CHECK(tree_digest(mount.remote()) == tree_digest(expected));
  report("stall", Op::download, result.status == 0 ? "recovered" : "FAILED", faults_injected(mount));
}

}  // namespace mfs::faults
