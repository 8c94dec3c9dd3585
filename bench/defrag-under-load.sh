#!/usr/bin/env bash
# Does defragmentation block the store? For etcd and for Cairn (each fresh, same flags): load K keys, delete half
# of them and compact, then run a steady put load (cairn bench put at R writes/s) twice — once alone, once with
# `etcdctl defrag` started 3 s into it — and print how long the defrag took and the put latencies of both runs.
# Usage: bench/defrag-under-load.sh [keys] [rate]     (needs etcd-server, etcd-client, jq: installed if
# missing; about 3 minutes)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
KEYS=${1:-300000}
RATE=${2:-500}
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
source "$ROOT/bench/packages.sh"
need_commands etcd:etcd-server etcdctl:etcd-client jq:jq || exit 1
"$ROOT/cairn" build >/dev/null
source "$ROOT/bench/member.sh"
JAVA="$JAVA_HOME/bin/java"
JFLAGS=(--add-opens java.base/java.lang=ALL-UNNAMED --enable-native-access=ALL-UNNAMED
        -Dcom.google.protobuf.use_unsafe_pre22_gencode=true -Dlogback.configurationFile="$ROOT/bench/logback-bench.xml")
export ETCDCTL_API=3

put_run() { # -> "p99 max" in ms
  "$JAVA" "${JFLAGS[@]}" -cp "$CP" io.cairn.cli.Main bench --endpoints 127.0.0.1:24790 --conns 4 --clients 50 --json \
    put --key-size 16 --val-size 256 --total $((RATE * 12)) --rate "$RATE" --key-space-size 100000 \
    | jq -r '(.latency_ms // .parts[0].latency_ms) | "\(.p99) \(.max)"'
}

echo "| server | defrag took | put p99 / max alone (ms) | put p99 / max during defrag (ms) |"
echo "|---|---:|---:|---:|"
for name in etcd cairn; do
  d="$WORK/$name"; mkdir -p "$d"
  pid=$(start_member "$name" "$d" 24790)
  "$JAVA" "${JFLAGS[@]}" -cp "$ROOT/cli/target/lib/*" "$ROOT/bench/LoadKeys.java" 127.0.0.1:24790 "$KEYS" 256 >/dev/null
  etcdctl --endpoints 127.0.0.1:24790 --command-timeout=120s del /load/0000 --prefix >/dev/null  # ~half of the keys
  rev=$(etcdctl --endpoints 127.0.0.1:24790 get x -w json | jq .header.revision)
  etcdctl --endpoints 127.0.0.1:24790 --command-timeout=120s compaction --physical "$rev" >/dev/null
  alone=$(put_run)
  (sleep 3; s=$(date +%s.%N); etcdctl --endpoints 127.0.0.1:24790 --command-timeout=120s defrag >/dev/null;
   e=$(date +%s.%N); echo "$s $e" > "$d.defrag") &
  during=$(put_run)
  wait
  took=$(awk '{printf "%.2f s", $2 - $1}' "$d.defrag")
  echo "| $name | $took | ${alone/ / \/ } | ${during/ / \/ } |"
  stop_member "$pid"
done
