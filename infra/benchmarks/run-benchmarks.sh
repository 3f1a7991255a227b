#!/usr/bin/env bash
# Ledgerflow benchmarks, one session (see README.md beside this file):
#   pass 1, snapshots on (the default, every 100 events): HotAccountDeposits, ReadYourWritesLag (its catch-up
#           measures the backlog the hot load left), SpreadTransfers, then the probe's catch-up alone again,
#           then ManyAccountDeposits (deposits into 100 accounts: contention on @world:USD alone)
#   pass 2, snapshots off (threshold 1,000,000):          HotAccountDeposits
# Each pass runs on a fresh local stack (throwaway data directory, non-default ports) that is stopped afterwards.
# All traffic goes to localhost; every load is bounded in requests and time. About 5 minutes on 2 cores.
# Ctrl-C stops the stack once the current step (each one bounded) has ended.
#
# Settings (environment):
#   BENCH_RUN_DIR       where results go [infra/benchmarks/target/benchmark-runs/<UTC time>]
#   BENCH_GATLING_OPTS  extra -D options for every simulation, e.g. "-Dledgerflow.bench.hot.requests=100"
#   BENCH_LAG_OPTS      extra -D options for the lag probe, e.g. "-Dledgerflow.bench.samples=500"
#   BENCH_COMMAND_PORT, BENCH_QUERY_PORT, BENCH_AUTH_PORT, BENCH_PG_PORT, BENCH_KAFKA_PORT, BENCH_MONGO_PORT
#                       the stack's ports [18081, 18082, 19000, 25432, 29092, 27117]
#   BENCH_START_TIMEOUT seconds the stack may take to come up [300]
#   BENCH_SKIP_BUILD=1  use the jars as they are, even when older than the sources
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"

