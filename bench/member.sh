# Shared by the bench scripts (source it after setting ROOT): start a fresh single member of etcd, Cairn or the
# null server on loopback with the same flags, and read `etcdctl check perf` results.
# Needs ROOT; sets JAVA_HOME and CP. Cairn's JVM options come from CAIRN_SERVER_JAVA_OPTS (default -Xmx2g).

source <(sed -n '/^die()/p;/^jdk_major()/,/^}/p;/^find_jdk()/,/^}/p;/^java_flags()/,/^}/p' "$ROOT/cairn")
JAVA_HOME=$(find_jdk)
CP="$ROOT/cli/target/cairn-cli.jar:$ROOT/cli/target/lib/*"

# start_member NAME DIR PORT -> pid, once the member answers a read (peer port PORT+10; log in DIR.log).
# NAME: etcd | cairn (API server off) | null (bench/NullServer.java, which stores nothing)
start_member() {
  local name=$1 dir=$2 port=$3 peer=$(($3 + 10))
  local flags=(--name m1 --data-dir "$dir" --listen-client-urls "http://127.0.0.1:$port"
    --advertise-client-urls "http://127.0.0.1:$port" --listen-peer-urls "http://127.0.0.1:$peer"
    --initial-advertise-peer-urls "http://127.0.0.1:$peer" --initial-cluster "m1=http://127.0.0.1:$peer")
  case "$name" in
    etcd) etcd "${flags[@]}" >"$dir.log" 2>&1 & ;;
    # shellcheck disable=SC2046
    null) "$JAVA_HOME/bin/java" $(java_flags) -Dlogback.configurationFile="$ROOT/bench/logback-bench.xml" \
            -cp "$ROOT/cli/target/lib/*" "$ROOT/bench/NullServer.java" "$port" >"$dir.log" 2>&1 & ;;
    # shellcheck disable=SC2046,SC2086
    *) "$JAVA_HOME/bin/java" ${CAIRN_SERVER_JAVA_OPTS:--Xmx2g} $(java_flags) -cp "$CP" io.cairn.cli.Main server \
         --apiserver-listen none "${flags[@]}" >"$dir.log" 2>&1 & ;;
  esac
  local pid=$!
  for _ in $(seq 1 300); do
    ETCDCTL_API=3 etcdctl --endpoints "127.0.0.1:$port" get x >/dev/null 2>&1 && { echo "$pid"; return; }
    sleep 0.1
  done
  echo "cannot start $name; log:" >&2; tail -20 "$dir.log" >&2; exit 1
}

# stop_member PID [SIGNAL]: SIGTERM (or SIGNAL), then wait until it is gone (a member started by start_member is
# not this shell's child, so `wait` cannot)
stop_member() {
  kill "-${2:-TERM}" "$1" 2>/dev/null || true
  while kill -0 "$1" 2>/dev/null; do sleep 0.1; done
}

# rss_mb PID -> resident memory in MB
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

# check_perf_summary < etcdctl's check perf output -> "PASS|FAIL | writes/s | slowest | stddev"
check_perf_summary() {
  local out; out=$(cat)
  local verdict; verdict=$(echo "$out" | grep -qE '^FAIL|FAIL:' && echo FAIL || echo PASS)
  local tput slow sd
  tput=$(echo "$out" | sed -n 's/.*Throughput is \([0-9]*\) writes\/s.*/\1/p; s/.*Throughput too low: \([0-9]*\) writes\/s.*/\1/p' | head -1)
  slow=$(echo "$out" | sed -n 's/.*Slowest request took \([0-9.]*s\).*/\1/p; s/.*Slowest request took too long: \([0-9.]*s\).*/\1/p' | head -1)
  sd=$(echo "$out" | sed -n 's/.*Stddev is \([0-9.]*s\).*/\1/p; s/.*Stddev too high: \([0-9.]*s\).*/\1/p' | head -1)
  echo "$verdict | $tput | $slow | $sd"
}
