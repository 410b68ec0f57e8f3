#!/usr/bin/env bash
# The realistic mix (issue 25) against qsm and its peer, alternated in one run: `qsm serve` and the
# peer (bench/peer/server.mjs: fastify + better-sqlite3 with qsm's own SQL) on one copy of a
# `qsm bench-data` database of PROJECTS projects (cached in /tmp/qsm-bench/db-PROJECTS, as
# bench/mix/run.sh makes it; never written here), COUNT requests of 48 authority sessions written
# once against qsm (bench/mix/requests.mjs; the sessions are rows of the shared database, so the peer
# accepts their tokens too), the first COMPARE of them byte-compared on both and the statements the
# peer prepared checked against those qsm prepared (no benchmark unless every answer is identical and
# every statement one of qsm's), a 2 s warm-up of each, then ROUNDS rounds of
# `wrk -t2 -c64 -d SECONDS --latency -s bench/mix/mix.lua` on qsm, then on the peer. With
# CACHE_OFF=1 a second qsm with `--response-cache off` (a qsm that has the option) runs between them.
# Prints per run requests/s, p50, p99, qsm's response cache hits over the run (from /metrics), the
# server's CPU (% of one core), what else the machine spent meanwhile, and peak RSS; per round the
# ratio to the peer. 127.0.0.1 only; bounded by ROUNDS × targets × SECONDS plus set-up (~1 min).
# Timings are printed for the record, never asserted.
#   bench/peer/run.sh [PROJECTS=20000] [ROUNDS=3] [SECONDS=10]
# Environment: QSM_BIN (default build/qsm), PEER_WORKERS (peer processes, default 2: README.md says
# why), CACHE_OFF (0), COUNT (50000), COMPARE (1000). Install the peer first: bench/peer/install.sh.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
LOAD_DIR=$ROOT/bench/load
PEER_DIR=$ROOT/bench/peer
# shellcheck source=bench/load/lib.sh
source "$LOAD_DIR/lib.sh"
QSM=${QSM_BIN:-$ROOT/build/qsm}
PROJECTS=${1:-20000}
ROUNDS=${2:-3}
SECONDS_PER_RUN=${3:-10}
COUNT=${COUNT:-50000}
COMPARE=${COMPARE:-1000}
PEER_WORKERS=${PEER_WORKERS:-2}
CACHE_OFF=${CACHE_OFF:-0}
DIR=/tmp/qsm-bench/db-$PROJECTS

[ -x "$QSM" ] || die "no qsm binary at $QSM (set QSM_BIN)"
(cd "$PEER_DIR" && node -e "require('better-sqlite3'); require('fastify')") 2>/dev/null ||
    die "the peer is not installed: run bench/peer/install.sh (see bench/peer/README.md)"

if [ ! -f "$DIR/qsm.db" ]; then
    log "generating $PROJECTS projects into $DIR (once)"
    rm -rf "$DIR.partial" && mkdir -p "$DIR.partial"
    "$QSM" --db "sqlite:$DIR.partial/qsm.db" bench-data --projects "$PROJECTS" --seed 1 >"$DIR.partial/bench-data.log" 2>&1
    rm -rf "$DIR" && mv "$DIR.partial" "$DIR"
fi
work=$(mktemp -d /tmp/qsm-peer.XXXXXX)
# The copy is 2 GB at 20k projects: removed at exit; the requests, wrk outputs and logs stay.
finish() {
    stop_all
    local f
    for f in "$work"/qsm*.log; do [ -f "$f" ] && trim_qsm_log "$f"; done
    rm -f "$work"/qsm.db "$work"/qsm.db-wal "$work"/qsm.db-shm
}
trap finish EXIT
# With its secret file: the audit records' MACs and the ID-number hashes are keyed by it.
log "copying the database into $work"
cp "$DIR/qsm.db" "$DIR/qsm.secret" "$work/"

