# Sourced by load.sh and journeys.sh: starts scripts/stack.sh in the background,
# logging to $WORK/stack.log, stops it (and removes $WORK) on exit, and waits until
# /healthz answers on $HOST:$PORT. Needs WORK, HOST, PORT and a `log` function.
./scripts/stack.sh >"$WORK/stack.log" 2>&1 &
stack=$!
stop_stack() {
    kill -TERM "$stack" 2>/dev/null && wait "$stack" 2>/dev/null || true
    rm -rf "$WORK"
}
trap stop_stack EXIT
log "stack starting (pid $stack, log $WORK/stack.log)"
for _ in $(seq 300); do
    curl -sf "http://$HOST:$PORT/healthz" >/dev/null 2>&1 && break
    if ! kill -0 "$stack" 2>/dev/null; then log "the stack died:"; tail -30 "$WORK/stack.log" >&2; exit 1; fi
    sleep 1
done
