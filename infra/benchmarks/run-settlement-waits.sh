#!/usr/bin/env bash
# Whether deposits of one currency queue on its settlement account: ManyAccountDeposits (16 users x 200 deposits
# into 100 accounts, every one a transfer from @world:USD) on a fresh local stack with throwaway data and
# non-default ports, rate limits raised, while LockWaits samples every 100 ms how many database sessions wait for an
# advisory lock (the command-service's aggregate locks). Customer accounts and transfer ids do not collide in this
# load, so a wait is a wait for the settlement account. Reports deposits/s, latency, and the share of samples in
# which any session waited (waits.properties and the last lines of the output).
#
# Settings (environment):
#   BENCH_RUN_DIR          where results go [infra/benchmarks/target/benchmark-runs/waits-<UTC time>]
#   BENCH_SERVICE_JVM_OPTS extra options for both services, after harness.sh's SERVICE_JVM_DEFAULTS, e.g. "-Dledgerflow.commands.grouping.mode=off"
#   BENCH_GATLING_OPTS     extra -D options [-Dledgerflow.bench.many.users=16 -Dledgerflow.bench.many.requests=200]
#   BENCH_COMMAND_PORT, BENCH_QUERY_PORT, BENCH_AUTH_PORT, BENCH_PG_PORT, BENCH_KAFKA_PORT, BENCH_MONGO_PORT
#                          the stack's ports [18381, 18382, 19300, 25732, 29392, 27417]
#   BENCH_SKIP_BUILD=1     use the jars as they are (otherwise: ./mvnw -q -B -ntp -Dmaven.test.skip=true package)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
cd "$HERE/../.."
# shellcheck source=harness.sh
source "$HERE/harness.sh"
harness_setup waits 18381 18382 19300 25732 29392 27417
JVM="$SERVICE_JVM_DEFAULTS $(raised_rate_limits operator) ${BENCH_SERVICE_JVM_OPTS:-}"
build_and_compile

# shellcheck source=stack.sh
source "$HERE/stack.sh"
SAMPLER=
stop_sampler() { [[ -n $SAMPLER ]] && touch "$RUN_DIR/stop" && wait "$SAMPLER" || true; }
trap 'stop_sampler; stop_stack' EXIT
trap 'log "interrupted"; exit 130' INT TERM

start_stack waits "$JVM"
java -cp 'infra/benchmarks/target/classes:infra/benchmarks/target/lib/*' \
    -Dledgerflow.bench.jdbc-url="jdbc:postgresql://localhost:$PG_PORT/ledgerflow" \
    io.ledgerflow.benchmarks.LockWaits "$RUN_DIR/stop" "$RUN_DIR/waits.properties" >"$RUN_DIR/sampler.log" 2>&1 &
SAMPLER=$!
log "ManyAccountDeposits with lock-wait sampling (load average $(cut -d' ' -f1-3 /proc/loadavg))"
# shellcheck disable=SC2086
timeout --kill-after=30 600 ./mvnw -q -B -ntp -pl infra/benchmarks gatling:test \
    -Dgatling.simulationClass=io.ledgerflow.benchmarks.ManyAccountDeposits \
    -Dgatling.resultsFolder="$RUN_DIR/gatling" \
    -Dledgerflow.command.url="http://localhost:$CMD_PORT" \
    -Dledgerflow.query.url="http://localhost:$QUERY_PORT" \
    -Dledgerflow.token.url="http://localhost:$AUTH_PORT/oauth2/token" \
    ${BENCH_GATLING_OPTS:--Dledgerflow.bench.many.users=16 -Dledgerflow.bench.many.requests=200} >"$RUN_DIR/many.log" 2>&1 \
    || log "Gatling reported failures (KO requests, or the harness failed): see $RUN_DIR/many.log"
stop_sampler
SAMPLER=
stop_stack

sed -n '/---- Global Information/,/mean throughput/p' "$RUN_DIR/many.log" | grep -E 'request count|50th|99th|throughput' || true
cat "$RUN_DIR/waits.properties" || fail "no LockWaits summary (see $RUN_DIR/sampler.log)"
log "done; results in $RUN_DIR (waits.properties, many.log, gatling/, waits/stack.log)"