# Which statements each prepares: qsm through an LD_PRELOAD shim on sqlite3_prepare_v3 (sqltrace.c),
# the peer with --trace-sql; checked after the comparison. Skipped without a C compiler.
trace_so=
if command -v cc >/dev/null; then
    cc -shared -fPIC -O2 -o "$work/sqltrace.so" "$PEER_DIR/sqltrace.c" -ldl
    trace_so=$work/sqltrace.so
else
    warn "no C compiler: the statements are not checked, only the answers"
fi

# The targets, in the order each round runs them: name → base URL and the pids to watch. qsm starts
# first: it migrates the copy to its schema before anyone else reads it.
TARGETS=(qsm)
declare -A BASE PIDS
NEXT_PORT=18600
take_port port
LD_PRELOAD=$trace_so SQL_TRACE_FILE=$work/qsm-sql.txt start_qsm "$work/qsm.db" "$port" "$work/qsm.log"
BASE[qsm]=http://127.0.0.1:$port
PIDS[qsm]=$QSM_PID
if [ "$CACHE_OFF" = 1 ]; then
    take_port port
    "$QSM" --db "sqlite:$work/qsm.db" serve --listen "127.0.0.1:$port" --reminder-time off --second-factor optional \
        --response-cache off >"$work/qsm-nocache.log" 2>&1 &
    PIDS[qsm-nocache]=$!
    track "${PIDS[qsm-nocache]}"
    wait_for_200 "http://127.0.0.1:$port/api/health" "${PIDS[qsm-nocache]}" 120 ||
        die "qsm --response-cache off did not start; its log:$(printf '\n'; tail -20 "$work/qsm-nocache.log")"
    BASE[qsm-nocache]=http://127.0.0.1:$port
    TARGETS+=(qsm-nocache)
fi
take_port port
node "$PEER_DIR/server.mjs" --db "$work/qsm.db" --port "$port" --workers "$PEER_WORKERS" --trace-sql "$work/peer-sql.txt" >"$work/peer.log" 2>&1 &
PEER_PID=$!
track "$PEER_PID"
wait_for_200 "http://127.0.0.1:$port/api/health" "$PEER_PID" 20 ||
    die "the peer did not start; its log ($work/peer.log):$(printf '\n'; tail -20 "$work/peer.log")"
BASE[peer]=http://127.0.0.1:$port
TARGETS+=(peer)

node "$ROOT/bench/mix/requests.mjs" "${BASE[qsm]}" "$work/requests.txt" "$COUNT" 48
log "comparing the answers to the first $COMPARE requests"
node "$PEER_DIR/compare.mjs" "${BASE[qsm]}" "${BASE[peer]}" "$work/requests.txt" "$COMPARE" >"$work/compare.txt" ||
    die "qsm and the peer answer differently (see $work/compare.txt): not benchmarking:$(printf '\n'; cat "$work/compare.txt")"
sed 's/^/    /' "$work/compare.txt" >&2
# Whether every statement the peer prepared so far is one qsm prepared (LD_PRELOAD shim): prints the
# peer's count, or fails listing the others into peer-only-sql.txt.
same_statements() {
    [ -n "$trace_so" ] || return 0
    LC_ALL=C sort -u "$work/qsm-sql.txt" >"$work/qsm-sql.sorted"
    LC_ALL=C sort -u "$work/peer-sql.txt" >"$work/peer-sql.sorted"
    LC_ALL=C comm -23 "$work/peer-sql.sorted" "$work/qsm-sql.sorted" >"$work/peer-only-sql.txt"
    [ ! -s "$work/peer-only-sql.txt" ] || return 1
    log "each of the $(wc -l <"$work/peer-sql.sorted") statements the peer prepared is one qsm prepared"
}
same_statements || die "the peer prepared $(wc -l <"$work/peer-only-sql.txt") statement(s) qsm did not (bench/peer/sql.mjs is behind src/store): see $work/peer-only-sql.txt"

