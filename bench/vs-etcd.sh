#!/usr/bin/env bash
# Cairn side by side with Debian's etcd 3.4 on this machine: the same workloads from the same load generator
# (`cairn bench`), the servers in alternation A B A B (each round: etcd, then Cairn), a fresh data dir for every
# server start, fsync on both (the default of both). For every run it records the throughput, the p99 latency, the
# server's CPU seconds (utime + stime from /proc/PID/stat, before and after) and the server's peak RSS during the
# run (VmHWM from /proc/PID/status, reset through /proc/PID/clear_refs before each run), then prints a markdown
# table of the medians over the rounds and the ratio Cairn/etcd.
#
# Workloads (as in etcd's op-guide/performance.md, 256-byte values):
#   put      --conns 100 --clients 1000 put --key-size 8 --sequential-keys --key-space-size N --total N --val-size 256
#   range-l  --conns 100 --clients 1000 range KEY --consistency l --total N     (KEY holds a 256-byte value)
#   range-s  the same, serializable
#   watch    --conns 10 --clients 50 watch: W watchers on K keys over S streams, R writes/s for T seconds; every
#            watcher must receive every event exactly once and in order (the run fails otherwise)
#
# Usage: bench/vs-etcd.sh [options]
#   --quick             about 2.5 minutes: 2 rounds, smaller runs (default: 3 rounds, about 16 minutes on 2 cores)
#   --rounds N          rounds (each runs etcd, then Cairn)
#   --total N           requests per put and range run (default 100000; quick 8000)
#   --watchers N        watchers in the watch run (default 1000, quick 500; tried up to 10000)
#   --watch-keys N      keys they watch (default 100, i.e. 10 watchers a key)
#   --watch-streams N   Watch streams the watchers share (default 20)
#   --put-rate N        writes per second during the watch run (default 1000)
#   --watch-seconds N   length of the watch run (default 10, quick 3)
#   --warmup T          each put and range run's own warm-up, the same requests unmeasured (default 10s, quick
#                       1s): the server warm-up above writes other keys from fewer clients, and a JVM still
#                       compiles the measured request mix for seconds after it starts
#   --server-warmup N   seconds of unmeasured puts after each server start (default 10, with --members 3 60;
#                       quick 3): a JVM compiles its hot code in its first seconds, and a server normally runs
#                       for days. Three JVMs sharing two cores compile for about a minute: their JIT compilers
#                       still took a third of the cluster's CPU 50 s after the start (docs/benchmarks.md)
#   --watch-warmup T    the watch run's own warm-up (default 20s, quick 1s): a rehearsal of the run (as many
#                       watchers and streams, watched puts at the run's rate, events received and dropped, streams
#                       closed), so the watch path is compiled for the run's shape (with 5s, or with one watcher per
#                       stream, a JVM server's JIT compiler was still recompiling the write and watch paths during
#                       the first seconds of the measured window)
#                       (each server's CPU figure for the run includes its warm-up)
#   --only LIST         a comma-separated subset of put,range-l,range-s,watch
#   --no-build          use the jars already built instead of running './cairn build'
#   --keep DIR          keep every run's JSON report and the server logs in DIR
#   --pause-damon       turn the kernel's DAMON monitor off for the run and back on at the end (root; only where
#                       one runs, as on some virtual machines: its sampling pass holds a core for 10-30 ms every
#                       half second without yielding, which stalls a JVM server's hand-offs between threads; see
#                       docs/benchmarks.md). The table's heading says whether DAMON was on.
#   --members N         run each server as a cluster of N members on loopback (1 or 3; default 1); the load goes to
#                       every member's endpoint (writes on followers are forwarded to the leader by both servers),
#                       CPU is summed over the members and RSS is the largest member's
# Environment: CAIRN_SERVER_JAVA_OPTS (default -Xmx2g) for the Cairn server, BENCH_JAVA_OPTS (default -Xmx1g) for
# the generator, VS_ETCD_PORT (default 23900) as the first client port used.
# Needs: etcd and etcdctl (Debian packages etcd-server and etcd-client) and jq; installs whichever is missing.
#
# Caveat: the generator runs on the same machine and takes CPU from the server it loads (each report says how much,
# as generator_cpu_ms); compare the two servers with each other, not with figures from other machines.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

