#!/usr/bin/env bash
# What Cairn's Kubernetes client adds per call over bare fabric8 8.0.0: sequential GETs and conflict-safe
# updates of one ConfigMap on an in-process Cairn (rounds alternate between the two clients), then the client's
# pipeline alone over a canned transport. Prints markdown tables.
# Usage: bench/client-overhead.sh [calls]   (default 3000 GETs; a third as many updates)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source <(sed -n '/^die()/p;/^jdk_major()/,/^}/p;/^find_jdk()/,/^}/p' "$ROOT/cairn")
export JAVA_HOME=$(find_jdk)
JAVA="$JAVA_HOME/bin/java"
JFLAGS=(--add-opens java.base/java.lang=ALL-UNNAMED --enable-native-access=ALL-UNNAMED
        -Dcom.google.protobuf.use_unsafe_pre22_gencode=true)
if [ "$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p')" -ge 23 ]; then
  JFLAGS+=(--sun-misc-unsafe-memory-access=allow)
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
CPFILE=$(mktemp)
trap 'rm -f "$CPFILE"' EXIT
(cd "$ROOT" && mvn -B -q -o -pl client test-compile dependency:build-classpath -Dmdep.outputFile="$CPFILE" \
  -Dmdep.includeScope=test >/dev/null)
"$JAVA" -Xmx512m -XX:+UseSerialGC "${JFLAGS[@]}" \
  -cp "$ROOT/client/target/test-classes:$ROOT/client/target/classes:$(cat "$CPFILE")" \
  io.cairn.client.ClientOverheadBenchmark "${1:-3000}" 2>/dev/null | grep '^|'
