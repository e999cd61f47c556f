// What operations cost on the wire, counted by the simulator: the design's promises that a
// listing fills every entry's attributes and that cached blocks are never fetched twice. The
// counts are each modem family's, from PROTOCOL.md: the L610 runs one FTPLIST or FTPGET inside
// the FTP session it keeps open; every SIM7000 action is an FTP login of its own (FTPLIST=1,
// FTPGET=1) whose data is then read in blocks of at most 1460 bytes (FTPLIST=2 / FTPGET=2).
#include <catch2/catch.hpp>

#include "mount_fixture.hpp"

using namespace mfs::e2e;

namespace {

constexpr std::uint64_t sim7000_block = 1460;

// Listings or downloads started so far: the L610's FTPLIST / FTPGET commands, the SIM7000's
// logins (its FTPLIST / FTPGET counts also hold every block read).
std::uint64_t starts(const MountFixture& m, const std::string& l610_command) {
  return m.dialect() == "sim7000" ? m.count("ftp_sessions") : m.count(l610_command);
}

}  // namespace

TEST_CASE("a 2000-entry listing costs one FTPLIST and repeats within the TTL cost none", "[e2e]") {
  MountFixture m;
  fs::create_directories(m.remote() / "many");
  for (int i = 0; i < 2000; ++i) write_file(m.remote() / "many" / ("file" + std::to_string(i)), "");
  REQUIRE(run("stat " + q(m.mnt() / "many")).status == 0);  // lists the root, not "many"
  const auto before = starts(m, "FTPLIST");
  const auto commands_before = m.count("FTPLIST");
  const auto per_file_before = m.count("FTPSIZE") + m.count("FTPMDTM");

  CHECK(run("ls -l " + q(m.mnt() / "many") + " | grep -c '^-'").output == "2000\n");
  CHECK(starts(m, "FTPLIST") == before + 1);
  const auto commands = m.count("FTPLIST");
  if (m.dialect() == "sim7000") {
    // FTPLIST=1, then blocks: 2000 lines of some 50 bytes need far more than one.
    CHECK(commands - commands_before > 2000 * 40 / sim7000_block);
  }

  CHECK(run("ls -l " + q(m.mnt() / "many") + " | grep -c '^-'").output == "2000\n");
  CHECK(starts(m, "FTPLIST") == before + 1);

  const RunResult stats = run("cd " + q(m.mnt() / "many") + " && stat -- * | grep -c 'Size: 0'");
  CHECK(stats.output == "2000\n");
  CHECK(starts(m, "FTPLIST") == before + 1);
  CHECK(m.count("FTPLIST") == commands);
  // Sizes and times come from the listing, never from SIZE or MDTM per file.
  CHECK(m.count("FTPSIZE") + m.count("FTPMDTM") == per_file_before);
}

TEST_CASE("a cold 5 MiB read costs one download and reading it again costs none", "[e2e]") {
  MountFixture m;
  const std::uint64_t size = 5 << 20;
  write_file(m.remote() / "f", random_bytes(size, 9));
  REQUIRE(run("stat " + q(m.mnt() / "f")).status == 0);
  const auto before = starts(m, "FTPGET");
  const auto commands_before = m.count("FTPGET") + m.count("FTPETGET");

  REQUIRE(run("cat " + q(m.mnt() / "f") + " > " + q(m.scratch() / "first")).status == 0);
  CHECK(run("cmp " + q(m.remote() / "f") + " " + q(m.scratch() / "first")).status == 0);
  const auto commands = m.count("FTPGET") + m.count("FTPETGET");
  if (m.dialect() == "sim7000") {
    // A sequential reader's chunked download turns into one FTPETGET stream for the rest: two
    // logins at most, and never more commands than the chunks alone would cost.
    const std::uint64_t blocks = (size + sim7000_block - 1) / sim7000_block;
    CHECK(starts(m, "FTPGET") <= before + 2);
    CHECK(commands - commands_before <= 3 + blocks);
  } else {
    CHECK(starts(m, "FTPGET") == before + 1);
  }
  const auto downloads = starts(m, "FTPGET");

  REQUIRE(run("cat " + q(m.mnt() / "f") + " > " + q(m.scratch() / "second")).status == 0);
  CHECK(run("cmp " + q(m.remote() / "f") + " " + q(m.scratch() / "second")).status == 0);
  CHECK(starts(m, "FTPGET") == downloads);
  CHECK(m.count("FTPGET") + m.count("FTPETGET") == commands);
}

TEST_CASE("a small buffered read at a random offset downloads pages, not a cache block", "[e2e]") {
  MountFixture m;
  write_file(m.remote() / "f", random_bytes(4 << 20, 11));
  REQUIRE(run("stat " + q(m.mnt() / "f")).status == 0);
  const std::string command = m.dialect() == "sim7000" ? "FTPGET" : "FTPRECV";
  const auto before = m.count(command);
  // stdio (here Python's) sizes its buffer from st_blksize: a 256 KiB one made this 4 KiB read
  // a 256 KiB download.
  const fs::path out = m.scratch() / "piece";
  REQUIRE(run("python3 -c \"import sys; f = open(sys.argv[1], 'rb'); f.seek(1 << 20); "
              "open(sys.argv[2], 'wb').write(f.read(4096))\" " +
              q(m.mnt() / "f") + " " + q(out))
              .status == 0);
  CHECK(read_file(out) == read_file(m.remote() / "f").substr(1 << 20, 4096));
  // 8 KiB at most: three FTPRECV of 3000 bytes, or a login and six FTPGET blocks of 1460.
  CHECK(m.count(command) - before <= (m.dialect() == "sim7000" ? 8u : 3u));
}

