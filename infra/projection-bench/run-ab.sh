#!/usr/bin/env bash
# The projections' micro-benchmark on several checkouts in turn, round after round, so that the machine's drift
# falls on all of them alike. Usage, from the project directory:
#   infra/projection-bench/run-ab.sh <rounds> base=/tmp/base head=. [more=<dir> ...]
# Each checkout is built first (package, tests skipped) unless BENCH_SKIP_BUILD=1. One fork, 4 warm-up and 6
# measured iterations of 10 s per run (about 2 minutes); JMH_OPTS replaces those. Prints and keeps in
# $BENCH_RUN_DIR/ab.txt (default a new directory under /tmp) each run's time per poll and CPU per event.
set -euo pipefail
rounds=$1
shift
out=${BENCH_RUN_DIR:-$(mktemp -d /tmp/projection-ab.XXXXXX)}
mkdir -p "$out"
jmh_opts=${JMH_OPTS:-"-f 1 -wi 4 -i 6"}
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  for pair in "$@"; do
    (cd "${pair#*=}" && ./mvnw -B -ntp -q package -DskipTests -pl infra/projection-bench -am)
  done
fi
for round in $(seq 1 "$rounds"); do
  for pair in "$@"; do
    name=${pair%%=*}
    module=${pair#*=}/infra/projection-bench
    log="$out/$name-$round.log"
    # shellcheck disable=SC2086
    java -cp "$module/target/classes:$module/target/lib/*" org.openjdk.jmh.Main ProjectionBenchmark $jmh_opts > "$log" 2>&1
    score=$(grep "applyOnePoll " "$log" | tail -1 | awk '{print $(NF-3), $(NF-2), $(NF-1)}')
    cpu=$(awk '/^Iteration/ {m=1} /Warmup Iteration/ {m=0} /^cpu per event/ && m {s+=$4; n++} END {printf "%.1f", s/n}' "$log")
    echo "round $round $name: $score per poll; CPU per event (mean of the measured iterations) $cpu us" | tee -a "$out/ab.txt"
  done
done
echo "logs and ab.txt in $out"
