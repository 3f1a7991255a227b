#!/usr/bin/env bash
# A/B on a noisy machine: runs one benchmark script from two checkouts in turn (base, head, base, head, ...), each on
# a fresh stack, so that both sides meet the same drift of a shared machine, then prints the chosen lines of every
# run's report side by side. Compare the two sides within a round; a full run of each, one after the other, often
# differs more by the machine than by the change.
#
#   infra/benchmarks/run-ab.sh <base checkout> <head checkout> [rounds, default 2]
#
# Each checkout is built first (./mvnw -q -B -ntp -Dmaven.test.skip=true package) unless BENCH_SKIP_BUILD=1, and
# runs its own harness and jars. A base checkout: git worktree add /tmp/base <commit>.
#
# Settings (environment; the rest, e.g. BENCH_QUICK or BENCH_GATLING_OPTS, reach the script as they are):
#   BENCH_AB_SCRIPT   the script, relative to each checkout [infra/benchmarks/run-benchmarks.sh, with BENCH_QUICK=1
#                     unless BENCH_QUICK is set: raw baseline and single transfers, about 9 minutes a run]
#   BENCH_AB_REPORT   the report file in each run's directory [summary.txt]
#   BENCH_AB_GREP     which of its lines to print (extended regular expression) [the single-transfer rows]
#   BENCH_AB_DIR      where the runs go [infra/benchmarks/target/benchmark-runs/ab-<UTC time>]
set -euo pipefail

[[ $# -ge 2 ]] || { sed -n '2,19p' "$0"; exit 2; }
BASE=$(cd "$1" && pwd)
HEAD=$(cd "$2" && pwd)
ROUNDS=${3:-2}
HERE=$(cd "$(dirname "$0")" && pwd)
SCRIPT=${BENCH_AB_SCRIPT:-infra/benchmarks/run-benchmarks.sh}
if [[ $SCRIPT == infra/benchmarks/run-benchmarks.sh ]]; then
    export BENCH_QUICK=${BENCH_QUICK:-1}
fi
REPORT=${BENCH_AB_REPORT:-summary.txt}
GREP=${BENCH_AB_GREP:-'raw PostgreSQL, the same|transfers/s, single-transfer API|sustained transfers/s / raw|CPU ms per transfer, all|^  command-service  '}
AB_DIR=${BENCH_AB_DIR:-$HERE/target/benchmark-runs/ab-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$AB_DIR"
AB_DIR=$(cd "$AB_DIR" && pwd)

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

for side in "$BASE" "$HEAD"; do
    [[ -x $side/mvnw && -f $side/$SCRIPT ]] || { log "not a checkout with $SCRIPT: $side"; exit 2; }
    if [[ ${BENCH_SKIP_BUILD:-} != 1 ]]; then
        log "building $side ($(git -C "$side" rev-parse --short HEAD))"
        (cd "$side" && ./mvnw -q -B -ntp -Dmaven.test.skip=true package)
    fi
done

for round in $(seq 1 "$ROUNDS"); do
    for name in base head; do
        dir=$BASE
        [[ $name == head ]] && dir=$HEAD
        run="$AB_DIR/$name-$round"
        log "$name, round $round: $SCRIPT in $dir ($(git -C "$dir" rev-parse --short HEAD)), load average $(cut -d' ' -f1-3 /proc/loadavg)"
        (cd "$dir" && BENCH_SKIP_BUILD=1 BENCH_RUN_DIR="$run" bash "$SCRIPT" >"$run.log" 2>&1) \
            || log "$name, round $round failed: see $run.log"
    done
done

{
    echo "A/B: base $(git -C "$BASE" rev-parse --short HEAD), head $(git -C "$HEAD" rev-parse --short HEAD), $ROUNDS rounds of $SCRIPT"
    for round in $(seq 1 "$ROUNDS"); do
        for name in base head; do
            echo "--- $name, round $round"
            grep -E "$GREP" "$AB_DIR/$name-$round/$REPORT" 2>/dev/null || echo "(no $REPORT)"
        done
    done
} | tee "$AB_DIR/ab.txt"
log "done; runs and ab.txt in $AB_DIR"
