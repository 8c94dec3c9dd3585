#!/usr/bin/env bash
# The Kubernetes API server's first figures: a fresh Cairn member with its API server, loaded by
# `cairn kube-bench` through the written kubeconfig: creating ConfigMaps (objects/s), listing them paginated,
# and watchers receiving updates (delivery latency); then kubectl applying a 100-object manifest (create, unchanged,
# changed) if kubectl is installed; then the server's peak RSS (VmHWM).
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

KUBECTL=$(command -v /usr/lib/google-cloud-sdk/bin/kubectl.1.32 kubectl 2>/dev/null | head -1 || true)
if [ -n "$KUBECTL" ]; then
  # A namespace and 100 objects of four kinds in one manifest, as a small application ships them.
  manifest() {  # $1 = revision written into every object
    echo "apiVersion: v1"; echo "kind: Namespace"; echo "metadata: {name: kube-apply}"
    for i in $(seq 1 25); do
      cat <<EOF
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cm-$i, namespace: kube-apply, labels: {app: demo-$i}}
data: {revision: "$1", settings: "$(printf 'x%.0s' $(seq 1 64))"}
---
apiVersion: v1
kind: Secret
metadata: {name: secret-$i, namespace: kube-apply}
stringData: {password: "p-$1-$i"}
---
apiVersion: v1
kind: Service
metadata: {name: svc-$i, namespace: kube-apply}
spec:
  selector: {app: demo-$i}
  ports: [{name: http, port: 80, targetPort: 8080}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: deploy-$i, namespace: kube-apply}
spec:
  replicas: 1
  selector: {matchLabels: {app: demo-$i}}
  template:
    metadata: {labels: {app: demo-$i}}
    spec:
      containers:
      - name: app
        image: registry.example/demo:$1
        ports: [{containerPort: 8080}]
        env: [{name: REVISION, value: "$1"}]
EOF
    done
  }
  manifest 1 >"$WORK/apply-1.yaml"; manifest 2 >"$WORK/apply-2.yaml"
  timed_apply() {  # $1 = label, $2 = file; prints one table row with the wall time of kubectl apply
    local t0 t1 out
    t0=$(date +%s%N)
    out=$("$KUBECTL" --kubeconfig "$WORK/data/kubeconfig.yaml" apply -f "$2" 2>&1) \
      || { echo "$out" >&2; echo "| apply | $1 | failed | | | 1 |"; return; }
    t1=$(date +%s%N)
    echo "| apply | $1 | $(awk -v n=$(( (t1 - t0) / 1000000 )) 'BEGIN {printf "%.2f s", n/1000}') | | | 0 |"
  }
  echo
  echo "| phase | what | result | p50 ms | p99 ms | errors |"
  echo "|---|---|---:|---:|---:|---:|"
  timed_apply "kubectl apply -f, namespace + 100 objects, all created" "$WORK/apply-1.yaml"
  timed_apply "kubectl apply -f, same manifest, all unchanged" "$WORK/apply-1.yaml"
  timed_apply "kubectl apply -f, every object changed" "$WORK/apply-2.yaml"
fi
echo
echo "server peak RSS: $(awk '/VmHWM/ {printf "%d MB", $2/1024}' "/proc/$PID/status")"