ROUNDS=3 TOTAL=100000 WATCHERS=1000 WATCH_KEYS=100 WATCH_STREAMS=20 PUT_RATE=1000 WATCH_SECONDS=10
WARMUP=10s WATCH_WARMUP=20s SERVER_WARMUP= ONLY="put,range-l,range-s,watch" BUILD=1 KEEP="" MEMBERS=1
PAUSE_DAMON=0
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) ROUNDS=2 TOTAL=8000 WATCHERS=500 WATCH_SECONDS=3 WARMUP=1s WATCH_WARMUP=1s SERVER_WARMUP=3 ;;
    --rounds) ROUNDS=$2; shift ;;
    --total) TOTAL=$2; shift ;;
    --watchers) WATCHERS=$2; shift ;;
    --watch-keys) WATCH_KEYS=$2; shift ;;
    --watch-streams) WATCH_STREAMS=$2; shift ;;
    --put-rate) PUT_RATE=$2; shift ;;
    --watch-seconds) WATCH_SECONDS=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --server-warmup) SERVER_WARMUP=$2; shift ;;
    --watch-warmup) WATCH_WARMUP=$2; shift ;;
    --only) ONLY=$2; shift ;;
    --no-build) BUILD=0 ;;
    --keep) KEEP=$2; shift ;;
    --members) MEMBERS=$2; shift ;;
    --pause-damon) PAUSE_DAMON=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "vs-etcd: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done
if [ -z "$SERVER_WARMUP" ]; then
  if [ "$MEMBERS" -gt 1 ]; then SERVER_WARMUP=60; else SERVER_WARMUP=10; fi
fi
source "$ROOT/bench/packages.sh"
need_commands etcd:etcd-server etcdctl:etcd-client jq:jq || exit 1

