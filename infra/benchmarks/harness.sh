# What the single-simulation scripts (run-batch-benchmark.sh, run-soak.sh, run-settlement-waits.sh) share: their
# stack's ports, their run directory, log and fail, rate limits raised, and the build. Source it from the repository
# root, then call harness_setup.
# shellcheck shell=bash

# harness_setup <run-directory prefix> <command port> <query port> <auth port> <pg port> <kafka port> <mongo port>
# Sets CMD_PORT, QUERY_PORT, AUTH_PORT, PG_PORT, KAFKA_PORT, MONGO_PORT (BENCH_*_PORT, else the defaults given) and
# RUN_DIR (BENCH_RUN_DIR, else infra/benchmarks/target/benchmark-runs/<prefix>-<UTC time>), absolute and created.
harness_setup() {
    CMD_PORT=${BENCH_COMMAND_PORT:-$2}
    QUERY_PORT=${BENCH_QUERY_PORT:-$3}
    AUTH_PORT=${BENCH_AUTH_PORT:-$4}
    PG_PORT=${BENCH_PG_PORT:-$5}
    KAFKA_PORT=${BENCH_KAFKA_PORT:-$6}
    MONGO_PORT=${BENCH_MONGO_PORT:-$7}
    RUN_DIR=${BENCH_RUN_DIR:-infra/benchmarks/target/benchmark-runs/$1-$(date -u +%Y%m%dT%H%M%SZ)}
    mkdir -p "$RUN_DIR"
    RUN_DIR=$(cd "$RUN_DIR" && pwd)
    STARTED=$SECONDS
}

# The services' JVM options as README command 1 runs them (LocalStackConfig.DEFAULT_SERVICE_JVM_OPTIONS), so that a
# benchmark measures, in speed and memory, what the local stack runs.
SERVICE_JVM_DEFAULTS="-Xmx192m -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=96m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
# BENCH_SERVICE_JVM_OPTS if set, else those defaults
service_jvm_options() { echo "${BENCH_SERVICE_JVM_OPTS:-$SERVICE_JVM_DEFAULTS}"; }

log() { printf '[%4ds] %s\n' $((SECONDS - STARTED)) "$*"; }
fail() { log "FAILED: $*"; exit 1; }

# raised_rate_limits <role>...: JVM options that give these roles, and the per-address bucket all the load shares
# (it comes from one address), buckets the load never empties, and concurrency bounds it never reaches. We measure
# the ledger, not the rate limiter.
raised_rate_limits() {
    local limits="-Dledgerflow.rate-limits.per-address.capacity=1000000 -Dledgerflow.rate-limits.per-address.per-second=1000000 -Dledgerflow.rate-limits.outside-api.capacity=1000000 -Dledgerflow.rate-limits.outside-api.per-second=1000000 -Dledgerflow.rate-limits.concurrent-per-address=1000000 -Dledgerflow.rate-limits.concurrent-with-body=1000000 -Dledgerflow.rate-limits.concurrent-per-caller=1000000 -Dledgerflow.reads.max-concurrent-lists=1000000 -Dledgerflow.reads.max-concurrent-lists-per-caller=1000000 -Dledgerflow.commands.max-concurrent-batches=1000000 -Dledgerflow.commands.max-concurrent-batches-per-caller=1000000"
    for role in "$@"; do
        limits="$limits -Dledgerflow.rate-limits.roles.$role.capacity=1000000 -Dledgerflow.rate-limits.roles.$role.per-second=1000000"
        limits="$limits -Dledgerflow.rate-limits.batch-transfers.$role.capacity=1000000 -Dledgerflow.rate-limits.batch-transfers.$role.per-second=1000000"
    done
    echo "$limits"
}

# The jars, unless BENCH_SKIP_BUILD=1, then the harness and the simulations.
build_and_compile() {
    if [[ ${BENCH_SKIP_BUILD:-} != 1 ]]; then
        log "building the jars: ./mvnw -q -B -ntp -Dmaven.test.skip=true package"
        ./mvnw -q -B -ntp -Dmaven.test.skip=true package || fail "build"
    fi
    log "compiling the harness and the simulations"
    ./mvnw -q -B -ntp -pl infra/benchmarks test-compile || fail "compiling infra/benchmarks"
}