CMD_PORT=${BENCH_COMMAND_PORT:-18081}
QUERY_PORT=${BENCH_QUERY_PORT:-18082}
AUTH_PORT=${BENCH_AUTH_PORT:-19000}
PG_PORT=${BENCH_PG_PORT:-25432}
KAFKA_PORT=${BENCH_KAFKA_PORT:-29092}
MONGO_PORT=${BENCH_MONGO_PORT:-27117}
RUN_DIR=${BENCH_RUN_DIR:-$HERE/target/benchmark-runs/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$RUN_DIR"
RUN_DIR=$(cd "$RUN_DIR" && pwd)

TARGETS=(-Dledgerflow.command.url="http://localhost:$CMD_PORT"
         -Dledgerflow.query.url="http://localhost:$QUERY_PORT"
         -Dledgerflow.token.url="http://localhost:$AUTH_PORT/oauth2/token")
# We measure the ledger here, not the rate limiter, so both passes raise the buckets of the two roles the load
# uses (defaults: operator 500 burst / 200 per s, viewer 200 / 100), and the per-address bucket all the load
# shares, coming from one address (1000 / 500). The filters stay in the request path.
LIMITS="-Dledgerflow.rate-limits.roles.operator.capacity=1000000 -Dledgerflow.rate-limits.roles.operator.per-second=1000000"
LIMITS="$LIMITS -Dledgerflow.rate-limits.roles.viewer.capacity=1000000 -Dledgerflow.rate-limits.roles.viewer.per-second=1000000"
LIMITS="$LIMITS -Dledgerflow.rate-limits.per-address.capacity=1000000 -Dledgerflow.rate-limits.per-address.per-second=1000000"
JVM_ON="-Xmx768m -XX:+ExitOnOutOfMemoryError $LIMITS"
JVM_OFF="-Xmx768m -XX:+ExitOnOutOfMemoryError $LIMITS -Dledgerflow.snapshots.threshold=1000000"

STARTED=$SECONDS
log() { printf '[%4ds] %s\n' $((SECONDS - STARTED)) "$*"; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?"; }
fail() { log "FAILED: $*"; exit 1; }

# --- (a) build ------------------------------------------------------------------------------------------------
JARS=(command-service/target/command-service-exec.jar query-service/target/query-service-exec.jar
      infra/auth-server/target/auth-server-exec.jar infra/local-stack/target/local-stack.jar)

BUILD_STAMP=$HERE/target/jars-built.stamp
jars_stale() {
    local jar
    for jar in "${JARS[@]}"; do [[ -f $jar ]] || return 0; done
    [[ -f $BUILD_STAMP ]] || return 0
    # a main source or a pom of what runs in the stack changed since this script last built the jars
    [[ -n $(find pom.xml shared-events service-kit command-service query-service infra/testkit infra/auth-server \
            infra/local-stack -path '*/target' -prune -o -type f -newer "$BUILD_STAMP" \
            \( -path '*/src/main/*' -o -name pom.xml \) -print -quit) ]]
}

if [[ ${BENCH_SKIP_BUILD:-} != 1 ]] && jars_stale; then
    log "building the jars (missing, or sources changed since the last build here): ./mvnw -q -B -ntp -Dmaven.test.skip=true package"
    mkdir -p "$(dirname "$BUILD_STAMP")"
    touch "$BUILD_STAMP.next"
    ./mvnw -q -B -ntp -Dmaven.test.skip=true package || fail "build"
    mv "$BUILD_STAMP.next" "$BUILD_STAMP"
fi
for jar in "${JARS[@]}"; do [[ -f $jar ]] || fail "$jar missing"; done
log "compiling the simulations"
./mvnw -q -B -ntp -pl infra/benchmarks test-compile || fail "compiling infra/benchmarks"

# --- (b) and (d): the stack -----------------------------------------------------------------------------------
# shellcheck source=stack.sh
source "$HERE/stack.sh"
trap stop_stack EXIT
trap 'log "interrupted"; exit 130' INT TERM

# --- (c) the load ---------------------------------------------------------------------------------------------
simulation() { # label, simulation class, results name, extra -D options...
    local label=$1 class=$2 name=$3
    shift 3
    log "$label: $class (load average $(loadavg))"
    # timeout: a safety net only; each simulation stops itself (maxDuration, 120 s by default)
    # shellcheck disable=SC2086
    timeout --kill-after=30 400 ./mvnw -q -B -ntp -pl infra/benchmarks gatling:test \
        -Dgatling.simulationClass="io.ledgerflow.benchmarks.$class" \
        -Dgatling.resultsFolder="$RUN_DIR/$label/$name" \
        "${TARGETS[@]}" "$@" ${BENCH_GATLING_OPTS:-} >"$RUN_DIR/$label/$name.log" 2>&1 \
        || fail "$label: $class (see $RUN_DIR/$label/$name.log)"
    sed -n '/---- Global Information/,/mean throughput/p' "$RUN_DIR/$label/$name.log" \
        | grep -E 'request count|50th|95th|99th|throughput' || true
}

lag_probe() { # label, results name, extra -D options...
    local label=$1 name=$2
    shift 2
    log "$label: ReadYourWritesLag $* (load average $(loadavg))"
    # shellcheck disable=SC2086
    timeout --kill-after=10 300 java -cp 'infra/benchmarks/target/classes:infra/benchmarks/target/lib/*' "${TARGETS[@]}" \
        -Dledgerflow.bench.results-file="$RUN_DIR/$label/$name.properties" ${BENCH_LAG_OPTS:-} "$@" \
        io.ledgerflow.benchmarks.ReadYourWritesLag 2>&1 | tee "$RUN_DIR/$label/$name.log" \
        || fail "$label: lag probe (see $RUN_DIR/$label/$name.log)"
}

start_stack snapshots-on "$JVM_ON"
simulation snapshots-on HotAccountDeposits hot
lag_probe snapshots-on lag
simulation snapshots-on SpreadTransfers spread -Dledgerflow.bench.results-file="$RUN_DIR/snapshots-on/spread-statuses.properties"
lag_probe snapshots-on spread-backlog -Dledgerflow.bench.samples=0
simulation snapshots-on ManyAccountDeposits many
stop_stack

start_stack snapshots-off "$JVM_OFF"
simulation snapshots-off HotAccountDeposits hot
stop_stack

log "done; results, Gatling reports and stack logs in $RUN_DIR"
echo
{
    echo "Ledgerflow benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average now $(loadavg)"
    echo "(one session on a shared machine: compare the ratios within this table, not absolute figures across runs)"
    echo
    java -cp 'infra/benchmarks/target/classes:infra/benchmarks/target/lib/*' io.ledgerflow.benchmarks.Summary "$RUN_DIR"
} | tee "$RUN_DIR/summary.txt"