WORK=$(mktemp -d)
OUT=${KEEP:-$WORK/out}
mkdir -p "$OUT"
SERVER_PIDS=()
source "$ROOT/bench/damon.sh"
cleanup() {
  local p
  for p in "${SERVER_PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  damon_resume
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
if [ "$PAUSE_DAMON" = 1 ]; then damon_pause || exit 1; fi

if [ "$BUILD" = 1 ]; then "$ROOT/cairn" build >/dev/null; fi
source <(sed -n '/^die()/p;/^jdk_major()/,/^}/p;/^find_jdk()/,/^}/p;/^java_flags()/,/^}/p' "$ROOT/cairn")
JAVA_HOME=$(find_jdk)
JAVA="$JAVA_HOME/bin/java"
# A private copy of the classpath: a rebuild in the working tree during the run cannot change what runs.
mkdir -p "$WORK/cp"
cp "$ROOT/cli/target/cairn-cli.jar" "$WORK/cp/"
cp -r "$ROOT/cli/target/lib" "$WORK/cp/lib"
CP="$WORK/cp/cairn-cli.jar:$WORK/cp/lib/*"
# shellcheck disable=SC2046,SC2206
JFLAGS=($(java_flags))
TICKS=$(getconf CLK_TCK)
RANGE_KEY=bench-range-key

start_server() { # name port -> sets SERVER_PIDS and ENDPOINTS (member i: client port port+2(i-1), peer port +1)
  local name=$1 port=$2 i spec="" token="vs-etcd-$1-$2"
  SERVER_PIDS=() ENDPOINTS=""
  for i in $(seq 1 "$MEMBERS"); do
    spec="${spec:+$spec,}m$i=http://127.0.0.1:$((port + 2 * (i - 1) + 1))"
    ENDPOINTS="${ENDPOINTS:+$ENDPOINTS,}127.0.0.1:$((port + 2 * (i - 1)))"
  done
  for i in $(seq 1 "$MEMBERS"); do
    local c=$((port + 2 * (i - 1))) dir="$WORK/data-$1-m$i"
    rm -rf "$dir"; mkdir -p "$dir"
    local flags=(--name "m$i" --data-dir "$dir" --listen-client-urls "http://127.0.0.1:$c"
      --advertise-client-urls "http://127.0.0.1:$c" --listen-peer-urls "http://127.0.0.1:$((c + 1))"
      --initial-advertise-peer-urls "http://127.0.0.1:$((c + 1))" --initial-cluster "$spec"
      --initial-cluster-token "$token" --initial-cluster-state new)
    if [ "$name" = etcd ]; then
      etcd "${flags[@]}" >>"$OUT/$name-m$i.log" 2>&1 &
    else
      # shellcheck disable=SC2086
      "$JAVA" ${CAIRN_SERVER_JAVA_OPTS:--Xmx2g} "${JFLAGS[@]}" -cp "$CP" io.cairn.cli.Main server --apiserver-listen none "${flags[@]}" \
        >>"$OUT/$name-m$i.log" 2>&1 &
    fi
    SERVER_PIDS+=($!)
  done
  for i in $(seq 1 "$MEMBERS"); do
    local ok=0
    for _ in $(seq 1 600); do
      if ETCDCTL_API=3 etcdctl --endpoints "127.0.0.1:$((port + 2 * (i - 1)))" get x >/dev/null 2>&1; then ok=1; break; fi
      kill -0 "${SERVER_PIDS[$((i - 1))]}" 2>/dev/null || break
      sleep 0.1
    done
    if [ "$ok" = 0 ]; then
      echo "vs-etcd: cannot start $name member m$i; its log:" >&2; tail -20 "$OUT/$name-m$i.log" >&2; exit 1
    fi
  done
}

stop_server() {
  local p
  for p in "${SERVER_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${SERVER_PIDS[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  SERVER_PIDS=()
}

cpu_ticks() { local p t=0; for p in "${SERVER_PIDS[@]}"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
peak_rss() { local p m=0 r; for p in "${SERVER_PIDS[@]}"; do r=$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$p/status"); [ "$r" -gt "$m" ] && m=$r; done; echo "$m"; }

bench() { # endpoints json-file bench-args... -> exit status of the generator
  local endpoints=$1 json=$2; shift 2
  # shellcheck disable=SC2086
  timeout --foreground 900 "$JAVA" ${BENCH_JAVA_OPTS:--Xmx1g} "${JFLAGS[@]}" -cp "$CP" io.cairn.cli.Main bench \
    --endpoints "$endpoints" --warmup "$WARMUP" --json "$@" >"$json" 2>"${json%.json}.err"
}

workload_args() { # workload -> bench arguments
  case "$1" in
    put) echo "--conns 100 --clients 1000 put --key-size 8 --sequential-keys --key-space-size $TOTAL --total $TOTAL --val-size 256" ;;
    range-l) echo "--conns 100 --clients 1000 range $RANGE_KEY --consistency l --total $TOTAL" ;;
    range-s) echo "--conns 100 --clients 1000 range $RANGE_KEY --consistency s --total $TOTAL" ;;
    watch) echo "--conns 10 --clients 50 watch --watchers $WATCHERS --streams $WATCH_STREAMS --watched-key-total $WATCH_KEYS --put-rate $PUT_RATE --put-total $((PUT_RATE * WATCH_SECONDS)) --val-size 256" ;;
    *) echo "vs-etcd: unknown workload $1" >&2; exit 2 ;;
  esac
}

RESULTS="$OUT/results.tsv"
printf 'workload\tserver\tround\tthroughput\tp99_ms\tcpu_s\tpeak_rss_mb\tok\tgenerator_cpu_s\n' >"$RESULTS"
IFS=',' read -r -a WORKLOADS <<<"$ONLY"
START=$(date +%s)
echo "vs-etcd: $ROUNDS rounds of ${WORKLOADS[*]}; reports in $OUT (load average now: $(cut -d' ' -f1-3 /proc/loadavg))" >&2

