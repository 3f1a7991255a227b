#!/usr/bin/env bash
# Issue 6's soak (see README.md beside this file): MixedRetriesSoak for BENCH_SOAK_SECONDS (600) on a fresh local
# stack with throwaway data and non-default ports, rate limits raised (client, operator, viewer), stopped afterwards.
# 16 connections: same-id retries (2 groups x 4 users sending each id at once), unique transfers (4 users, the
# demo clients alice and bob between their own accounts), deposits and withdrawals (4 users, the operator).
# Reports the command-service's heap after a full GC (start, every minute, end), responses by status, Σ posted
# per currency in the event store and in the projections, and every accepted id applied exactly once.
# Exit status: 0 whatever the verdict (read it in soak.properties.txt / the last lines), non-zero if the harness failed.
#
# Settings (environment):
#   BENCH_SOAK_SECONDS  load duration [600]; a trial: 60
#   BENCH_RUN_DIR       where results go [infra/benchmarks/target/benchmark-runs/soak-<UTC time>]
#   BENCH_GATLING_OPTS  extra -D options, e.g. "-Dledgerflow.bench.soak.retry-groups=3 -Dledgerflow.bench.soak.heap-sample-seconds=30"
#   BENCH_SERVICE_JVM_OPTS  the services' JVM options before the rate limits [harness.sh's SERVICE_JVM_DEFAULTS: as README
#                       command 1 runs them, -Xmx192m among them]
#   BENCH_COMMAND_PORT, BENCH_QUERY_PORT, BENCH_AUTH_PORT, BENCH_PG_PORT, BENCH_KAFKA_PORT, BENCH_MONGO_PORT
#                       the stack's ports [18181, 18182, 19100, 25532, 29192, 27217]
#   BENCH_START_TIMEOUT seconds the stack may take to come up [300]
#   BENCH_SKIP_BUILD=1  use the jars as they are (otherwise: ./mvnw -q -B -ntp -Dmaven.test.skip=true package)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
cd "$HERE/../.."
# shellcheck source=harness.sh
source "$HERE/harness.sh"
harness_setup soak 18181 18182 19100 25532 29192 27217
SECONDS_OF_LOAD=${BENCH_SOAK_SECONDS:-600}
JVM="$(service_jvm_options) $(raised_rate_limits client operator viewer)"
build_and_compile

# shellcheck source=stack.sh
source "$HERE/stack.sh"
trap stop_stack EXIT
trap 'log "interrupted"; exit 130' INT TERM

start_stack soak "$JVM"
STACK_LOG=$RUN_DIR/soak/stack.log
JDBC_URL=$(grep -o 'jdbc:postgresql://[^ ]*' "$STACK_LOG" | head -1)
log "stack up; event store $JDBC_URL; command-service pid $(cat "$STACK_DATA/run/command-service.pid")"

log "MixedRetriesSoak for $SECONDS_OF_LOAD s (load average $(cut -d' ' -f1-3 /proc/loadavg))"
# timeout: a safety net only (load + setup + the projections' catch-up, at most 300 s)
# shellcheck disable=SC2086
timeout --kill-after=30 $((SECONDS_OF_LOAD + 900)) ./mvnw -q -B -ntp -pl infra/benchmarks gatling:test \
    -Dgatling.simulationClass=io.ledgerflow.benchmarks.MixedRetriesSoak \
    -Dgatling.resultsFolder="$RUN_DIR/gatling" \
    -Dledgerflow.command.url="http://localhost:$CMD_PORT" \
    -Dledgerflow.query.url="http://localhost:$QUERY_PORT" \
    -Dledgerflow.token.url="http://localhost:$AUTH_PORT/oauth2/token" \
    -Dledgerflow.bench.jdbc-url="$JDBC_URL" \
    -Dledgerflow.bench.data-dir="$STACK_DATA" \
    -Dledgerflow.bench.soak.seconds="$SECONDS_OF_LOAD" \
    -Dledgerflow.bench.results-file="$RUN_DIR/soak.properties" \
    ${BENCH_GATLING_OPTS:-} >"$RUN_DIR/soak.log" 2>&1 \
    || log "Gatling reported failures (KO requests, or the harness failed): see $RUN_DIR/soak.log"
stop_stack

sed -n '/---- Global Information/,/mean throughput/p' "$RUN_DIR/soak.log" | grep -E 'request count|50th|95th|99th|throughput' || true
grep -E '^MixedRetriesSoak' "$RUN_DIR/soak.log" || fail "no MixedRetriesSoak report in $RUN_DIR/soak.log"
grep -q 'OutOfMemoryError\|died\|exited' "$STACK_LOG" && log "the launcher's log mentions a dying service: see $STACK_LOG"
# rolled-back event inserts (concurrent appends to one aggregate): what same-id retries cost today
in_command_log() { grep -c -- "$1" "$RUN_DIR/soak/stack-logs/command-service.log" 2>/dev/null || true; }
log "command-service log: $(in_command_log 'duplicate key value violates unique constraint') 'duplicate key' errors (rolled-back event inserts), $(in_command_log 'java.lang.OutOfMemoryError') OutOfMemoryError lines"
log "done; results in $RUN_DIR (soak.properties, soak.properties.txt, gatling/, soak/stack.log, soak/stack-logs/)"
