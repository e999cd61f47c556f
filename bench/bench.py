#!/usr/bin/env python3
"""Benchmarks of issue 5: each workload through a real mount over the simulator with a realistic
link, against the ideal bound of that link and wire, and against PPP + rclone over the same line.

Run by hand (not by ctest), from the repository: python3 bench/bench.py --build build
See bench/README.md for the workloads, the bounds and what the columns mean.
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

MIB = 1 << 20
BLOCK = 256 * 1024  # the mount's default block_size: the unit a cache miss fetches

# PPP over a 921600-baud line, 60 ms RTT, `rclone mount --vfs-cache-mode writes` (issue 5).
PEER_SECONDS = {
    "cold read 8 MiB": 95.2,
    "warm re-read 8 MiB": 95.0,
    "write 8 MiB": 100.6,
    "ls -l 2000 cold": 2.15,
    "random 4 KiB x100": 347.0,
    "find 21 dirs": 4.8,
    "cp -r 200 small in": 50.4,
    "cp -r 200 small out": 48.9,
}


@dataclass
class Link:
    baud: int
    cmd_latency: float  # s, module processing before each AT response
    rtt: float          # s, one cellular round trip (one FTP control exchange)
    bandwidth: float    # bytes/s over the cellular side

    @property
    def line(self):  # serial payload bytes/s: 8N1 is 10 bits a byte
        return self.baud / 10

    def at(self, wire_bytes):
        """One AT exchange that stays in the module: latency + its bytes at the line rate."""
        return self.cmd_latency + wire_bytes / self.line

    def ftp(self, wire_bytes, data_bytes=0):
        """One FTP exchange: an AT exchange plus a cellular round trip, its data crossing both
        the cellular side and the serial line (the slower one bounds it)."""
        return self.at(0) + self.rtt + max(wire_bytes / self.line, data_bytes / self.bandwidth)


# Bytes of the AT framing around one exchange: command line, OK, result URC (~60 on the L610).
EXCHANGE_FRAMING = 60


def escaped_size(data):
    """FTPRETR/FTPSTOR escape 0x03 and 0x10 with 0x10: 2/256 = 0.78 % more on random data."""
    return len(data) + data.count(b"\x03") + data.count(b"\x10") + 1


def listing_bytes(directory):
    """Bytes of the server's LIST of `directory` (vsftpd's line format, as the simulator sends it):
    '<mode> <nlink:4> <uid:-8> <gid:-8> <size:8> <Mon DD HH:MM> <name>\\r\\n'."""
    total = 0
    for entry in os.scandir(directory):
        st = entry.stat(follow_symlinks=False)
        total += len("%s %4u %-8u %-8u %8u " % ("-" * 10, st.st_nlink, st.st_uid, st.st_gid,
                                                 st.st_size)) + 12 + 1 + len(entry.name) + 2
    return total


# --- ideal bounds: the fastest this link and wire allow, each formula beside its code ---------

PAGE = 4096  # the kernel's page: a FUSE driver is asked for whole pages


def fuse_read_bytes(offset, size):
    """What the kernel asks a FUSE driver for a read of `size` bytes at `offset` when nothing is
    in its page cache: the whole pages the bytes touch (a random read gets no readahead)."""
    first = offset // PAGE
    last = (offset + size + PAGE - 1) // PAGE
    return (last - first) * PAGE


class L610Bounds:
    """The L610 keeps one FTP session open: an operation is one exchange on it (PROTOCOL.md 2)."""

    def __init__(self, link):
        self.link = link

    def stream_read(self, data):
        # FTPRETR from the start: one exchange, then the escaped file at the line rate.
        return self.link.ftp(EXCHANGE_FRAMING) + escaped_size(data) / self.link.line

    def stream_write(self, data):
        # FTPSTOR: one exchange, the escaped file at the line rate (cellular is faster), its result.
        return self.link.ftp(EXCHANGE_FRAMING) + escaped_size(data) / self.link.line

    def listing(self, directory):
        # FTPLIST: one exchange carrying the listing bytes over both sides.
        size = listing_bytes(directory)
        return self.link.ftp(EXCHANGE_FRAMING + size, size)

    def random_read(self, offset, size):
        # A read at an arbitrary offset of the pages it touches (fuse_read_bytes: 8 KiB for a 4 KiB
        # read unless it is page-aligned): FTPGET there (one exchange), ceil(bytes/3000) FTPRECV,
        # and leaving the download: FTPCLOSE and FTPOPEN (two exchanges) before the next one.
        size = fuse_read_bytes(offset, size)
        recvs = -(-size // 3000)
        return 3 * self.link.ftp(EXCHANGE_FRAMING) + recvs * self.link.at(EXCHANGE_FRAMING) + size / self.link.line

    def files_in(self, sizes):
        # One MKD, then per file one FTPSTOR exchange with its bytes (the name must be created:
        # no cheaper write).
        return self.link.ftp(EXCHANGE_FRAMING) + sum(
            self.link.ftp(EXCHANGE_FRAMING) + (s * 1.008 + 1) / self.link.line for s in sizes)

    def small_read(self, size):
        # A file of at most 64 KiB is one FTPRETR exchange with its escaped bytes.
        return self.link.ftp(EXCHANGE_FRAMING) + (size * 1.008 + 1) / self.link.line

    def files_out(self, directory, sizes):
        # The directory's listing, then each file's small_read.
        return self.listing(directory) + sum(self.small_read(s) for s in sizes)


# A SIM7000 operation is an FTP session of its own (PROTOCOL.md 3): at least the connection
# (its banner), USER, PASS and the command itself, four cellular round trips.
SIM7000_LOGIN_ROUND_TRIPS = 4
# FTPLIST=2,<n> and FTPGET=2,<n> read at most 1460 bytes each (PROTOCOL.md 3).
SIM7000_READ_BLOCK = 1460


class Sim7000Bounds:
    """Each SIM7000 operation is a login; its parameters (FTPGETNAME, ...) are local commands."""

    def __init__(self, link):
        self.link = link

    def action(self, parameters=1):
        # The file or directory name parameter(s), then the command and its login.
        return (parameters * self.link.at(EXCHANGE_FRAMING) + self.link.at(EXCHANGE_FRAMING)
                + SIM7000_LOGIN_ROUND_TRIPS * self.link.rtt)

    def stream_read(self, data):
        # FTPETGET: one action, then the escaped file at the line rate.
        return self.action() + escaped_size(data) / self.link.line

    def stream_write(self, data):
        # FTPETPUT to the staging name, the escaped file at the line rate, then the FTPRENAME
        # that publishes it (a second login: a reader never sees a partial file).
        return self.action() + escaped_size(data) / self.link.line + self.action(2)

    def listing(self, directory):
        # FTPLIST=1 on the directory, then its bytes in reads of at most 1460 bytes.
        size = listing_bytes(directory)
        reads = -(-size // SIM7000_READ_BLOCK) + 1  # and the empty read that meets the end
        return (self.action() + reads * self.link.at(EXCHANGE_FRAMING) +
                max(size / self.link.line, size / self.link.bandwidth))

    def random_read(self, offset, size):
        # FTPREST and FTPGET at the page (an action), the pages in 1460-byte reads.
        size = fuse_read_bytes(offset, size)
        return self.action(2) + -(-size // SIM7000_READ_BLOCK) * self.link.at(EXCHANGE_FRAMING) + size / self.link.line

    def files_in(self, sizes):
        # FTPMKD, then per file its upload (one action with its bytes) and its publishing rename.
        return self.action() + sum(self.action() + (s * 1.008 + 1) / self.link.line + self.action(2)
                                   for s in sizes)

    def small_read(self, size):
        # One FTPETGET action with the file's escaped bytes.
        return self.action() + (size * 1.008 + 1) / self.link.line

    def files_out(self, directory, sizes):
        # The directory's listing, then each file's small_read.
        return self.listing(directory) + sum(self.small_read(s) for s in sizes)


BOUNDS = {"l610": L610Bounds, "sim7000": Sim7000Bounds}


# --- the rig: simulator + mount ----------------------------------------------------------------

class Rig:
    def __init__(self, args, work, link, mount_opts, name):
        self.args, self.work = args, work
        self.dialect, self.link = args.dialect, link  # link None: unthrottled (numeric bounds)
        self.mnt = work / ("mnt-" + name)
        self.cache = work / ("cache-" + name)
        self.tty = work / ("tty-" + name)
        self.stats_path = work / ("stats-" + name + ".json")
        self.mnt.mkdir()
        self.cache.mkdir()
        sim = [str(args.build / "sim/modem-sim"), "--dialect", args.dialect, "--root",
               str(work / "root"), "--link", str(self.tty), "--stats", str(self.stats_path),
               "--user", "demo", "--password-file", str(work / "pass")]
        if link:
            sim += ["--baud", str(link.baud), "--cmd-latency-ms", str(round(link.cmd_latency * 1000)),
                    "--rtt-ms", str(round(link.rtt * 1000)), "--bandwidth", str(int(link.bandwidth))]
        self.sim = subprocess.Popen(sim, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.sim.stdout.readline()  # "READY <link>"
        opts = ("host=127.0.0.1,user=demo,passfile=%s,cache_dir=%s,modem=%s,transfer=%s,"
                "dir_cache_ttl=3600" % (work / "pass", self.cache, args.dialect, args.transfer))
        if link:
            opts += ",baud=%d" % link.baud
        if mount_opts:
            opts += "," + mount_opts
        subprocess.run([str(args.build / "fusefs/modemftpfs"), str(self.tty), str(self.mnt),
                        "-o", opts], check=True)
        self.pid = self._daemon_pid()

    def _daemon_pid(self):
        for entry in Path("/proc").iterdir():
            try:
                argv = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if argv and argv[0].endswith(b"modemftpfs") and str(self.mnt).encode() in argv:
                return int(entry.name)
        raise RuntimeError("modemftpfs daemon not found")

    def stats(self):
        return json.loads(self.stats_path.read_text())

    def cpu_seconds(self):
        fields = Path("/proc/%d/stat" % self.pid).read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def peak_rss_mib(self):
        for line in Path("/proc/%d/status" % self.pid).read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def close(self):
        subprocess.run(["fusermount3", "-u", str(self.mnt)], check=False)
        self.sim.terminate()
        self.sim.wait()


ONLY = []  # --only: substrings of the workloads to run; empty: all


def measure(rig, name, action, bound, moved_bytes=0, note=""):
    """Runs `action`, returns the table row: seconds, the counters it moved, CPU per MiB.
    `bound(bounds)` gives the workload's ideal from a family's bounds (or a number for all)."""
    if ONLY and not any(o in name for o in ONLY):
        return None
    ideal_of = lambda family: bound(BOUNDS[family](rig.link)) if callable(bound) else bound
    ideal, l610_ideal = ideal_of(rig.dialect), ideal_of("l610")
    before, cpu0 = rig.stats(), rig.cpu_seconds()
    start = time.monotonic()
    extra = action()
    extra = extra if isinstance(extra, dict) else {}
    seconds = time.monotonic() - start
    after, cpu1 = rig.stats(), rig.cpu_seconds()
    delta = lambda key: after.get(key, 0) - before.get(key, 0)
    row = {
        "workload": name,
        "measured_s": round(seconds, 2),
        "ideal_s": round(ideal, 2),
        "l610_ideal_s": round(l610_ideal, 2),
        "ratio": round(seconds / ideal, 3) if ideal > 0 else None,
        "modem_commands": delta("at_commands"),
        "serial_bytes": delta("serial_bytes_to_host") + delta("serial_bytes_from_host"),
        "cellular_bytes": delta("files_downloaded_bytes") + delta("files_uploaded_bytes"),
        "peer_s": PEER_SECONDS.get(name),
        "cpu_s_per_mib": round((cpu1 - cpu0) / (moved_bytes / MIB), 4) if moved_bytes else None,
        "commands": {k: v - before["commands"].get(k, 0) for k, v in after["commands"].items()
                     if v != before["commands"].get(k, 0)},
        "note": note,
    }
    row.update(extra)
    print_row(row)
    return row


def print_header():
    # "ideal" is the running family's own bound; "L610 ideal" the same workload on an L610.
    print("%-22s %9s %8s %7s %10s %9s %11s %11s %8s %8s" % ("workload", "measured", "ideal",
          "ratio", "L610 ideal", "commands", "serial B", "cellular B", "peer s", "cpu/MiB"))


def print_row(r):
    fmt = lambda v, f: (f % v) if v is not None else "-"
    print("%-22s %9.2f %8.2f %7s %10.2f %9d %11d %11d %8s %8s" % (
        r["workload"], r["measured_s"], r["ideal_s"], fmt(r["ratio"], "%.3f"), r["l610_ideal_s"],
        r["modem_commands"], r["serial_bytes"], r["cellular_bytes"], fmt(r["peer_s"], "%.1f"),
        fmt(r["cpu_s_per_mib"], "%.4f")), flush=True)


# --- the tree the server holds -----------------------------------------------------------------

def make_tree(root, rnd):
    root.mkdir()
    (root / "big8.bin").write_bytes(rnd.randbytes(8 * MIB))
    (root / "rand16.bin").write_bytes(rnd.randbytes(16 * MIB))
    many = root / "many"
    many.mkdir()
    for i in range(2000):
        (many / ("file-%04d.dat" % i)).write_bytes(b"x" * rnd.randrange(0, 100000, 7) if i % 50 == 0 else b"")
    tree = root / "tree"
    tree.mkdir()
    for d in range(20):
        (tree / ("d%02d" % d)).mkdir()
        for f in range(5):
            (tree / ("d%02d" % d) / ("f%d.txt" % f)).write_bytes(b"t" * (100 * f))
    small = root / "small"
    small.mkdir()
    for i in range(200):
        (small / ("s%03d.bin" % i)).write_bytes(rnd.randbytes(rnd.randint(1024, 8192)))


def wait_on_server(path, data, deadline_s=600):
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if path.exists() and path.stat().st_size == len(data) and path.read_bytes() == data:
            return
        time.sleep(0.05)
    raise RuntimeError("%s never became complete on the server" % path)


def run_workloads(args, work, link, rnd):
    root = work / "root"
    rig = Rig(args, work, link, "", "main")
    rows = []
    try:
        mnt = rig.mnt
        os.listdir(mnt)  # the root's listing: every lookup below starts from it
        big = (root / "big8.bin").read_bytes()
        cat = lambda p: (lambda: subprocess.run(["cat", str(p)], stdout=subprocess.DEVNULL, check=True))
        rows.append(measure(rig, "cold read 8 MiB", cat(mnt / "big8.bin"),
                            lambda b: b.stream_read(big), len(big)))
        rows.append(measure(rig, "warm re-read 8 MiB", cat(mnt / "big8.bin"), 0, len(big),
                            "target: no modem command"))

        local = work / "w8.bin"
        local.write_bytes(rnd.randbytes(8 * MIB))
        data = local.read_bytes()
        def write8():
            subprocess.run(["cp", str(local), str(mnt / "w8.bin")], check=True)
            wait_on_server(root / "w8.bin", data)
        rows.append(measure(rig, "write 8 MiB", write8, lambda b: b.stream_write(data), len(data)))

        ls = lambda: subprocess.run(["ls", "-l", str(mnt / "many")], stdout=subprocess.DEVNULL, check=True)
        rows.append(measure(rig, "ls -l 2000 cold", ls, lambda b: b.listing(root / "many")))
        rows.append(measure(rig, "ls -l 2000 warm", ls, 0, 0, "target: no modem command"))
        names = sorted(os.listdir(root / "many"))
        rows.append(measure(rig, "stat 2000", lambda: [os.stat(mnt / "many" / n) for n in names], 0,
                            0, "within the listing's TTL"))

        offsets = [rnd.randrange(0, 16 * MIB - 4096) for _ in range(100)]
        blocks = {o // BLOCK for o in offsets} | {(o + 4095) // BLOCK for o in offsets}
        expect = (root / "rand16.bin").read_bytes()
        def random_reads():
            # Buffered, as most programs read: the buffer takes its size from st_blksize, which
            # the mount reports as a page (with the 256 KiB block there, each read was 256 KiB).
            with open(mnt / "rand16.bin", "rb") as f:
                for o in offsets:
                    f.seek(o)
                    assert f.read(4096) == expect[o:o + 4096]
            # Beside cellular_bytes: the pages the reads touch, each once. The kernel may ask a
            # few pages more where reads fall next to cached ones (its readahead sees a run).
            return {"distinct_blocks": len(blocks),
                    "asked_bytes": len({o // PAGE + i for o in offsets
                                        for i in range(fuse_read_bytes(o, 4096) // PAGE)}) * PAGE}
        rows.append(measure(rig, "random 4 KiB x100", random_reads,
                            lambda b: sum(b.random_read(o, 4096) for o in offsets), 100 * 4096,
                            "%d distinct %d KiB blocks touched" % (len(blocks), BLOCK // 1024)))

        dirs = [root / "tree"] + sorted((root / "tree").iterdir())
        rows.append(measure(rig, "find 21 dirs",
                            lambda: subprocess.run(["find", str(mnt / "tree")], stdout=subprocess.DEVNULL, check=True),
                            lambda b: sum(b.listing(d) for d in dirs)))

        small_local = work / "small-local"
        small_local.mkdir()
        sizes = []
        for i in range(200):
            sizes.append(rnd.randint(1024, 8192))
            (small_local / ("n%03d.bin" % i)).write_bytes(rnd.randbytes(sizes[-1]))
        rows.append(measure(rig, "cp -r 200 small in",
                            lambda: subprocess.run(["cp", "-r", str(small_local), str(mnt / "small-in")], check=True),
                            lambda b: b.files_in(sizes), sum(sizes),
                            "budget: <= 5 round trips per file"))
        out_sizes = [p.stat().st_size for p in (root / "small").iterdir()]
        rows.append(measure(rig, "cp -r 200 small out",
                            lambda: subprocess.run(["cp", "-r", str(mnt / "small"), str(work / "small-out")], check=True),
                            lambda b: b.files_out(root / "small", out_sizes), sum(out_sizes)))
    finally:
        rig.close()
    return rows


def run_rss(args, work, link, rnd):
    """Peak RSS of the daemon while 256 MiB are copied out, block cache spilling to disk."""
    size = args.rss_mib * MIB
    path = work / "root" / "huge.bin"
    with open(path, "wb") as f:
        for _ in range(args.rss_mib):
            f.write(rnd.randbytes(MIB))
    rig = Rig(args, work, link if args.rss_link == "realistic" else None, "cache_size=32M", "rss")
    try:
        os.listdir(rig.mnt)
        row = measure(rig, "copy %d MiB out" % args.rss_mib,
                      lambda: subprocess.run(["cp", str(rig.mnt / "huge.bin"), "/dev/null"], check=True),
                      size / link.line if args.rss_link == "realistic" else 0, size,
                      "link: %s; cache_size=32M" % args.rss_link)
        if row is None:
            return None
        row["peak_rss_mib"] = round(rig.peak_rss_mib(), 1)
        print("    peak RSS of the daemon: %.1f MiB (target <= 64)" % row["peak_rss_mib"])
        return row
    finally:
        rig.close()
        path.unlink()


def add_rig_arguments(p):
    """The options of the build, the modem and the link, shared with bench/interactive.py."""
    p.add_argument("--build", type=Path, default=Path("build"), help="build directory (build)")
    p.add_argument("--dialect", default="l610", help="modem family the simulator plays (l610)")
    p.add_argument("--transfer", default="auto", help="the mount's -o transfer= (auto)")
    p.add_argument("--baud", type=int, default=921600)
    p.add_argument("--cmd-latency-ms", type=float, default=2)
    p.add_argument("--rtt-ms", type=float, default=60)
    p.add_argument("--bandwidth", type=float, default=1_000_000, help="cellular bytes/s (1 MB/s)")


def link_of(args):
    return Link(args.baud, args.cmd_latency_ms / 1000, args.rtt_ms / 1000, args.bandwidth)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_rig_arguments(p)
    p.add_argument("--rss-mib", type=int, default=256, help="size of the RSS workload's file")
    p.add_argument("--rss-link", choices=["unthrottled", "realistic"], default="unthrottled",
                   help="link of the RSS workload (realistic: ~50 min for 256 MiB)")
    p.add_argument("--skip-rss", action="store_true")
    p.add_argument("--only", default="", help="comma-separated parts of workload names to run")
    p.add_argument("--json", type=Path, default=Path("bench-results.json"))
    args = p.parse_args()
    args.build = args.build.resolve()
    ONLY.extend(o for o in args.only.split(",") if o)
    link = link_of(args)
    rnd = random.Random(5)
    work = Path(tempfile.mkdtemp(prefix="mfs-bench-"))
    try:
        (work / "pass").write_text("demo\n")
        os.chmod(work / "pass", 0o600)
        make_tree(work / "root", rnd)
        print("link: %d baud, %.0f ms per command, %.0f ms RTT, %.0f B/s cellular; dialect %s, "
              "transfer=%s" % (link.baud, link.cmd_latency * 1000, link.rtt * 1000, link.bandwidth,
                               args.dialect, args.transfer))
        print_header()
        rows = [r for r in run_workloads(args, work, link, rnd) if r]
        if not args.skip_rss:
            rows += [r for r in [run_rss(args, work, link, rnd)] if r]
        args.json.write_text(json.dumps({"link": vars(link), "dialect": args.dialect,
                                         "transfer": args.transfer, "rows": rows}, indent=2))
        print("JSON:", args.json)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
