#!/usr/bin/env bash
# BatchTransfers (see README.md beside this file): what a batch buys. The same number of transfers at the same
# concurrency in batches of 1, 10, 100 and 1,000 through POST /api/v1/transfers/batch, on a fresh local stack with
# throwaway data and non-default ports, rate limits raised (operator, per address), stopped afterwards. Reports
# transfers/s per batch size and its ratio to batches of 1 (batch.properties and the last lines of batch.log).
#
# Settings (environment):
#   BENCH_RUN_DIR       where results go [infra/benchmarks/target/benchmark-runs/batch-<UTC time>]
#   BENCH_GATLING_OPTS  extra -D options, e.g. a trial: "-Dledgerflow.bench.batch.users=2 -Dledgerflow.bench.batch.transfers=2000"
#                       (.users [4], .transfers [4000] per size, .sizes [1,10,100,1000], .accounts-per-user [10],
#                       .warmup [20] batches of 10 per user, .max-seconds [540])
#   BENCH_COMMAND_PORT, BENCH_QUERY_PORT, BENCH_AUTH_PORT, BENCH_PG_PORT, BENCH_KAFKA_PORT, BENCH_MONGO_PORT
#                       the stack's ports [18281, 18282, 19200, 25632, 29292, 27317]
#   BENCH_START_TIMEOUT seconds the stack may take to come up [300]
#   BENCH_SERVICE_JVM_OPTS  the services' JVM options before the rate limits [harness.sh's SERVICE_JVM_DEFAULTS: as README
#                       command 1 runs them]
#   BENCH_SKIP_BUILD=1  use the jars as they are (otherwise: ./mvnw -q -B -ntp -Dmaven.test.skip=true package)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
cd "$HERE/../.."
# shellcheck source=harness.sh
source "$HERE/harness.sh"
harness_setup batch 18281 18282 19200 25632 29292 27317
JVM="$(service_jvm_options) $(raised_rate_limits operator)"
build_and_compile

# shellcheck source=stack.sh
source "$HERE/stack.sh"
trap stop_stack EXIT
trap 'log "interrupted"; exit 130' INT TERM

start_stack batch "$JVM"
log "BatchTransfers (load average $(cut -d' ' -f1-3 /proc/loadavg))"
# shellcheck disable=SC2086
timeout --kill-after=30 900 ./mvnw -q -B -ntp -pl infra/benchmarks gatling:test \
    -Dgatling.simulationClass=io.ledgerflow.benchmarks.BatchTransfers \
    -Dgatling.resultsFolder="$RUN_DIR/gatling" \
    -Dledgerflow.command.url="http://localhost:$CMD_PORT" \
    -Dledgerflow.query.url="http://localhost:$QUERY_PORT" \
    -Dledgerflow.token.url="http://localhost:$AUTH_PORT/oauth2/token" \
    -Dledgerflow.bench.results-file="$RUN_DIR/batch.properties" \
    ${BENCH_GATLING_OPTS:-} >"$RUN_DIR/batch.log" 2>&1 \
    || log "Gatling reported failures (KO requests, or the harness failed): see $RUN_DIR/batch.log"
stop_stack

grep -E '^BatchTransfers' "$RUN_DIR/batch.log" || fail "no BatchTransfers report in $RUN_DIR/batch.log"
log "done; results in $RUN_DIR (batch.properties, batch.log, gatling/, batch/stack.log, batch/stack-logs/)"