// Opening a file for writing fetches it only when a change needs its old bytes: touch and an
// open that writes nothing move no file data either way; a one-byte edit fetches it once.
TEST_CASE("touch of an existing 600 KB file costs no download and no upload", "[e2e]") {
  MountFixture m;
  const std::string old = random_bytes(600'000, 7);
  write_file(m.remote() / "big.bin", old);
  REQUIRE(run("stat " + q(m.mnt() / "big.bin")).status == 0);
  const auto downloaded = m.count("files_downloaded_bytes");
  const auto uploaded = m.count("files_uploaded_bytes");

  REQUIRE(run("touch " + q(m.mnt() / "big.bin")).status == 0);
  REQUIRE(run(": >> " + q(m.mnt() / "big.bin")).status == 0);  // opened for append, nothing written
  CHECK(m.count("files_downloaded_bytes") == downloaded);
  CHECK(m.count("files_uploaded_bytes") == uploaded);
  CHECK(read_file(m.remote() / "big.bin") == old);

  REQUIRE(run("printf X | dd of=" + q(m.mnt() / "big.bin") + " bs=1 seek=10 conv=notrunc status=none").status == 0);
  std::string edited = old;
  edited[10] = 'X';
  CHECK(read_file(m.remote() / "big.bin") == edited);
  CHECK(m.count("files_downloaded_bytes") >= downloaded + old.size());  // fetched for the edit
}

// An append sends only the new bytes, after the server's end, and fetches nothing.
TEST_CASE("a 100-byte append to a 1 MB file moves 100 bytes", "[e2e]") {
  MountFixture m;
  const std::string old = random_bytes(1 << 20, 9);
  write_file(m.remote() / "big.log", old);
  REQUIRE(run("stat " + q(m.mnt() / "big.log")).status == 0);
  const auto downloaded = m.count("files_downloaded_bytes");
  const auto uploaded = m.count("files_uploaded_bytes");
  const std::string line(99, 'L');
  REQUIRE(run("echo " + line + " >> " + q(m.mnt() / "big.log")).status == 0);
  CHECK(read_file(m.remote() / "big.log") == old + line + "\n");
  CHECK(m.count("files_downloaded_bytes") == downloaded);
  CHECK(m.count("files_uploaded_bytes") == uploaded + 100);
  WARN("append of 100 bytes: " << m.count("files_uploaded_bytes") - uploaded << " bytes up, "
       << m.count("files_downloaded_bytes") - downloaded << " down");
}

// A new file goes to a staging name and is renamed into place: the store's confirmation (the
// server's 226 through the L610's +FTPINFO, the SIM7000's "+FTPPUT: 1,0" after chunks it
// counted) verifies it, so no size query or listing is spent: on the SIM7000 two logins a file
// up to 16 KiB. A larger one streams (FTPETPUT), which nothing counts: one FTPSIZE more.
TEST_CASE("a new file costs its upload and its rename, no verifying query", "[e2e]") {
  MountFixture m;
  REQUIRE(run("ls " + q(m.mnt())).status == 0);
  const auto listings = m.count("FTPLIST");
  const auto sessions = m.count("ftp_sessions");
  const auto queries = m.count("FTPSIZE") + m.count("FTPMDTM");
  const std::string chunked = random_bytes(700, 3);    // one FTPPUT chunk
  const std::string streamed = random_bytes(9000, 4);  // a stream on the L610, chunks on the SIM7000
  write_file(m.scratch() / "small", chunked);
  write_file(m.scratch() / "larger", streamed);

  REQUIRE(run("cp " + q(m.scratch() / "small") + " " + q(m.scratch() / "larger") + " " +
              q(m.mnt())).status == 0);
  CHECK(read_file(m.remote() / "small") == chunked);
  CHECK(read_file(m.remote() / "larger") == streamed);
  CHECK(m.count("FTPSIZE") + m.count("FTPMDTM") == queries);
  CHECK(m.count("FTPLIST") == listings);
  if (m.dialect() == "sim7000") CHECK(m.count("ftp_sessions") == sessions + 4);

  if (m.dialect() != "sim7000") return;
  const bool streams = variant_setting("transfer") != "chunked";
  const std::string large = random_bytes(100'000, 5);
  write_file(m.scratch() / "large", large);
  REQUIRE(run("cp " + q(m.scratch() / "large") + " " + q(m.mnt())).status == 0);
  CHECK(read_file(m.remote() / "large") == large);
  CHECK((m.count("FTPETPUT") > 0) == streams);
  CHECK(m.count("FTPSIZE") == queries + (streams ? 1 : 0));
  CHECK(m.count("ftp_sessions") == sessions + (streams ? 7 : 6));
}
