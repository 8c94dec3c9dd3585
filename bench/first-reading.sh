#!/usr/bin/env bash
# First performance reading of the store, side by side with Debian's etcd on the same machine in the same run:
#   1. `etcdctl check perf --load=s` and `--load=m` against a fresh etcd and a fresh Cairn member (fsync on both);
#   2. resident memory (VmRSS) of each after loading 1,000,000 keys with 256-byte values.
# Usage: bench/first-reading.sh [keys]     (needs etcd-server and etcd-client; prints a markdown table)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
KEYS=${1:-1000000}
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

"$ROOT/cairn" build >/dev/null
source <(sed -n '/^die()/p;/^jdk_major()/,/^}/p;/^find_jdk()/,/^}/p' "$ROOT/cairn")
JAVA_HOME=$(find_jdk)
JAVA="$JAVA_HOME/bin/java"
CP="$ROOT/cli/target/cairn-cli.jar:$ROOT/cli/target/lib/*"

start() { # name dir port peerport -> pid
  local name=$1 dir=$2 port=$3 peer=$4
  local flags=(--name m1 --data-dir "$dir" --listen-client-urls "http://127.0.0.1:$port"
    --advertise-client-urls "http://127.0.0.1:$port" --listen-peer-urls "http://127.0.0.1:$peer"
    --initial-advertise-peer-urls "http://127.0.0.1:$peer" --initial-cluster "m1=http://127.0.0.1:$peer")
  if [ "$name" = etcd ]; then
    etcd "${flags[@]}" >"$dir.log" 2>&1 &
  else
    "$JAVA" -Xmx2g --add-opens java.base/java.lang=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
      -cp "$CP" io.cairn.cli.Main server --apiserver-listen none "${flags[@]}" >"$dir.log" 2>&1 &
  fi
  local pid=$!
  for _ in $(seq 1 200); do
    ETCDCTL_API=3 etcdctl --endpoints "127.0.0.1:$port" get x >/dev/null 2>&1 && { echo "$pid"; return; }
    sleep 0.1
  done
  echo "cannot start $name; log:" >&2; tail -20 "$dir.log" >&2; exit 1
}
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
perf() { # port load -> "PASS/FAIL writes/s slowest stddev"
  local out; out=$(ETCDCTL_API=3 etcdctl --endpoints "127.0.0.1:$1" check perf --load="$2" 2>&1 || true)
  local verdict; verdict=$(echo "$out" | grep -qE '^FAIL|FAIL:' && echo FAIL || echo PASS)
  local tput slow sd
  tput=$(echo "$out" | sed -n 's/.*Throughput is \([0-9]*\) writes\/s.*/\1/p; s/.*Throughput too low: \([0-9]*\) writes\/s.*/\1/p' | head -1)
  slow=$(echo "$out" | sed -n 's/.*Slowest request took \([0-9.]*s\).*/\1/p; s/.*Slowest request took too long: \([0-9.]*s\).*/\1/p' | head -1)
  sd=$(echo "$out" | sed -n 's/.*Stddev is \([0-9.]*s\).*/\1/p; s/.*Stddev too high: \([0-9.]*s\).*/\1/p' | head -1)
  echo "$verdict | $tput | $slow | $sd"
}

echo "| server | check perf | result | writes/s | slowest | stddev |"
echo "|---|---|---|---:|---:|---:|"
for load in s m; do
  for name in etcd cairn; do
    d="$WORK/$name-perf-$load"; mkdir -p "$d"
    pid=$(start "$name" "$d" 23790 23800)
    echo "| $name | $load | $(perf 23790 "$load") |"
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done

echo
echo "| server | keys loaded | load time | RSS after load (MB) | data dir (MB) |"
echo "|---|---:|---|---:|---:|"
for name in etcd cairn; do
  d="$WORK/$name-rss"; mkdir -p "$d"
  pid=$(start "$name" "$d" 23790 23800)
  took=$("$JAVA" -cp "$CP" "$ROOT/bench/LoadKeys.java" "127.0.0.1:23790" "$KEYS" 256 | sed -n 's/.* in \([0-9.]* s\).*/\1/p')
  sleep 5
  echo "| $name | $KEYS | $took | $(rss_mb "$pid") | $(du -sm "$d" | cut -f1) |"
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
