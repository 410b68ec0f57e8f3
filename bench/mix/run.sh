#!/usr/bin/env bash
# The realistic mix (issue 25) against `qsm serve` on SQLite: a `qsm bench-data` database of PROJECTS
# projects (cached in /tmp/qsm-bench/db-PROJECTS, as scripts/bench makes it), COUNT pre-written
# requests of 48 authority sessions (bench/mix/requests.mjs), a 2 s warm-up, then ROUNDS runs of
# `wrk -t2 -c64 -d SECONDS --latency -s bench/mix/mix.lua`. Prints per run requests/s, p50, p99, the
# response cache's hits over the run (from /metrics) and qsm's peak RSS. Bounded by ROUNDS × SECONDS.
# Timings are printed for the record, never asserted. Groundwork of issue 25: no peer yet.
#   bench/mix/run.sh [PROJECTS=20000] [ROUNDS=3] [SECONDS=10]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
LOAD_DIR=$ROOT/bench/load
# shellcheck source=bench/load/lib.sh
source "$LOAD_DIR/lib.sh"
QSM=${QSM_BIN:-$ROOT/build/qsm}
PROJECTS=${1:-20000}
ROUNDS=${2:-3}
SECONDS_PER_RUN=${3:-10}
COUNT=${COUNT:-50000}
DIR=/tmp/qsm-bench/db-$PROJECTS
trap stop_all EXIT

if [ ! -f "$DIR/qsm.db" ]; then
    log "generating $PROJECTS projects into $DIR (once)"
    rm -rf "$DIR.partial" && mkdir -p "$DIR.partial"
    "$QSM" --db "sqlite:$DIR.partial/qsm.db" bench-data --projects "$PROJECTS" --seed 1 >"$DIR.partial/bench-data.log" 2>&1
    rm -rf "$DIR" && mv "$DIR.partial" "$DIR"
fi
work=$(mktemp -d /tmp/qsm-mix.XXXXXX)
# With its secret file: the audit records' MACs and the ID-number hashes are keyed by it.
cp "$DIR/qsm.db" "$DIR/qsm.secret" "$work/"
NEXT_PORT=18600
take_port port
start_qsm "$work/qsm.db" "$port" "$work/qsm.log"
base=http://127.0.0.1:$port
node "$ROOT/bench/mix/requests.mjs" "$base" "$work/requests.txt" "$COUNT" 48
hits() { curl -s "$base/metrics" | awk '$1 == "qsm_response_cache_hits_total" { print $2 }'; }
wrk -t2 -c64 -d2s --timeout 10s -s "$ROOT/bench/mix/mix.lua" "$base" -- "$work/requests.txt" >/dev/null
printf 'projects\tround\treq/s\tp50 ms\tp99 ms\tanswers\tcache hits\thit rate\tpeak RSS MB\n'
for round in $(seq 1 "$ROUNDS"); do
    h0=$(hits)
    wrk -t2 -c64 -d"${SECONDS_PER_RUN}s" --timeout 10s --latency -s "$ROOT/bench/mix/mix.lua" "$base" -- "$work/requests.txt" >"$work/wrk-$round.txt"
    grep -q ', 0 of them 4xx/5xx' "$work/wrk-$round.txt" || die "refused answers in the mix: $(tail -3 "$work/wrk-$round.txt")"
    h1=$(hits)
    IFS=$'\t' read -r rps _mean p50 p99 answers _non2xx _errors < <(awk -f "$LOAD_DIR/wrk-summary.awk" "$work/wrk-$round.txt")
    printf '%s\t%s\t%.0f\t%s\t%s\t%s\t%s\t%.1f %%\t%.0f\n' "$PROJECTS" "$round" "$rps" "$p50" "$p99" "$answers" "$((h1 - h0))" \
        "$(awk -v h=$((h1 - h0)) -v a="$answers" 'BEGIN { print a ? 100 * h / a : 0 }')" "$(awk -v k="$(hwm_kb "$QSM_PID")" 'BEGIN { print k / 1024 }')"
done
log "kept in $work (requests.txt, wrk-*.txt, qsm.log)"
