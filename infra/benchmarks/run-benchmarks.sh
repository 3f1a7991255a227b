#!/usr/bin/env bash
# Ledgerflow benchmarks, one session (see README.md beside this file), and issue 8's report table.
#   pass 1, snapshots on (the default, every 100 events), one stack, each step bounded in time:
#     TransferSql          the SQL one single-phase transfer issues (log_statement=all for one transfer)
#     RawDatabaseBaseline  those statements over JDBC, 8 client threads, 20 s, in a schema of their own: tps
#     SpreadTransfers      after a 300 s warm-up with the same load (not measured),
#                          200 funded accounts, 16 users posting unique transfers for 60 s: transfers/s, p50/p99,
#                          statuses; CPU snapshots of every stack process at its first request and last answer
#                          and once the query side has drained that load's backlog (its catch-up, as ReadYourWritesLag)
#     ReadYourWritesLag    200 transfers one at a time on the stack otherwise idle: the pipeline's own lag, split
#     MixedLoad            transfers at half the sustained rate: 30 s with the lag probe beside them (its lag split
#                          where the ledger topic sees each probe transfer), then 30 s with account reads at 1,000/s
#                          (CPU snapshots at each phase), after a shorter run of the same load (not measured)
#     HalfTransferProbe    8 writers move money among one owner's 8 accounts for 20 s while a reader lists them:
#                          lists whose sum was off (a transfer's debit shown without its credit, or the reverse)
#     BatchTransfers       batches of 100: transfers/s, and CPU per transfer by process (snapshots around that size)
#     HotAccountDeposits   deposits into one account, 128 users, after a warm-up run; ManyAccountDeposits: deposits
#                          into 1,000 accounts at 16 and at 128 users
#     ProjectionCatchUp    drops the projection database and times the rebuild from offset zero: events/s
#     (peak RSS of every process: VmHWM in the last CPU snapshot)
#   pass 2, snapshots off (threshold 1,000,000), only with BENCH_SNAPSHOTS_OFF=1: HotAccountDeposits again
# Each pass runs on a fresh local stack (throwaway data directory, non-default ports) that is stopped afterwards.
# All traffic goes to localhost; every load is bounded in requests and time. About 17 minutes on 2 cores.
# Ctrl-C stops the stack once the current step (each one bounded) has ended.
#
# Settings (environment):
#   BENCH_RUN_DIR       where results go [infra/benchmarks/target/benchmark-runs/<UTC time>]
#   BENCH_SPREAD_SECONDS  SpreadTransfers' load [60]
#   BENCH_WARMUP_SECONDS  the same load run first, not measured, so that the services are compiled (JIT) [300; 0: none]
#   BENCH_GATLING_OPTS  extra -D options for every simulation, after the script's own (so they win), e.g.
#                       "-Dledgerflow.bench.mix.read-rate=500 -Dledgerflow.bench.hot.max-seconds=60"
#   BENCH_HARNESS_OPTS  extra -D options for TransferSql, RawDatabaseBaseline and ProjectionCatchUp, e.g.
#                       "-Dledgerflow.bench.baseline.seconds=10"
#   BENCH_SNAPSHOTS_OFF=1  also run pass 2 (about 2 minutes more)
#   BENCH_QUICK=1       only TransferSql, RawDatabaseBaseline and SpreadTransfers (about 9 minutes): to compare one
#                       change's statements, CPU per transfer and throughput; the other rows say not measured
#   BENCH_KEYED=1       with BENCH_QUICK=1, the keyed single-transfer load too (about 1 minute more)
#   BENCH_READS=1       with BENCH_QUICK=1, the idle lag probe and MixedLoad too (reads beside writes, lag; about 4
#                       minutes more): to compare one change's CPU per read and read latency
#   BENCH_BATCH=1       with BENCH_QUICK=1, the batch load too (about 1 minute more)
#   BENCH_DEPOSITS=1    with BENCH_QUICK=1, the hot-account and many-account deposits too (about 3 minutes more)
#   BENCH_COMMAND_PORT, BENCH_QUERY_PORT, BENCH_AUTH_PORT, BENCH_PG_PORT, BENCH_KAFKA_PORT, BENCH_MONGO_PORT
#                       the stack's ports [18081, 18082, 19000, 25432, 29092, 27117]
#   BENCH_START_TIMEOUT seconds the stack may take to come up [300]
#   BENCH_SERVICE_JVM_OPTS  the services' JVM options before the rate limits
#                       [harness.sh's SERVICE_JVM_DEFAULTS: -Xmx192m -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=96m
#                       -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError, as README command 1 runs them]
#   BENCH_SKIP_BUILD=1  use the jars as they are, even when older than the sources
# The services inherit this script's environment, so their own settings apply as usual (docs/operations.md): e.g.
# DATABASE_REWRITE_BATCHED_INSERTS=false has the command-service, and the raw baseline, send one insert per event.
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
         -Dledgerflow.token.url="http://localhost:$AUTH_PORT/oauth2/token"
         -Dledgerflow.kafka.bootstrap="127.0.0.1:$KAFKA_PORT")
