#!/usr/bin/env bash
# JMH microbenchmarks of the store's hot paths (module bench/jmh): key encoding, index lookup, the apply loop, the
# watch fan-out and metric recording. Builds the module when a source changed, then runs JMH and prints its table.
#
# Usage: bench/jmh.sh [--quick] [--no-build] [JMH args...]
#   --quick      short warm-up and measurement (about 6 minutes for everything on 2 cores; the default takes ~15)
#   --no-build   use the jars already built in bench/jmh/target
#   JMH args     passed on: a regexp picks benchmarks (e.g. 'WatchFanOut' or 'KeyEncoding.indexKey'), and any of
#                -f -wi -w -i -r -t -prof replaces the default below; -h lists JMH's options
# Defaults: 1 fork, 1 thread, 3 warm-up iterations of 2 s, 5 measured iterations of 2 s (--quick: 1 and 2 of 1 s),
# and two profilers: -prof gc adds gc.alloc.rate.norm (bytes allocated per operation), and Cairn's CpuTimeProfiler
# adds cpu.time.norm (CPU time of the benchmark JVM per operation, all its threads) and cpu.share (cores it got).
# On a busy machine the scores (wall clock) swing with the neighbours; the allocation per operation does not, and
# cpu.time.norm moves much less.
# Examples:
#   bench/jmh.sh --quick                          everything, briefly
#   bench/jmh.sh 'MetricsRecording|MvccMetrics'   metric recording; gc.alloc.rate.norm should be ~0 B/op
#   bench/jmh.sh WatchFanOut -p watchers=10000 -rf json -rff watch.json
# Environment: JMH_JAVA_OPTS (default -Xms1g -Xmx1g) for the benchmark JVMs (JMH's forks inherit the options).
#
# Figures depend on the machine and on what else runs on it; compare runs made on the same machine.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
MODULE="$ROOT/bench/jmh"
JAR="$MODULE/target/cairn-bench-jmh.jar"

# JDK and Maven discovery and the JVM flags, shared with the launcher
source <(sed -n '/^MAVEN_VERSION=/p;/^die()/p;/^jdk_major()/,/^}/p;/^find_jdk()/,/^}/p;/^find_maven()/,/^}/p;/^java_flags()/,/^}/p' "$ROOT/cairn")
JAVA_HOME=$(find_jdk); export JAVA_HOME
if [ "$(jdk_major "$JAVA_HOME")" -ge 23 ]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi

QUICK=0 BUILD=1 ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --no-build) BUILD=0 ;;
    --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) ARGS+=("$1") ;;
  esac
  shift
done

# True when the jar is missing or older than a source or build file of the module or of what it depends on.
needs_build() {
  [ -f "$JAR" ] && [ -d "$MODULE/target/lib" ] || return 0
  [ -n "$(find "$ROOT" -path "$ROOT/.git" -prune -o -path '*/target' -prune -o -path "$ROOT/.cairn" -prune -o \
        \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$JAR" -print -quit)" ]
}

if [ "$BUILD" = 1 ] && needs_build; then
  echo "jmh: building bench/jmh and the modules it uses..." >&2
  # package in the reactor, not install: nothing is written to the local Maven repository
  "$(find_maven)" -B -q -Dstyle.color=never -f "$ROOT/pom.xml" -pl bench/jmh -am -Dmaven.test.skip=true package
fi
[ -f "$JAR" ] || die "$JAR is missing; run without --no-build"

if [ "$QUICK" = 1 ]; then
  DEFAULTS=(-f 1 -t 1 -wi 1 -w 1s -i 2 -r 1s -prof gc -prof io.cairn.bench.jmh.CpuTimeProfiler)
else
  DEFAULTS=(-f 1 -t 1 -wi 3 -w 2s -i 5 -r 2s -prof gc -prof io.cairn.bench.jmh.CpuTimeProfiler)
fi
# a default is dropped when the caller gives the same option (JMH takes most options once; a caller's -prof
# replaces both default profilers)
OPTS=()
for ((i = 0; i < ${#DEFAULTS[@]}; i += 2)); do
  given=0
  for a in "${ARGS[@]+"${ARGS[@]}"}"; do [ "$a" = "${DEFAULTS[i]}" ] && given=1; done
  [ "$given" = 1 ] || OPTS+=("${DEFAULTS[i]}" "${DEFAULTS[i+1]}")
done

# shellcheck disable=SC2046
exec "$JAVA_HOME/bin/java" ${JMH_JAVA_OPTS:--Xms1g -Xmx1g} $(java_flags) \
  -cp "$JAR:$MODULE/target/lib/*" org.openjdk.jmh.Main "${OPTS[@]}" "${ARGS[@]+"${ARGS[@]}"}"
