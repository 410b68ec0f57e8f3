# shellcheck shell=bash
# Helpers for scripts/bench (sourced, not run): logging, free ports, starting and stopping the
# servers under test, running wrk and reading its numbers. Every server started here is recorded
# in BENCH_PIDS, and stop_all (called from the EXIT trap of scripts/bench) stops each of them by
# its own pid.
#
# Expects: LOAD_DIR (this directory) and QSM (the qsm binary) to be set by the caller.

BENCH_PIDS=()        # every background process we started and have not reaped yet
NEXT_PORT=18080      # ports are taken upwards from here, skipping those someone listens on
RSS_MAX_KB=0         # highest VmRSS of qsm seen while wrk was running (see run_wrk)

log()  { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
warn() { printf '[bench %(%H:%M:%S)T] WARNING: %s\n' -1 "$*" >&2; }
die()  { printf '[bench %(%H:%M:%S)T] ERROR: %s\n' -1 "$*" >&2; exit 1; }

# Microseconds since the epoch, without forking (bash 5).
now_us() { echo "${EPOCHREALTIME/./}"; }

# ---------------------------------------------------------------------------------------------
# Processes

# True while PID runs (a zombie, i.e. exited but not yet reaped, counts as gone).
alive() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }               # drop "pid (comm) ": the process state comes next
    [ "${stat%% *}" != Z ]
}

track() { BENCH_PIDS+=("$1"); }

# Forgets PID (after it has been reaped).
untrack() {
    local kept=() pid
    for pid in "${BENCH_PIDS[@]}"; do [ "$pid" = "$1" ] || kept+=("$pid"); done
    BENCH_PIDS=("${kept[@]}")
}

# SIGTERM, up to 30 s to finish (qsm first completes the requests it has queued), then SIGKILL;
# always reaps the process.
stop_pid() {
    local pid=$1 i
    if alive "$pid"; then
        kill -TERM "$pid" 2>/dev/null || true
        for ((i = 0; i < 300; i++)); do alive "$pid" || break; sleep 0.1; done
        if alive "$pid"; then
            warn "pid $pid did not stop on SIGTERM; sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    wait "$pid" 2>/dev/null || true
}