for round in $(seq 1 "$ROUNDS"); do
  for name in etcd cairn; do
    port=$((${VS_ETCD_PORT:-23900} + 20 * round))
    if [ "$name" = cairn ]; then port=$((port + 10)); fi
    start_server "$name" "$port"
    ETCDCTL_API=3 etcdctl --endpoints "$ENDPOINTS" put "$RANGE_KEY" "$(printf 'v%.0s' $(seq 1 256))" >/dev/null
    if [ "$SERVER_WARMUP" -gt 0 ]; then
      # Time-bounded warm-up with nothing measured (--warmup Ns, then --total 0); each run adds its own --warmup.
      WARMUP="${SERVER_WARMUP}s" bench "$ENDPOINTS" "$OUT/warmup-$name-$round.json" --conns 10 --clients 100 put \
        --key-size 8 --key-space-size 10000 --val-size 256 --total 0 || true
    fi
    for w in "${WORKLOADS[@]}"; do
      json="$OUT/$w-$name-$round.json"
      for p in "${SERVER_PIDS[@]}"; do echo 5 >"/proc/$p/clear_refs" 2>/dev/null || true; done
      before=$(cpu_ticks)
      # shellcheck disable=SC2046
      if WARMUP=$([ "$w" = watch ] && echo "$WATCH_WARMUP" || echo "$WARMUP") bench "$ENDPOINTS" "$json" \
        $(workload_args "$w"); then ok=yes; else ok=no; fi
      after=$(cpu_ticks)
      rss=$(peak_rss)
      cpu=$(awk -v t=$((after - before)) -v hz="$TICKS" 'BEGIN {printf "%.2f", t / hz}')
      read -r tput p99 gen < <(jq -r '[.requests_per_sec, (.latency_ms.p99 // "nan"), (.counters.generator_cpu_ms // 0) / 1000] | @tsv' "$json" 2>/dev/null || echo "nan nan nan")
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$w" "$name" "$round" "$tput" "$p99" "$cpu" "$rss" "$ok" "$gen" >>"$RESULTS"
      printf 'round %s %-5s %-7s %9s /s  p99 %8s ms  server cpu %6s s  peak rss %5s MB  generator cpu %5s s%s\n' \
        "$round" "$name" "$w" "$tput" "$p99" "$cpu" "$rss" "$gen" "$([ $ok = yes ] || echo "  FAILED (see $json)")" >&2
    done
    stop_server
  done
done

echo
echo "Cairn vs etcd $(etcd --version | sed -n 's/^etcd Version: //p'), $MEMBERS member(s) each, $(nproc) cores, $(uname -r), $(damon_state), $(date -u +%Y-%m-%d);" \
  "median of $ROUNDS rounds; $(( $(date +%s) - START )) s in all"
echo
echo "| workload | metric | etcd | Cairn | Cairn/etcd |"
echo "|---|---|---:|---:|---:|"
awk -F'\t' -v order="$ONLY" '
  NR == 1 { next }
  { key = $1 SUBSEP $2; n[key]++; for (c = 4; c <= 7; c++) v[key, c, n[key]] = $c; if ($8 != "yes") bad[$1, $2] = 1 }
  function median(key, c,    i, j, t, m, a) {
    m = n[key]; for (i = 1; i <= m; i++) a[i] = v[key, c, i] + 0
    for (i = 2; i <= m; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
  }
  END {
    split("throughput (req/s; events/s for watch)|p99 latency (ms)|server CPU (s)|server peak RSS (MB)", label, "|")
    split(order, ws, ",")
    for (i = 1; i in ws; i++) {
      w = ws[i]; e = w SUBSEP "etcd"; k = w SUBSEP "cairn"
      if (!(e in n) || !(k in n)) continue
      for (c = 4; c <= 7; c++) {
        a = median(e, c); b = median(k, c)
        printf "| %s%s | %s | %.1f | %.1f | %s |\n", w, (bad[w, "etcd"] || bad[w, "cairn"]) ? " (a run failed)" : "",
          label[c - 3], a, b, (a > 0 ? sprintf("%.2f", b / a) : "n/a")
      }
    }
  }' "$RESULTS"
