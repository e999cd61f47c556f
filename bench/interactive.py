#!/usr/bin/env python3
"""Issue 14: how long interactive requests take while a bulk transfer runs, beside the same
requests on an idle mount. Through a real mount over the simulator at a realistic link (the
link and rig of bench.py).

Rows: `ls -l` of an uncached directory, `cat` of a 4 KiB file, `stat` of a name in an uncached
directory; each on an idle mount, during an 8 MiB write (cp into the mount, until the file is
complete on the server) and during an 8 MiB read (cat out of the mount). Each sample uses a
directory or file not asked before, so every one costs the modem its own exchanges. Printed
with p50, p99 and max, beside the bound of the request's own exchanges on this link.

Run by hand: python3 bench/interactive.py --build build [--dialect sim7000]
"""
import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import BOUNDS, MIB, Rig, add_rig_arguments, link_of, wait_on_server  # noqa: E402

DIRS = 400        # uncached directories, 20 small files each: one per ls or stat sample
SMALL = 400       # 4 KiB files: one per cat sample
PAUSE = 0.3       # s between two samples during a transfer: a user, not a flood
KINDS = ("ls -l uncached dir", "cat 4 KiB file", "stat uncached name")


def make_tree(root, rnd):
    root.mkdir()
    for d in range(DIRS):
        sub = root / ("d%03d" % d)
        sub.mkdir()
        for f in range(20):
            (sub / ("f%02d.txt" % f)).write_bytes(b"x" * rnd.randrange(0, 5000))
    small = root / "small"
    small.mkdir()
    for i in range(SMALL):
        (small / ("s%03d.bin" % i)).write_bytes(rnd.randbytes(4096))
    (root / "read8.bin").write_bytes(rnd.randbytes(8 * MIB))


class Samples:
    """Hands out a fresh directory / file to each sample and times it."""

    def __init__(self, mnt):
        self.mnt, self.next_dir, self.next_small = mnt, 0, 0
        self.times = {k: [] for k in KINDS}
        self.failed = {k: 0 for k in KINDS}  # e.g. ETIMEDOUT after waiting behind the transfer

    def take(self, kind):
        if kind == "cat 4 KiB file":
            target = self.mnt / "small" / ("s%03d.bin" % self.next_small)
            self.next_small += 1
            act = lambda: subprocess.run(["cat", str(target)], stdout=subprocess.DEVNULL, check=True)
        else:
            sub = self.mnt / ("d%03d" % self.next_dir)
            self.next_dir += 1
            if kind == "ls -l uncached dir":
                act = lambda: subprocess.run(["ls", "-l", str(sub)], stdout=subprocess.DEVNULL, check=True)
            else:
                act = lambda: os.stat(sub / "f07.txt")
        start = time.monotonic()
        try:
            act()
        except (OSError, subprocess.CalledProcessError):
            self.failed[kind] += 1
        self.times[kind].append(time.monotonic() - start)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def run_during(samples, bulk, rounds_cap):
    """Takes samples in turn while `bulk` runs in a thread; returns the bulk's seconds and
    its error, if it failed."""
    done = threading.Event()
    failed = []
    started = time.monotonic()

    def body():
        try:
            bulk()
        except Exception as e:  # noqa: BLE001 (reported below)
            failed.append(e)
        done.set()

    thread = threading.Thread(target=body)
    thread.start()
    time.sleep(2)  # the transfer is under way
    i = 0
    while not done.is_set() and i < rounds_cap:
        samples.take(KINDS[i % len(KINDS)])
        i += 1
        done.wait(PAUSE)
    thread.join()
    return time.monotonic() - started, (str(failed[0]) if failed else "")


def print_rows(label, samples, idle, bounds):
    for kind in KINDS:
        t = samples.times[kind]
        if not t:
            print("%-20s %-22s %4d" % (kind, label, 0))
            continue
        print("%-20s %-22s %4d %7.2f %7.2f %7.2f %8.2f %7.2f %6d" % (
            kind, label, len(t), percentile(t, 50), percentile(t, 99), max(t),
            percentile(idle.times[kind], 50) if idle and idle.times[kind] else percentile(t, 50),
            bounds[kind], samples.failed[kind]), flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_rig_arguments(p)
    p.add_argument("--idle-samples", type=int, default=10, help="idle samples of each kind")
    args = p.parse_args()
    args.build = args.build.resolve()
    link = link_of(args)
    family = BOUNDS[args.dialect](link)
    rnd = random.Random(14)
    work = Path(tempfile.mkdtemp(prefix="mfs-bench-interactive-"))
    try:
        (work / "pass").write_text("demo\n")
        os.chmod(work / "pass", 0o600)
        make_tree(work / "root", rnd)
        root = work / "root"
        # The request's own exchanges (the family's bounds): a listing; a listing of small/ is
        # cached before the cat samples, so a cat is one small read of 4 KiB; a stat is a listing.
        bounds = {"ls -l uncached dir": family.listing(root / "d000"),
                  "cat 4 KiB file": family.small_read(4096),
                  "stat uncached name": family.listing(root / "d000")}
        print("link: %d baud, %.0f ms per command, %.0f ms RTT, %.0f B/s cellular; dialect %s, "
              "transfer=%s" % (link.baud, link.cmd_latency * 1000, link.rtt * 1000, link.bandwidth,
                               args.dialect, args.transfer))
        print("%-20s %-22s %4s %7s %7s %7s %8s %7s %6s" % ("request", "while", "n", "p50 s",
              "p99 s", "max s", "idle p50", "bound", "failed"))
        rig = Rig(args, work, link, "", "interactive")
        try:
            mnt = rig.mnt
            os.listdir(mnt)
            os.listdir(mnt / "small")
            samples = Samples(mnt)
            for i in range(args.idle_samples * len(KINDS)):
                samples.take(KINDS[i % len(KINDS)])
            idle = samples
            print_rows("idle", idle, None, bounds)

            local = work / "w8.bin"
            local.write_bytes(rnd.randbytes(8 * MIB))
            data = local.read_bytes()
            def write8():
                subprocess.run(["cp", str(local), str(mnt / "w8.bin")], check=True)
                wait_on_server(root / "w8.bin", data)
            def sample_during(label, bulk, previous):
                """Samples while `bulk` runs, taking names where `previous` stopped."""
                samples = Samples(mnt)
                samples.next_dir, samples.next_small = previous.next_dir, previous.next_small
                seconds, error = run_during(samples, bulk, 10**6)
                print_rows("%s (%.0f s)" % (label, seconds), samples, idle, bounds)
                if error:
                    print("    the %s failed:" % label, error)
                return samples

            during = sample_during("8 MiB write", write8, idle)

            expect = (root / "read8.bin").read_bytes()
            def read8():
                got = subprocess.run(["cat", str(mnt / "read8.bin")], stdout=subprocess.PIPE,
                                     check=True).stdout
                if got != expect:
                    raise RuntimeError("the 8 MiB read came back different")
            sample_during("8 MiB read", read8, during)
        finally:
            rig.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
