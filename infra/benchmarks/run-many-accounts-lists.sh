#!/usr/bin/env bash
# What a client owning many accounts does to everyone's reads: ManyAccountsLists (9,000 accounts for bob, 30,000
# transfers among 200 of alice's, then bob's transfer list alone and ten at once while alice reads) on a fresh local
# stack with throwaway data and non-default ports, rate limits raised. Reports every request's status and seconds
# (lists.properties and the last lines of the output). About 3 minutes of set-up on this machine.
#
# Settings (environment):
#   BENCH_RUN_DIR          where results go [infra/benchmarks/target/benchmark-runs/many-lists-<UTC time>]
#   BENCH_HARNESS_OPTS     extra -D options, e.g. -Dledgerflow.bench.many-lists.accounts=2000
#   BENCH_COMMAND_PORT, BENCH_QUERY_PORT, BENCH_AUTH_PORT, BENCH_PG_PORT, BENCH_KAFKA_PORT, BENCH_MONGO_PORT
#                          the stack's ports [18481, 18482, 19400, 25832, 29492, 27517]
#   BENCH_SKIP_BUILD=1     use the jars as they are (otherwise: ./mvnw -q -B -ntp -Dmaven.test.skip=true package)
#   BENCH_STACK_CHECKOUT   a built checkout whose jars the stack runs, e.g. an older commit's worktree for a before
#                          and after; the probe is always this checkout's [this checkout]
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
cd "$HERE/../.."
# shellcheck source=harness.sh
source "$HERE/harness.sh"
harness_setup many-lists 18481 18482 19400 25832 29492 27517
JVM="$SERVICE_JVM_DEFAULTS $(raised_rate_limits operator client)"
build_and_compile

# shellcheck source=stack.sh
source "$HERE/stack.sh"
trap 'stop_stack' EXIT
trap 'log "interrupted"; exit 130' INT TERM

start_stack many-lists "$JVM" "${BENCH_STACK_CHECKOUT:-.}"
log "ManyAccountsLists (load average $(cut -d' ' -f1-3 /proc/loadavg))"
# shellcheck disable=SC2086
timeout --kill-after=30 1800 java -cp 'infra/benchmarks/target/classes:infra/benchmarks/target/lib/*' \
    -Dledgerflow.command.url="http://localhost:$CMD_PORT" \
    -Dledgerflow.query.url="http://localhost:$QUERY_PORT" \
    -Dledgerflow.token.url="http://localhost:$AUTH_PORT/oauth2/token" \
    ${BENCH_HARNESS_OPTS:-} io.ledgerflow.benchmarks.ManyAccountsLists "$RUN_DIR/lists.properties" \
    >"$RUN_DIR/lists.log" 2>&1 || fail "ManyAccountsLists (see $RUN_DIR/lists.log)"
stop_stack

grep -v '^#' "$RUN_DIR/lists.properties" | sort
log "done; results in $RUN_DIR (lists.properties, lists.log, many-lists/stack.log)"