# We measure the ledger here, not the rate limiter, so both passes raise the buckets of the two roles the load
# uses (defaults: operator 500 burst / 200 per s, viewer 200 / 100), and the per-address bucket all the load
# shares, coming from one address (1000 / 500). The filters stay in the request path.
# shellcheck source=harness.sh
source "$HERE/harness.sh"
LIMITS=$(raised_rate_limits operator viewer)
# the local stack's defaults (LocalStackConfig), so that the CPU and RSS rows measure what README command 1 runs
JVM_BASE=$(service_jvm_options)
JVM_ON="$JVM_BASE $LIMITS"
JVM_OFF="$JVM_BASE $LIMITS -Dledgerflow.snapshots.threshold=1000000"

STARTED=$SECONDS # log and fail: harness.sh
LOADS=
loadavg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?"; }
note_load() { LOADS="$LOADS $(cut -d' ' -f1 /proc/loadavg 2>/dev/null)"; }

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
    note_load
    # timeout: a safety net only; each simulation stops itself (maxDuration, 120 s by default)
    # shellcheck disable=SC2086
    timeout --kill-after=30 400 ./mvnw -q -B -ntp -pl infra/benchmarks gatling:test \
        -Dgatling.simulationClass="io.ledgerflow.benchmarks.$class" \
        -Dgatling.resultsFolder="$RUN_DIR/$label/$name" \
        "${TARGETS[@]}" "$@" ${BENCH_GATLING_OPTS:-} >"$RUN_DIR/$label/$name.log" 2>&1 \
        || log "$label: $class reported failures (KO requests, or the harness failed): see $RUN_DIR/$label/$name.log"
    sed -n '/---- Global Information/,/mean throughput/p' "$RUN_DIR/$label/$name.log" \
        | grep -E 'request count|50th|95th|99th|throughput' || true
}

harness() { # label, results name (log), main class, arguments... ; a step that failed is reported, not fatal
    local label=$1 name=$2 class=$3
    shift 3
    log "$label: $class (load average $(loadavg))"
    note_load
    # shellcheck disable=SC2086
    timeout --kill-after=10 300 java -cp "$CLASSPATH_BENCH" "${TARGETS[@]}" "${STACK_OPTS[@]}" ${BENCH_HARNESS_OPTS:-} \
        "io.ledgerflow.benchmarks.$class" "$@" >"$RUN_DIR/$label/$name.log" 2>&1 \
        || { log "$label: $class failed (see $RUN_DIR/$label/$name.log); its rows will say 'not measured'"; return 0; }
    grep -E "^(RawDatabaseBaseline|ProjectionCatchUp|HalfTransferProbe|-- by kind)" "$RUN_DIR/$label/$name.log" || true
}

cpu_snapshot() { # label, name: every stack process's CPU ticks and VmHWM now
    java -cp "$CLASSPATH_BENCH" io.ledgerflow.benchmarks.StackProcesses "$STACK_DATA" "$STACK_PID" \
        "$RUN_DIR/$1/cpu/$2.properties" >/dev/null || log "$1: CPU snapshot $2 failed"
}

property() { # file, key
    sed -n "s/^$2=//p" "$1" 2>/dev/null | tail -1
}

CLASSPATH_BENCH='infra/benchmarks/target/classes:infra/benchmarks/target/lib/*'

# --- pass 1: issue 8's figures, one stack ---------------------------------------------------------------------
start_stack snapshots-on "$JVM_ON"
PASS=$RUN_DIR/snapshots-on
STACK_OPTS=(-Dledgerflow.bench.data-dir="$STACK_DATA" -Dledgerflow.bench.launcher-pid="$STACK_PID"
            -Dledgerflow.bench.cpu-dir="$PASS/cpu"
            -Dledgerflow.bench.jdbc-url="jdbc:postgresql://localhost:$PG_PORT/ledgerflow"
            -Dledgerflow.bench.jdbc-rewrite-batched-inserts="${DATABASE_REWRITE_BATCHED_INSERTS:-true}"
            -Dledgerflow.bench.postgres-log="$STACK_DATA/logs/postgres.log"
            -Dledgerflow.bench.mongo-uri="mongodb://127.0.0.1:$MONGO_PORT")
