#!/usr/bin/env bash
# `etcdctl check perf` against a fresh Cairn member and a fresh etcd, in alternation, with the CPU each side used.
# Usage: bench/check-perf.sh [--load s|m|l|xl] [--rounds N] [--only "etcd cairn null"] [--server-warmup S] [--no-build]
#        [--pause-damon]
# `null` is bench/NullServer.java, which stores nothing: the most etcdctl can drive on this machine.
# --pause-damon: turn the kernel's DAMON monitor off for the run and on again at the end (root; see bench/damon.sh).
# --server-warmup S: S seconds of unmeasured puts (`cairn bench`, 4,000/s from 500 clients) before the check, so
# that both servers are measured warm, as a server that has run for a while is (default 10; 0 for none).
# Environment: CAIRN_SERVER_JAVA_OPTS (default -Xmx2g) for the Cairn member's JVM.
# Prints a markdown table: verdict, writes/s, slowest request, stddev, server and etcdctl CPU seconds, and the MB
# the server wrote to storage during the check (/proc/PID/io write_bytes).
# etcdctl passes a load when its throughput is above 0.9 of the load's rate (s 150, m 1,000, l 8,000, xl 15,000
# writes/s: so l passes from 7,200), the slowest request is at most 0.5 s and the standard deviation at most 0.1 s.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
LOAD=l ROUNDS=1 ONLY="etcd cairn" BUILD=1 WARMUP=10 PAUSE_DAMON=0
while [ $# -gt 0 ]; do
  case "$1" in
    --load) LOAD=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --server-warmup) WARMUP=$2; shift 2 ;;
    --pause-damon) PAUSE_DAMON=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
source "$ROOT/bench/packages.sh"
need_commands etcdctl:etcd-client || exit 1
if [[ " $ONLY " == *" etcd "* ]]; then need_commands etcd:etcd-server || exit 1; fi
WORK=$(mktemp -d)
pid=
source "$ROOT/bench/damon.sh"
# (each step must not fail: under set -e a failing command would end the trap before the rest ran)
trap 'if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi; sleep 1; damon_resume; rm -rf "$WORK"' EXIT
if [ "$PAUSE_DAMON" = 1 ]; then damon_pause || exit 1; fi

if [ "$BUILD" = 1 ]; then "$ROOT/cairn" build >/dev/null; fi
source "$ROOT/bench/member.sh"
TICK=$(getconf CLK_TCK)

cpu_ticks() { awk '{print $14 + $15 + $16 + $17}' "/proc/$1/stat"; }
# bytes the process caused to be written to storage (its data, logs and WAL; the kernel counts them at write-back)
written_bytes() { awk '/^write_bytes:/ {print $2}' "/proc/$1/io" 2>/dev/null || echo 0; }

echo "$(nproc) cores, $(uname -r), $(damon_state)"
echo
echo "| round | server | load | result | writes/s | slowest | stddev | server CPU s | etcdctl CPU s | server MB written |"
echo "|---:|---|---|---|---:|---:|---:|---:|---:|---:|"
for round in $(seq 1 "$ROUNDS"); do
  for name in $ONLY; do
    d="$WORK/$name-$round"; mkdir -p "$d"
    pid=$(start_member "$name" "$d" 23790)
    if [ "$WARMUP" -gt 0 ]; then
      "$ROOT/cairn" bench --endpoints 127.0.0.1:23790 --conns 100 --clients 500 --warmup 0 put --rate 4000 \
        --total $((WARMUP * 4000)) --key-size 16 --key-space-size 100000 --val-size 1024 >/dev/null
    fi
    before=$(cpu_ticks "$pid") wbefore=$(written_bytes "$pid")
    # the subshell's `times` ends the output with its children's user and system time
    out=$( (ETCDCTL_API=3 etcdctl --endpoints 127.0.0.1:23790 check perf --load="$LOAD" 2>&1 || true; times) )
    after=$(cpu_ticks "$pid") wafter=$(written_bytes "$pid")
    summary=$(echo "$out" | check_perf_summary)
    client=$(echo "$out" | tail -1 | awk '{for (i = 1; i <= 2; i++) {split($i, p, "m"); t += p[1] * 60 + p[2]}
      printf "%.1f", t}')
    server=$(awk -v a="$before" -v b="$after" -v t="$TICK" 'BEGIN {printf "%.1f", (b - a) / t}')
    written=$(( (wafter - wbefore) >> 20 ))
    echo "| $round | $name | $LOAD | $summary | $server | $client | $written |"
    stop_member "$pid"
  done
done
