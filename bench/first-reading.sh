#!/usr/bin/env bash
# First performance reading of the store, side by side with Debian's etcd on the same machine in the same run:
#   1. `etcdctl check perf --load=s` and `--load=m` against a fresh etcd and a fresh Cairn member (fsync on both);
#   2. resident memory (VmRSS) of each after loading 1,000,000 keys with 256-byte values.
# Usage: bench/first-reading.sh [keys]     (needs etcd-server and etcd-client, installed if
# missing; prints a markdown table)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
KEYS=${1:-1000000}
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

source "$ROOT/bench/packages.sh"
need_commands etcd:etcd-server etcdctl:etcd-client || exit 1
"$ROOT/cairn" build >/dev/null
source "$ROOT/bench/member.sh"
JAVA="$JAVA_HOME/bin/java"

echo "| server | check perf | result | writes/s | slowest | stddev |"
echo "|---|---|---|---:|---:|---:|"
for load in s m; do
  for name in etcd cairn; do
    d="$WORK/$name-perf-$load"; mkdir -p "$d"
    pid=$(start_member "$name" "$d" 23790)
    echo "| $name | $load | $(ETCDCTL_API=3 etcdctl --endpoints 127.0.0.1:23790 check perf --load="$load" 2>&1 \
      | check_perf_summary) |"
    stop_member "$pid"
  done
done

echo
echo "| server | keys loaded | load time | RSS after load (MB) | data dir (MB) |"
echo "|---|---:|---|---:|---:|"
for name in etcd cairn; do
  d="$WORK/$name-rss"; mkdir -p "$d"
  pid=$(start_member "$name" "$d" 23790)
  took=$("$JAVA" -cp "$CP" "$ROOT/bench/LoadKeys.java" "127.0.0.1:23790" "$KEYS" 256 | sed -n 's/.* in \([0-9.]* s\).*/\1/p')
  sleep 5
  echo "| $name | $KEYS | $took | $(rss_mb "$pid") | $(du -sm "$d" | cut -f1) |"
  stop_member "$pid"
done