# qsm's response cache hits so far (0 for the peer, which has none).
hits() {
    [ "$1" = peer ] && { echo 0; return; }
    curl -s "${BASE[$1]}/metrics" | awk '$1 == "qsm_response_cache_hits_total" { print $2 }'
}
# The target's processes: qsm, or the peer and its cluster workers.
pids_of() {
    # shellcheck disable=SC2046  # the workers' pids, one word each
    if [ "$1" = peer ]; then echo "$PEER_PID" $(pgrep -P "$PEER_PID" || true); else echo "${PIDS[$1]}"; fi
}
# utime + stime of the processes, in clock ticks.
cpu_ticks() {
    local pid total=0 stat
    for pid in "$@"; do
        stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
        stat=${stat##*) }
        total=$((total + $(awk '{ print $12 + $13 }' <<<"$stat")))
    done
    echo "$total"
}
peak_mb() {
    local pid kb=0
    for pid in "$@"; do kb=$((kb + $(hwm_kb "$pid"))); done
    awk -v k="$kb" 'BEGIN { printf "%.0f", k / 1024 }'
}
TICKS=$(getconf CLK_TCK)
# Busy ticks of the whole machine (user, nice, system, irq, softirq, steal; /proc/stat).
machine_ticks() { awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
# CHILD_SECONDS: CPU seconds of this shell's reaped children, wrk among them (bash's `times`, which
# must run in this shell, not in a $(…) subshell).
children_seconds() {
    times >"$work/times"
    CHILD_SECONDS=$(awk 'NR == 2 { n = 0; for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); n += t[1] * 60 + t[2] } print n }' "$work/times")
}
# Waits until the target that just ran is idle (it may still answer what wrk left behind), ≤ 5 s.
settle() {
    local i a b
    for ((i = 0; i < 25; i++)); do
        # shellcheck disable=SC2046
        a=$(cpu_ticks $(pids_of "$1"))
        sleep 0.2
        # shellcheck disable=SC2046
        b=$(cpu_ticks $(pids_of "$1"))
        [ $((b - a)) -gt 1 ] || return 0
    done
}

for target in "${TARGETS[@]}"; do
    wrk -t2 -c64 -d2s --timeout 10s -s "$ROOT/bench/mix/mix.lua" "${BASE[$target]}" -- "$work/requests.txt" >/dev/null
    settle "$target"
done

# Two benchmarks at once measure neither: say so when something else keeps the machine busy.
m0=$(machine_ticks)
sleep 1
busy=$(awk -v m=$(($(machine_ticks) - m0)) -v t="$TICKS" 'BEGIN { printf "%.0f", 100 * m / t }')
[ "$busy" -lt 30 ] || warn "the machine is busy before the runs (${busy} % of a core in 1 s, none of it ours): the figures will be disturbed"
log "$ROUNDS rounds of ${SECONDS_PER_RUN} s on each of ${TARGETS[*]}, alternated (peer: $PEER_WORKERS process(es))"
# CPU % is the server's (100 = one core of the machine's $(nproc)); others % what the rest of the
# machine spent meanwhile besides the server and wrk: a run with much of it was disturbed.
# CPU ms/answer (the server's CPU time over its answers) is the figure least moved by other work.
printf 'round\ttarget\treq/s\tp50 ms\tp99 ms\tanswers\tcache hits\thit rate\tCPU %%\tCPU ms/answer\tothers %%\tpeak RSS MB\n'
# A run during which the rest of the machine took more than this (% of a core) is marked disturbed.
DISTURBED=${DISTURBED:-25}
declare -A RPS
quiet_rounds=()
for round in $(seq 1 "$ROUNDS"); do
    quiet=1
    for target in "${TARGETS[@]}"; do
        out=$work/wrk-$round-$target.txt
        h0=$(hits "$target")
        # shellcheck disable=SC2046
        c0=$(cpu_ticks $(pids_of "$target"))
        m0=$(machine_ticks)
        children_seconds
        w0=$CHILD_SECONDS
        t0=$(now_us)
        wrk -t2 -c64 -d"${SECONDS_PER_RUN}s" --timeout 10s --latency -s "$ROOT/bench/mix/mix.lua" "${BASE[$target]}" -- "$work/requests.txt" >"$out"
        t1=$(now_us)
        children_seconds
        w1=$CHILD_SECONDS
        m1=$(machine_ticks)
        # shellcheck disable=SC2046
        c1=$(cpu_ticks $(pids_of "$target"))
        h1=$(hits "$target")
        grep -q ', 0 of them 4xx/5xx' "$out" || die "refused answers from $target: $(tail -3 "$out")"
        IFS=$'\t' read -r rps _mean p50 p99 answers _non2xx _errors < <(awk -f "$LOAD_DIR/wrk-summary.awk" "$out")
        RPS[$round-$target]=$rps
        cache=$((h1 - h0))
        rate=$(awk -v h="$cache" -v a="$answers" 'BEGIN { printf "%.1f %%", a ? 100 * h / a : 0 }')
        [ "$target" = peer ] && { cache="–"; rate="–"; }
        cpu=$(awk -v c=$((c1 - c0)) -v t="$TICKS" -v us=$((t1 - t0)) 'BEGIN { printf "%.0f", 100 * c / t / (us / 1e6) }')
        cpu_ms=$(awk -v c=$((c1 - c0)) -v t="$TICKS" -v a="$answers" 'BEGIN { printf "%.2f", a ? 1000 * c / t / a : 0 }')
        others=$(awk -v m=$((m1 - m0)) -v c=$((c1 - c0)) -v w0="$w0" -v w1="$w1" -v t="$TICKS" -v us=$((t1 - t0)) \
            'BEGIN { o = 100 * ((m - c) / t - (w1 - w0)) / (us / 1e6); printf "%.0f", o < 0 ? 0 : o }')
        [ "$others" -le "$DISTURBED" ] || { others+=" disturbed"; quiet=0; }
        # shellcheck disable=SC2046
        printf '%s\t%s\t%.0f\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$target" "$rps" "$p50" "$p99" "$answers" "$cache" "$rate" \
            "$cpu" "$cpu_ms" "$others" "$(peak_mb $(pids_of "$target"))"
        settle "$target"
    done
    [ "$quiet" = 0 ] || quiet_rounds+=("$round")
    line="round $round:"
    for target in "${TARGETS[@]}"; do
        [ "$target" = peer ] || line+=" $target/peer = $(ratio "${RPS[$round-$target]}" "${RPS[$round-peer]}")"
    done
    echo "$line"
done
# medians ROUND…: the median requests/s of each target over those rounds, and the ratios.
medians() {
    local line="median of $# round(s) ($*):" target r
    declare -A median
    for target in "${TARGETS[@]}"; do
        median[$target]=$(for r in "$@"; do echo "${RPS[$r-$target]}"; done | median)
        line+=" $target $(printf '%.0f' "${median[$target]}") req/s,"
    done
    for target in "${TARGETS[@]}"; do
        [ "$target" = peer ] || line+=" $target/peer = $(ratio "${median[$target]}" "${median[peer]}")"
    done
    echo "$line"
}
# shellcheck disable=SC2046
medians $(seq 1 "$ROUNDS")
if [ "${#quiet_rounds[@]}" -lt "$ROUNDS" ]; then
    if [ "${#quiet_rounds[@]}" -gt 0 ]; then medians "${quiet_rounds[@]}"; else echo "every round was disturbed"; fi
fi
same_statements || warn "during the runs the peer prepared $(wc -l <"$work/peer-only-sql.txt") statement(s) qsm did not: see $work/peer-only-sql.txt"
drop_db_copy "$work"
log "kept in $work (requests.txt, compare.txt, wrk-*.txt, qsm*.log, peer.log)"
