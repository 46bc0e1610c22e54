#!/usr/bin/env bash
# JMH benchmarks of the access index (docs/performance.md): bench/jmh.sh [JMH options], e.g.
#   bench/jmh.sh                                   # every benchmark, 1 thread, 1M memberships
#   bench/jmh.sh AccessIndexJmh.checkWorkspace -t 2 -prof gc
#   bench/jmh.sh -p memberships=100000 -wi 1 -i 1 -r 1s -w 1s
# Builds the bench module (and what it depends on) without running tests, then runs org.openjdk.jmh.Main on its
# classes and runtime classpath. BENCH_JMH_NO_BUILD=1 skips the build.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${BENCH_JMH_NO_BUILD:-}" != 1 ]]; then
  ./mvnw -q -pl bench -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/jmh.classpath -DincludeScope=runtime
fi
exec java -cp "bench/target/classes:$(cat bench/target/jmh.classpath)" org.openjdk.jmh.Main "${@:-AccessIndexJmh}"
