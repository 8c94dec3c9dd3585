#!/usr/bin/env bash
# The Kubernetes API server's first figures: a fresh Cairn member with its API server, loaded by
# `cairn kube-bench` through the written kubeconfig: creating ConfigMaps (objects/s), listing them paginated,
# and watchers receiving updates (delivery latency); then the server's peak RSS (VmHWM).
# Usage: bench/kube-load.sh [kube-bench options...]   (defaults: 10,000 ConfigMaps, 50 clients, pages of 500,
#        100 watchers at 1,000 updates/s for 10 s; prints a markdown table)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

"$ROOT/cairn" build >/dev/null
source <(sed -n '/^die()/p;/^jdk_major()/,/^}/p;/^find_jdk()/,/^}/p' "$ROOT/cairn")
JAVA_HOME=$(find_jdk)
JAVA="$JAVA_HOME/bin/java"
CP="$ROOT/cli/target/cairn-cli.jar:$ROOT/cli/target/lib/*"
JFLAGS=(--add-opens java.base/java.lang=ALL-UNNAMED --enable-native-access=ALL-UNNAMED
        -Dcom.google.protobuf.use_unsafe_pre22_gencode=true)
if [ "$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p')" -ge 23 ]; then
  JFLAGS+=(--sun-misc-unsafe-memory-access=allow)
fi

"$JAVA" -Xmx2g "${JFLAGS[@]}" -cp "$CP" io.cairn.cli.Main server --name m1 --data-dir "$WORK/data" \
  --listen-client-urls http://127.0.0.1:24379 --advertise-client-urls http://127.0.0.1:24379 \
  --listen-peer-urls http://127.0.0.1:24380 --initial-advertise-peer-urls http://127.0.0.1:24380 \
  --initial-cluster m1=http://127.0.0.1:24380 --apiserver-listen 127.0.0.1:24443 >"$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 300); do
  grep -q "Kubernetes API server ready" "$WORK/server.log" && break
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
  sleep 0.2
done

echo "Cairn API server, 1 member, $(nproc) cores, $(uname -r), $(date -u +%F)"
echo
"$JAVA" -Xmx1g "${JFLAGS[@]}" -cp "$CP" io.cairn.cli.Main kube-bench --kubeconfig "$WORK/data/kubeconfig.yaml" "$@"
echo
echo "server peak RSS: $(awk '/VmHWM/ {printf "%d MB", $2/1024}' "/proc/$PID/status")"
