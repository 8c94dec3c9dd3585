#!/usr/bin/env bash
# Runs the example controller against a cluster: run.sh KUBECONFIG [NAMESPACE] [CONTEXT]
# (for Cairn: ./cairn server & then run.sh cairn-data/kubeconfig.yaml default). Builds the client and the example
# first; Ctrl-C stops it.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
source <(sed -n '/^die()/p;/^jdk_major()/,/^}/p;/^find_jdk()/,/^}/p' "$ROOT/cairn")
export JAVA_HOME=$(find_jdk)
if [ "$("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p')" -ge 23 ]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
CPFILE=$(mktemp)
trap 'rm -f "$CPFILE"' EXIT
(cd "$ROOT" && mvn -B -q -pl client,examples/configmap-controller -DskipTests package \
  dependency:build-classpath -Dmdep.outputFile="$CPFILE" -Dmdep.includeScope=runtime >/dev/null)
CP="$ROOT/examples/configmap-controller/target/classes:$ROOT/client/target/classes:$(cat "$CPFILE")"
exec "$JAVA_HOME/bin/java" -cp "$CP" io.cairn.examples.controller.ConfigMapController "$@"
