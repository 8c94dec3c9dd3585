#!/usr/bin/env bash
# Restart time with data: load N keys (256-byte values) into a fresh member, stop it (SIGTERM), start it again on
# the same data and time launch → first successful linearizable read of a loaded key; then rewrite a tenth of the
# keys, kill it at once (SIGKILL: no clean shutdown) and time the restart again.
# Cairn runs through the launcher (`./cairn server`, Kubernetes API server on, as users run it); etcd is Debian's.
# For Cairn the table also gives the time until the API server answers HTTPS requests (an anonymous /readyz gets
# its 401, which takes the whole request path: TLS, authentication, routing).
# Usage: bench/restart-time.sh [keys] [--only cairn|etcd]     (prints a markdown table)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
KEYS=1000000 ONLY="etcd cairn"
while [ $# -gt 0 ]; do
  case "$1" in
    --only) ONLY=$2; shift 2 ;;
    -h|--help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) KEYS=$1; shift ;;
  esac
done
WORK=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; sleep 1; rm -rf "$WORK"' EXIT
source "$ROOT/bench/packages.sh"
need_commands etcdctl:etcd-client curl:curl || exit 1
if [[ " $ONLY " == *" etcd "* ]]; then need_commands etcd:etcd-server || exit 1; fi
"$ROOT/cairn" build >/dev/null
source "$ROOT/bench/member.sh"
JAVA="$JAVA_HOME/bin/java"

launch() { # name dir -> pid (not waited for)
  local flags=(--name m1 --data-dir "$2" --listen-client-urls http://127.0.0.1:23790
    --advertise-client-urls http://127.0.0.1:23790 --listen-peer-urls http://127.0.0.1:23800
    --initial-advertise-peer-urls http://127.0.0.1:23800 --initial-cluster m1=http://127.0.0.1:23800)
  if [ "$1" = etcd ]; then
    etcd "${flags[@]}" >>"$2.log" 2>&1 &
  else
    "$ROOT/cairn" server "${flags[@]}" >>"$2.log" 2>&1 &
  fi
  echo $!
}
ready_ms() { # name start-ns -> "ms until a loaded key reads back[ / ms until the API server is ready]"
  local kv="never" api=""
  # wait for the port first: an etcdctl started before it is bound backs off for a second before redialling
  for _ in $(seq 1 3000); do
    (exec 3<>/dev/tcp/127.0.0.1/23790) 2>/dev/null && break
    sleep 0.02
  done
  for _ in $(seq 1 1200); do
    if [ -n "$(ETCDCTL_API=3 etcdctl --endpoints 127.0.0.1:23790 --dial-timeout 300ms get /load/0000000000 \
      --print-value-only 2>/dev/null)" ]
    then kv=$(( ($(date +%s%N) - $2) / 1000000 )); break; fi
    sleep 0.05
  done
  if [ "$1" = cairn ]; then
    api=" / never"
    for _ in $(seq 1 1200); do
      if [ "$(curl -sk --max-time 1 -o /dev/null -w '%{http_code}' https://127.0.0.1:6443/readyz 2>/dev/null)" != 000 ]
      then api=" / $(( ($(date +%s%N) - $2) / 1000000 ))"; break; fi
      sleep 0.05
    done
  fi
  echo "$kv$api"
}
echo "| server | keys | restart after SIGTERM (ms; Cairn: store / API server) | after writes and SIGKILL (ms) | RSS after restart (MB) |"
echo "|---|---:|---:|---:|---:|"
for name in $ONLY; do
  d="$WORK/$name"; mkdir -p "$d"
  pid=$(launch "$name" "$d")
  for _ in $(seq 1 600); do ETCDCTL_API=3 etcdctl --endpoints 127.0.0.1:23790 get x >/dev/null 2>&1 && break; sleep 0.1; done
  "$JAVA" -cp "$ROOT/cli/target/lib/*" "$ROOT/bench/LoadKeys.java" 127.0.0.1:23790 "$KEYS" 256 >/dev/null 2>&1
  stop_member "$pid" TERM
  t0=$(date +%s%N); pid=$(launch "$name" "$d"); term=$(ready_ms "$name" "$t0")
  "$JAVA" -cp "$ROOT/cli/target/lib/*" "$ROOT/bench/LoadKeys.java" 127.0.0.1:23790 "$((KEYS / 10))" 256 >/dev/null 2>&1
  stop_member "$pid" KILL
  t0=$(date +%s%N); pid=$(launch "$name" "$d"); killed=$(ready_ms "$name" "$t0")
  sleep 2
  echo "| $name | $KEYS | $term | $killed | $(rss_mb "$pid") |"
  stop_member "$pid" TERM; pid=
done