log "snapshots-on: stack processes: $(java -cp "$CLASSPATH_BENCH" io.ledgerflow.benchmarks.StackProcesses \
    "$STACK_DATA" "$STACK_PID" "$PASS/cpu/start.properties")"

harness snapshots-on transfer-sql TransferSql "$PASS"
harness snapshots-on baseline RawDatabaseBaseline "$PASS/baseline.properties"

# A fresh JVM compiles its hot paths for minutes on 2 cores: after a 60 s warm-up, C2's compiler thread still took 9 %
# of the command-service's CPU and almost half the query-service's in the measured minute, and the single-transfer
# rate after 300 s was 1.5x the rate after 60 s (results/2026-12-01-changes.md, seventh session). A sustained rate is
# measured after the same load has run for a while, and once the query side has projected the warm-up's backlog.
if (( ${BENCH_WARMUP_SECONDS:-300} > 0 )); then
    simulation snapshots-on SpreadTransfers warmup -Dledgerflow.bench.spread.users=16 \
        -Dledgerflow.bench.spread.accounts=200 -Dledgerflow.bench.spread.seconds="${BENCH_WARMUP_SECONDS:-300}" \
        -Dledgerflow.bench.spread.overdraw-percent=0 \
        -Dledgerflow.bench.jdbc-url="jdbc:postgresql://localhost:$PG_PORT/ledgerflow" \
        -Dledgerflow.bench.mongo-uri="mongodb://127.0.0.1:$MONGO_PORT" \
        -Dledgerflow.bench.backlog-results-file="$PASS/warmup-backlog.properties" >/dev/null
fi
simulation snapshots-on SpreadTransfers spread "${STACK_OPTS[@]}" \
    -Dledgerflow.bench.spread.users=16 -Dledgerflow.bench.spread.accounts=200 \
    -Dledgerflow.bench.spread.seconds="${BENCH_SPREAD_SECONDS:-60}" -Dledgerflow.bench.spread.overdraw-percent=0 \
    -Dledgerflow.bench.results-file="$PASS/spread-statuses.properties" \
    -Dledgerflow.bench.load-results-file="$PASS/spread-load.properties" \
    -Dledgerflow.bench.backlog-results-file="$PASS/spread-backlog.properties"

# The same load with an Idempotency-Key on every request, as careful clients send one: such a request claims its key
# in a statement of its own, and its group stores its answer. A shorter first run compiles that path.
if [[ ${BENCH_QUICK:-} != 1 || ${BENCH_KEYED:-} == 1 ]]; then
for keyed in spread-keyed-warmup spread-keyed; do
    simulation snapshots-on SpreadTransfers "$keyed" -Dledgerflow.bench.spread.idempotency-keys=true \
        -Dledgerflow.bench.spread.users=16 -Dledgerflow.bench.spread.accounts=200 -Dledgerflow.bench.spread.overdraw-percent=0 \
        -Dledgerflow.bench.spread.seconds=$([[ $keyed == spread-keyed ]] && echo 30 || echo 20) \
        -Dledgerflow.bench.backlog-results-file="$PASS/$keyed-backlog.properties" \
        -Dledgerflow.bench.jdbc-url="jdbc:postgresql://localhost:$PG_PORT/ledgerflow" \
        -Dledgerflow.bench.mongo-uri="mongodb://127.0.0.1:$MONGO_PORT" >/dev/null
done
fi
if [[ ${BENCH_QUICK:-} != 1 || ${BENCH_READS:-} == 1 ]]; then
# the pipeline's own latency, one transfer at a time on the stack otherwise idle (the spread load drained)
harness snapshots-on lag-idle ReadYourWritesLag "$PASS/lag-idle.properties"
SUSTAINED=$(property "$PASS/spread-load.properties" transfersPerSecond)
HALF=$(awk -v r="${SUSTAINED:-0}" 'BEGIN { h = r / 2; if (h < 1) h = 1; printf "%.1f", h }')
# The warm-up above compiled the write path only: the read path is compiled by a shorter run of the same load first
# (not measured). A cold read phase measured the JIT: CPU per read 1.6 against 1.0 ms warm, p99 170 against 35 ms
# at 400 reads/s (results/2026-12-02-changes.md, eleventh session). Its lag part runs as long as the measured one:
# with 5 s, the query-service's compiler threads still took a third of its CPU in the measured lag phase
# (results/2026-12-06-lag-phase.md).
simulation snapshots-on MixedLoad mix-warmup -Dledgerflow.bench.mix.transfer-rate="$HALF" \
    -Dledgerflow.bench.mix.lag-seconds=30 -Dledgerflow.bench.mix.read-seconds=60 >/dev/null
