#!/usr/bin/env bash
# Projection rebuilds of the same stored events by several checkouts in turn: one stack is loaded once, then for each
# round and each checkout that checkout's stack (its launcher, services and MongoDB stand-in) is started on the same
# data directory and rebuilds the projections from offset zero (ProjectionCatchUp). A change to the query side or the
# stand-in is thus measured on the same events, each rebuild right after a start. Usage, from the project directory:
#   infra/benchmarks/run-rebuild-ab.sh <rounds> base=/tmp/base head=.
# Each checkout is built first (package, tests skipped) unless BENCH_SKIP_BUILD=1; the checkouts must read each
# other's stored data. BENCH_REBUILD_TRANSFERS: transfers loaded through the batch API by the first checkout
# [100000, at most 100000]; the loaded stack is stopped once every event is published and fetched by the
# projections (the admin client's actuator metrics, unchanged for 10 s). Prints and keeps in $RUN_DIR/rebuilds.txt
# each rebuild's events/s and the launcher's and query-service's CPU per event. BENCH_RUN_DIR
# [infra/benchmarks/target/benchmark-runs/rebuild-ab-<UTC time>], BENCH_*_PORT [18381, 18382, 19300, 25732, 29392,
# 27417], BENCH_START_TIMEOUT [300] and BENCH_SERVICE_JVM_OPTS as in run-batch-benchmark.sh.
set -euo pipefail
rounds=$1
shift
checkouts=()
for pair in "$@"; do checkouts+=("${pair%%=*}=$(cd "${pair#*=}" && pwd)"); done
set -- "${checkouts[@]}"
HERE=$(cd "$(dirname "$0")" && pwd)
cd "$HERE/../.."
# shellcheck source=harness.sh
source "$HERE/harness.sh"
harness_setup rebuild-ab 18381 18382 19300 25732 29392 27417
JVM="$(service_jvm_options) $(raised_rate_limits operator viewer)"
CLASSPATH_BENCH="$PWD/infra/benchmarks/target/classes:$PWD/infra/benchmarks/target/lib/*"
TARGETS=(-Dledgerflow.command.url="http://localhost:$CMD_PORT"
         -Dledgerflow.query.url="http://localhost:$QUERY_PORT"
         -Dledgerflow.token.url="http://localhost:$AUTH_PORT/oauth2/token"
         -Dledgerflow.kafka.bootstrap="127.0.0.1:$KAFKA_PORT")
if [[ ${BENCH_SKIP_BUILD:-} != 1 ]]; then
    for pair in "$@"; do
        (cd "${pair#*=}" && ./mvnw -q -B -ntp -Dmaven.test.skip=true package) || fail "build ${pair#*=}"
    done
fi
./mvnw -q -B -ntp -pl infra/benchmarks test-compile || fail "compiling infra/benchmarks"
# shellcheck source=stack.sh
source "$HERE/stack.sh"
KEPT_DATA=$(mktemp -d "${TMPDIR:-/tmp}/ledgerflow-rebuild.XXXXXX")
trap 'stop_stack; rm -rf "$KEPT_DATA"' EXIT
metric() { # port, token, name: a counter's value from a service's actuator
    curl -s -m 5 -H "Authorization: Bearer $2" "http://localhost:$1/actuator/metrics/$3" \
        | sed -n 's/.*"value" *: *\([0-9.Ee+]*\).*/\1/p' | awk '{ printf "%d", $1 }' || true
}
drain() { # until the publisher has sent every event to Kafka and the projections have fetched them all
    local token published consumed last=-1 stable=0 deadline=$((SECONDS + 900))
    token=$(curl -s -u admin:admin-secret -d grant_type=client_credentials "http://localhost:$AUTH_PORT/oauth2/token" \
        | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
    while ((stable < 10)); do
        ((SECONDS < deadline)) || fail "not drained within 900 s (published ${published:-?}, fetched ${consumed:-?})"
        sleep 1
        published=$(metric "$CMD_PORT" "$token" kafka.producer.record.send.total)
        consumed=$(metric "$QUERY_PORT" "$token" kafka.consumer.fetch.manager.records.consumed.total)
        if [[ -n $published && $published == "$last" && ${consumed:-0} -ge $published ]]; then
            stable=$((stable + 1))
        else
            stable=0
        fi
        last=$published
    done
    log "drained: $published events published, $consumed fetched by the projections"
}
ticks() { sed -n "s/^ticks\.$2=//p" "$1"; }
rebuild() { # label
    local cpu=$RUN_DIR/cpu-$1 events seconds launcher query hz
    timeout 600 java -cp "$CLASSPATH_BENCH" "${TARGETS[@]}" -Dledgerflow.bench.data-dir="$KEPT_DATA" \
        -Dledgerflow.bench.launcher-pid="$STACK_PID" -Dledgerflow.bench.cpu-dir="$cpu" \
        -Dledgerflow.bench.jdbc-url="jdbc:postgresql://localhost:$PG_PORT/ledgerflow" \
        -Dledgerflow.bench.mongo-uri="mongodb://127.0.0.1:$MONGO_PORT" \
        io.ledgerflow.benchmarks.ProjectionCatchUp "$RUN_DIR/$1.properties" >"$RUN_DIR/$1.log" 2>&1 \
        || fail "$1: the rebuild failed (see $RUN_DIR/$1.log)"
    events=$(sed -n 's/^events=//p' "$RUN_DIR/$1.properties")
    seconds=$(sed -n 's/^seconds=//p' "$RUN_DIR/$1.properties")
    launcher=$(($(ticks "$cpu/catch-up-end.properties" launcher) - $(ticks "$cpu/catch-up-start.properties" launcher)))
    query=$(($(ticks "$cpu/catch-up-end.properties" query-service)
             - $(ticks "$cpu/catch-up-start.properties" query-service)))
    hz=$(sed -n 's/^clockTicksPerSecond=//p' "$cpu/catch-up-end.properties")
    awk -v l="$1" -v e="$events" -v s="$seconds" -v a="$launcher" -v q="$query" -v hz="$hz" 'BEGIN { printf \
        "%s: %d events in %.1f s, %.0f events/s; CPU per event: launcher %.0f us, query-service %.0f us\n", \
        l, e, s, e / s, a * 1e6 / hz / e, q * 1e6 / hz / e }' | tee -a "$RUN_DIR/rebuilds.txt"
}

first=${1#*=}
log "loading ${BENCH_REBUILD_TRANSFERS:-100000} transfers with $first"
start_stack load "$JVM" "$first"
timeout 600 ./mvnw -q -B -ntp -pl infra/benchmarks gatling:test \
    -Dgatling.simulationClass=io.ledgerflow.benchmarks.BatchTransfers -Dgatling.resultsFolder="$RUN_DIR/load" \
    "${TARGETS[@]}" -Dledgerflow.bench.batch.sizes=100 -Dledgerflow.bench.batch.users=4 \
    -Dledgerflow.bench.batch.transfers="${BENCH_REBUILD_TRANSFERS:-100000}" -Dledgerflow.bench.batch.max-seconds=300 \
    >"$RUN_DIR/load.log" 2>&1 || fail "the load failed (see $RUN_DIR/load.log)"
drain
stop_stack
for round in $(seq 1 "$rounds"); do
    for pair in "$@"; do
        name=${pair%%=*}
        log "round $round: $name"
        start_stack "$name-$round" "$JVM" "${pair#*=}"
        rebuild "$name-$round"
        stop_stack
    done
done
log "done; rebuilds.txt and logs in $RUN_DIR"
