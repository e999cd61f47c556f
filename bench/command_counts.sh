#!/usr/bin/env bash
# Prints the modem commands each everyday operation costs, counted by the simulator's --stats
# (unthrottled link: this measures round trips and bytes, not seconds).
# Usage: bash bench/command_counts.sh [BUILD_DIR [l610|sim7000]]   (default: ./build l610)
set -euo pipefail
build=$(realpath "${1:-build}")
dialect=${2:-l610}
work=$(mktemp -d)
trap 'fusermount3 -u "$work/mnt" 2>/dev/null || true; kill "$sim_pid" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

mkdir -p "$work/root/many" "$work/mnt" "$work/cache"
for i in $(seq 1 2000); do : > "$work/root/many/file-$i"; done
head -c $((5 * 1024 * 1024)) /dev/urandom > "$work/root/five-mib.bin"
head -c 600000 /dev/urandom > "$work/root/touched.bin"
head -c 100000 /dev/urandom > "$work/hundred-kb.bin"
head -c 5000 /dev/urandom > "$work/five-kb.bin"
head -c $((1024 * 1024)) /dev/urandom > "$work/root/big.log"
mkdir -p "$work/src/sub"
for i in $(seq 1 20); do head -c 5000 /dev/urandom > "$work/src/sub/f$i"; done
echo demo > "$work/pass"; chmod 600 "$work/pass"

"$build/sim/modem-sim" --dialect "$dialect" --root "$work/root" --link "$work/tty" \
  --stats "$work/stats.json" --user demo --password-file "$work/pass" > "$work/sim.out" &
sim_pid=$!
for _ in $(seq 100); do [ -e "$work/tty" ] && break; sleep 0.05; done
"$build/fusefs/modemftpfs" "$work/tty" "$work/mnt" \
  -o host=127.0.0.1,user=demo,passfile="$work/pass",cache_dir="$work/cache",modem="$dialect"

count() {  # count KEY: the simulator's counter (0 when absent)
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); k=sys.argv[2]; print(d["commands"].get(k, d.get(k, 0)))' \
    "$work/stats.json" "$1"
}
measure() {  # measure LABEL COMMAND...: runs it and prints what it cost
  local label=$1; shift
  local list0 get0 recv0 login0 at0 out0 in0
  list0=$(count FTPLIST); get0=$(count FTPGET); recv0=$(count FTPRECV); at0=$(count at_commands)
  login0=$(count ftp_sessions)
  out0=$(count serial_bytes_to_host); in0=$(count serial_bytes_from_host)
  "$@" > /dev/null
  printf '%-36s %8d %7d %8d %7d %12d %14d %12d\n' "$label" \
    $(( $(count FTPLIST) - list0 )) $(( $(count FTPGET) - get0 )) $(( $(count FTPRECV) - recv0 )) \
    $(( $(count ftp_sessions) - login0 )) \
    $(( $(count at_commands) - at0 )) $(( $(count serial_bytes_to_host) - out0 )) \
    $(( $(count serial_bytes_from_host) - in0 ))
}

printf '%-36s %8s %7s %8s %7s %12s %14s %12s\n' operation FTPLIST FTPGET FTPRECV logins "AT commands" \
  "bytes to host" "bytes to modem"
measure "ls -l many/ (2000 entries, cold)" ls -l "$work/mnt/many"
measure "ls -l many/ again (within TTL)" ls -l "$work/mnt/many"
measure "stat of all 2000 entries" stat "$work/mnt/many/"file-*
measure "cat five-mib.bin (cold)" cat "$work/mnt/five-mib.bin"
measure "cat five-mib.bin again (cached)" cat "$work/mnt/five-mib.bin"
cmp "$work/mnt/five-mib.bin" "$work/root/five-mib.bin"
measure "cp of 5 kB into the mount" cp "$work/five-kb.bin" "$work/mnt/five-kb.bin"
cmp "$work/five-kb.bin" "$work/root/five-kb.bin"
measure "cp of 100 kB into the mount" cp "$work/hundred-kb.bin" "$work/mnt/hundred-kb.bin"
cmp "$work/hundred-kb.bin" "$work/root/hundred-kb.bin"
measure "touch of a 600 KB file" touch "$work/mnt/touched.bin"
measure "100-byte append to a 1 MiB file" sh -c "head -c 99 /dev/zero | tr '\\0' L >> '$work/mnt/big.log'; echo >> '$work/mnt/big.log'"
measure "rsync -a of 20 x 5 KB, first run" rsync -a "$work/src/" "$work/mnt/dst/"
measure "rsync -a of 20 x 5 KB, second run" rsync -a "$work/src/" "$work/mnt/dst/"
