# Starting and stopping a throwaway local stack for a benchmark script. The caller sets RUN_DIR, the ports
# (CMD_PORT, QUERY_PORT, AUTH_PORT, PG_PORT, KAFKA_PORT, MONGO_PORT) and defines log and fail; STACK_PID,
# STACK_DATA and STACK_LABEL describe the stack that runs. BENCH_START_TIMEOUT: seconds it may take to come up [300].
# BENCH_LAUNCHER_JVM_OPTS: the launcher's own JVM options (Kafka and the MongoDB stand-in run in it) [-Xmx1g, as README
# command 1]. KEPT_DATA: a data directory the caller owns; when set, every start uses it and no stop removes it.
# shellcheck shell=bash

STACK_PID=
STACK_DATA=
STACK_LABEL=

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_stack() { # label, JVM options of the services, checkout whose jars run [the current directory]
    local label=$1 jvm=$2 checkout=${3:-.} port deadline
    for port in "$CMD_PORT" "$QUERY_PORT" "$AUTH_PORT" "$PG_PORT" "$KAFKA_PORT" "$MONGO_PORT"; do
        port_open "$port" && fail "port $port is in use (another stack?); set BENCH_*_PORT"
    done
    mkdir -p "$RUN_DIR/$label"
    STACK_LABEL=$label
    STACK_DATA=${KEPT_DATA:-$(mktemp -d "${TMPDIR:-/tmp}/ledgerflow-bench.XXXXXX")}
    log "$label: starting the stack (data $STACK_DATA, services' JVM options: $jvm)"
    LEDGERFLOW_DATA_DIR=$STACK_DATA LEDGERFLOW_JVM_OPTS=$jvm \
        LEDGERFLOW_COMMAND_PORT=$CMD_PORT LEDGERFLOW_QUERY_PORT=$QUERY_PORT LEDGERFLOW_AUTH_PORT=$AUTH_PORT \
        LEDGERFLOW_PG_PORT=$PG_PORT LEDGERFLOW_KAFKA_PORT=$KAFKA_PORT LEDGERFLOW_MONGO_PORT=$MONGO_PORT \
        bash -c 'cd "$1" && shift && exec "$@"' - "$checkout" \
        java ${BENCH_LAUNCHER_JVM_OPTS:--Xmx1g} -jar infra/local-stack/target/local-stack.jar >"$RUN_DIR/$label/stack.log" 2>&1 &
    STACK_PID=$!
    deadline=$((SECONDS + ${BENCH_START_TIMEOUT:-300}))
    until grep -q "Ledgerflow is up" "$RUN_DIR/$label/stack.log"; do
        kill -0 "$STACK_PID" 2>/dev/null || { tail -20 "$RUN_DIR/$label/stack.log"; fail "$label: the stack did not start"; }
        ((SECONDS < deadline)) || fail "$label: the stack was not up within ${BENCH_START_TIMEOUT:-300} s (see $RUN_DIR/$label/stack.log)"
        sleep 1
    done
    log "$label: $(grep -o 'Ledgerflow is up.*' "$RUN_DIR/$label/stack.log")"
}

stop_stack() {
    local pid=$STACK_PID deadline=$((SECONDS + 120)) port
    STACK_PID=
    if [[ -n $pid ]]; then
        log "$STACK_LABEL: stopping the stack (SIGTERM to the launcher, pid $pid)"
        kill -TERM "$pid" 2>/dev/null || true
        while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 1; done
        if kill -0 "$pid" 2>/dev/null; then
            log "$STACK_LABEL: the launcher did not stop within 120 s: SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
        fi
        wait "$pid" 2>/dev/null || true
    fi
    if [[ -n $STACK_DATA ]]; then
        # PostgreSQL runs with its data directory on its command line: nothing may be left of this stack
        pgrep -af -- "$STACK_DATA" && log "WARNING: processes of the stopped stack are still running (above)"
        cp -r "$STACK_DATA/logs" "$RUN_DIR/$STACK_LABEL/stack-logs" 2>/dev/null || true
        [[ -n ${KEPT_DATA:-} ]] || rm -rf "$STACK_DATA"
        STACK_DATA=
        for port in "$CMD_PORT" "$QUERY_PORT" "$AUTH_PORT" "$PG_PORT" "$KAFKA_PORT" "$MONGO_PORT"; do
            port_open "$port" && log "WARNING: port $port still answers after the stop"
        done
    fi
    return 0
}
