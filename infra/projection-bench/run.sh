#!/usr/bin/env bash
# The projections' micro-benchmark (ProjectionBenchmark): about 4 minutes per variant with the defaults.
# Usage, from the project directory: infra/projection-bench/run.sh [JMH options, e.g. -f 1 -wi 2 -i 3 -p events=500]
# Builds what it needs unless BENCH_SKIP_BUILD=1. Writes the JMH report and each iteration's CPU per event to
# infra/projection-bench/target/results.txt (and the terminal).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -B -ntp -q package -DskipTests -pl infra/projection-bench -am
fi
module=infra/projection-bench
java -cp "$module/target/classes:$module/target/lib/*" org.openjdk.jmh.Main ProjectionBenchmark "$@" \
  | tee "$module/target/results.txt"
echo
echo "CPU per event, each measured iteration (the JVM's whole CPU time, stand-in's threads included):"
awk '/^Iteration/ {measured=1} /Warmup Iteration/ {measured=0} /^cpu per event/ && measured {print "  " $4 " us"}' \
  "$module/target/results.txt"