# Stops every process started through this file, newest first.
stop_all() {
    local i
    for ((i = ${#BENCH_PIDS[@]} - 1; i >= 0; i--)); do stop_pid "${BENCH_PIDS[i]}"; done
    BENCH_PIDS=()
}

# take_port VAR: stores in VAR the next loopback TCP port nobody listens on.
take_port() {
    while [ -n "$(ss -Htln "sport = :$NEXT_PORT")" ]; do NEXT_PORT=$((NEXT_PORT + 1)); done
    printf -v "$1" '%s' "$NEXT_PORT"
    NEXT_PORT=$((NEXT_PORT + 1))
}

# wait_for_200 URL PID TIMEOUT_S: polls URL every 10 ms until it answers 200. Fails as soon as PID
# has exited, or after TIMEOUT_S seconds.
wait_for_200() {
    local url=$1 pid=$2 deadline=$(($(now_us) + $3 * 1000000))
    until [ "$(curl -s -o /dev/null --max-time 1 -w '%{http_code}' "$url")" = 200 ]; do
        alive "$pid" || return 1
        [ "$(now_us)" -lt "$deadline" ] || return 1
        sleep 0.01
    done
}

# cached_db PROJECTS: sets DIR to the cached `qsm bench-data` file of PROJECTS projects
# (/tmp/qsm-bench/db-PROJECTS, which bench/mix/run.sh generates once) and brings it up to $QSM's schema.
cached_db() {
    DIR=/tmp/qsm-bench/db-$1
    [ -f "$DIR/qsm.db" ] || die "no $DIR/qsm.db: run bench/mix/run.sh $1 once (it generates the data)"
    "$QSM" --db "sqlite:$DIR/qsm.db" --secret-file "$DIR/qsm.secret" migrate >/dev/null
}

# drop_db_copy DIR: removes a run's copy of the database from DIR, keeping its results and logs (a
# copy is 13 GB at 100k projects: a few runs' copies filled the disk in session 33). A server still
# holding the file open keeps its space until it stops.
drop_db_copy() {
    rm -f "$1/qsm.db" "$1/qsm.db-wal" "$1/qsm.db-shm"
}

# pg_mix_db PROJECTS: after cached_db, sets PG_DB to the database mix_PROJECTS next to $PG_URL (which
# bench/mix/run.sh makes from the cached file), brings it up to $QSM's schema and has every qsm started
# here read the cached file's secret.
pg_mix_db() {
    PG_DB=${PG_URL%/*}/mix_$1
    psql -Atq "$PG_URL" -c "SELECT 1 FROM pg_database WHERE datname = 'mix_$1'" | grep -q 1 || die "run PG_URL=… bench/mix/run.sh $1 once first"
    "$QSM" --db "$PG_DB" --secret-file "$DIR/qsm.secret" migrate >/dev/null
    export QSM_GLOBAL_ARGS="--secret-file $DIR/qsm.secret"
}

# ---------------------------------------------------------------------------------------------
# The servers

# start_qsm DB_FILE PORT LOG: starts `qsm serve` and waits until GET /api/health answers 200.
# Sets QSM_PID and STARTUP_MS (from the exec of qsm to the first 200, polled every 10 ms, so the
# figure includes up to ~10 ms of polling granularity plus curl's own start).
start_qsm() {
    local db=$1 port=$2 logfile=$3 t0
    t0=$(now_us)
    local url=$db
    [[ $db == postgresql://* ]] || url="sqlite:$db"
    "$QSM" --db "$url" ${QSM_GLOBAL_ARGS:-} serve --listen "127.0.0.1:$port" --reminder-time off --second-factor optional ${QSM_SERVE_ARGS:-} >"$logfile" 2>&1 &
    QSM_PID=$!
    track "$QSM_PID"
    wait_for_200 "http://127.0.0.1:$port/api/health" "$QSM_PID" 120 ||
        die "qsm did not answer /api/health on port $port; its log ($logfile):$(printf '\n'; tail -20 "$logfile")"
    STARTUP_MS=$((($(now_us) - t0) / 1000))
}

# trim_qsm_log LOG: qsm logs one line per request (tens of MB per minute under wrk). Once qsm has
# stopped, drops the lines of requests answered 200 and keeps everything else (start-up, warnings,
# errors, other statuses), ending with the number of lines dropped.
trim_qsm_log() {
    awk '/ info rid=[^ ]+ [A-Z]+ [^ ]+ 200 / { dropped++; next }
         { print }
         END { printf "(scripts/bench dropped %d request lines with status 200)\n", dropped }' \
        "$1" >"$1.trimmed"
    mv "$1.trimmed" "$1"
}

# start_nginx WORKDIR PORT: one nginx worker serving WORKDIR/www (see nginx.conf.in); waits until
# WORKDIR/www/list.json answers. Sets NGINX_PID.
start_nginx() {
    local workdir=$1 port=$2
    mkdir -p "$workdir/tmp"
    sed -e "s|@WORKDIR@|$workdir|g" -e "s|@PORT@|$port|g" "$LOAD_DIR/nginx.conf.in" >"$workdir/nginx.conf"
    nginx -p "$workdir" -c "$workdir/nginx.conf" -e "$workdir/nginx-error.log" \
        >"$workdir/nginx.log" 2>&1 &
    NGINX_PID=$!
    track "$NGINX_PID"
    wait_for_200 "http://127.0.0.1:$port/list.json" "$NGINX_PID" 10 ||
        die "nginx did not start; see $workdir/nginx.log and $workdir/nginx-error.log"
}

# start_fastify PORT BODY_FILE LOG: the fastify anchor serving BODY_FILE's bytes on every path;
# waits until it answers.
start_fastify() {
    local port=$1 body=$2 logfile=$3 pid
    node "$LOAD_DIR/anchors/fastify.mjs" --port "$port" --file "$body" >"$logfile" 2>&1 &
    pid=$!
    track "$pid"
    wait_for_200 "http://127.0.0.1:$port/" "$pid" 20 ||
        die "fastify did not start; its log ($logfile):$(printf '\n'; tail -20 "$logfile")"
}

# ---------------------------------------------------------------------------------------------
# wrk

# status_kb PID FIELD: a "FIELD: N kB" line of /proc/PID/status as N (0 when PID is gone).
status_kb() {
    local key value
    while read -r key value _; do
        if [ "$key" = "$2:" ]; then echo "$value"; return; fi
    done 2>/dev/null <"/proc/$1/status"
    echo 0
}

# Resident memory of PID in kB: now (VmRSS), and the peak over its life (VmHWM).
rss_kb() { status_kb "$1" VmRSS; }
hwm_kb() { status_kb "$1" VmHWM; }

# run_wrk URL SECONDS OUTPUT_FILE BEARER_TOKEN [RSS_PID]
# One bounded wrk run (-t1 -c64 --latency) with the session header. wrk's --timeout is raised from
# 2 s to 10 s: it also bounds wrk's latency histogram, and slower answers would otherwise be left
# out of the percentiles (counted only as "timeout" errors). With RSS_PID, samples that process's
# VmRSS every 0.2 s during the run into RSS_MAX_KB. Sets WRK_FIELDS to the seven tab-separated
# fields of wrk-summary.awk. Dies on any non-2xx/3xx answer: such a run measured errors, not the
# endpoint. A run without a single answer is kept (its latencies are empty) with a warning.
run_wrk() {
    local url=$1 seconds=$2 out=$3 token=$4 rss_pid=${5:-} wrk_pid kb non2xx
    wrk -t1 -c64 -d"${seconds}s" --timeout 10s --latency -H "Authorization: Bearer $token" "$url" \
        >"$out" 2>&1 &
    wrk_pid=$!
    track "$wrk_pid"
    if [ -n "$rss_pid" ]; then
        while alive "$wrk_pid"; do
            kb=$(rss_kb "$rss_pid")
            [ "$kb" -le "$RSS_MAX_KB" ] || RSS_MAX_KB=$kb
            sleep 0.2
        done
    fi
    wait "$wrk_pid" || die "wrk failed on $url:$(printf '\n'; cat "$out")"
    untrack "$wrk_pid"
    WRK_FIELDS=$(awk -f "$LOAD_DIR/wrk-summary.awk" "$out") || die "could not read wrk's output $out"
    non2xx=$(cut -f6 <<<"$WRK_FIELDS")
    if [ "$non2xx" != 0 ]; then
        cat "$out" >&2
        die "$non2xx non-2xx/3xx responses from $url: the run is broken (output kept in $out)"
    fi
    if [ "$(cut -f5 <<<"$WRK_FIELDS")" = 0 ]; then
        warn "no answer at all from $url within the ${seconds} s run"
    fi
}

# ---------------------------------------------------------------------------------------------
# Numbers

# The median of the numbers on stdin (one per line); prints nothing for no input.
median() {
    sort -g | awk '{ v[NR] = $1 }
        END { if (NR == 0) exit; if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# ratio A B: A / B with two decimals, or "–" when either is missing or B is zero.
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "–"; else printf "%.2f\n", a / b }'
}