simulation snapshots-on MixedLoad mix "${STACK_OPTS[@]}" -Dledgerflow.bench.mix.transfer-rate="$HALF" \
    -Dledgerflow.bench.results-file="$PASS/mix.properties"
fi
if [[ ${BENCH_QUICK:-} != 1 ]]; then
# Whether a reader of the query side sees half a transfer (PRODUCT.md allows none; the gap is known): one owner's
# accounts, transfers among only them, their list read meanwhile must add up to what was deposited.
harness snapshots-on half-transfers HalfTransferProbe "$PASS/half-transfers.properties"
fi
if [[ ${BENCH_QUICK:-} != 1 || ${BENCH_BATCH:-} == 1 ]]; then
# 60,000 transfers (about 20 s): long enough for the CPU each process spends per batched transfer to be measured.
simulation snapshots-on BatchTransfers batch "${STACK_OPTS[@]}" -Dledgerflow.bench.batch.sizes=100 \
    -Dledgerflow.bench.batch.users=4 -Dledgerflow.bench.batch.transfers=60000 -Dledgerflow.bench.batch.max-seconds=90 \
    -Dledgerflow.bench.results-file="$PASS/batch.properties"
grep -E '^BatchTransfers \| 100 ' "$PASS/batch.log" || true
fi
if [[ ${BENCH_QUICK:-} != 1 || ${BENCH_DEPOSITS:-} == 1 ]]; then
# Deposits with 128 users in flight (the simulations' defaults): each user waits for its answer, so 8 users measured
# 8 / latency, not what the ledger takes. A first run of the same load (not reported) compiles the deposit path;
# deposits over many accounts are measured at 16 users too, to show whether they scale with the load. Each is rated
# over its last 30 s (20 s at 16 users), after 10 s of the same load in the same Gatling JVM: Gatling's own mean
# counted the load generator's first seconds and rounded the run up to whole seconds (results/2026-12-06-deposit-rates.md).
simulation snapshots-on HotAccountDeposits hot-warmup -Dledgerflow.bench.hot.requests=100 \
    -Dledgerflow.bench.hot.max-seconds=30 >/dev/null
simulation snapshots-on HotAccountDeposits hot -Dledgerflow.bench.hot.seconds=30 \
    -Dledgerflow.bench.load-results-file="$PASS/hot-load.properties"
simulation snapshots-on ManyAccountDeposits many-16 -Dledgerflow.bench.many.users=16 \
    -Dledgerflow.bench.many.seconds=20 -Dledgerflow.bench.load-results-file="$PASS/many-16-load.properties"
simulation snapshots-on ManyAccountDeposits many -Dledgerflow.bench.many.seconds=30 \
    -Dledgerflow.bench.load-results-file="$PASS/many-load.properties"
fi
if [[ ${BENCH_QUICK:-} != 1 ]]; then
harness snapshots-on catch-up ProjectionCatchUp "$PASS/catch-up.properties"
fi
cpu_snapshot snapshots-on end
stop_stack

# --- pass 2 (optional): what snapshots buy ---------------------------------------------------------------------
if [[ ${BENCH_SNAPSHOTS_OFF:-} == 1 ]]; then
    start_stack snapshots-off "$JVM_OFF"
    simulation snapshots-off HotAccountDeposits hot -Dledgerflow.bench.hot.seconds=20 \
        -Dledgerflow.bench.load-results-file="$RUN_DIR/snapshots-off/hot-load.properties"
    stop_stack
fi

log "done; results, Gatling reports and stack logs in $RUN_DIR"
echo
{
    echo "Ledgerflow benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average now $(loadavg)"
    echo "(one session on a shared machine: compare the ratios within this table, not absolute figures across runs)"
    echo "load average during the run (1-minute, at each step): ${LOADS# }"
    echo "single-transfer load measured after a ${BENCH_WARMUP_SECONDS:-300} s warm-up with the same load (not counted)"
    echo
    java -cp "$CLASSPATH_BENCH" io.ledgerflow.benchmarks.Summary "$RUN_DIR"
} | tee "$RUN_DIR/summary.txt"
