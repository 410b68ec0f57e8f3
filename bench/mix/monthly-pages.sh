#!/usr/bin/env bash
# The authority's month list page by page (issue 25: "≤ 10 ms per page at 20k projects, any page, any
# filter"): bench/mix/monthly-pages.mjs asks for every sort × its filters × pages 1, 50, 500 and 1,000,
# one client, against `qsm serve` with the response cache off, twice (a server just started, then
# warm), and prints every page over 10 ms, then the count, mean and worst. On a copy of the cached
# `qsm bench-data` file of PROJECTS projects (/tmp/qsm-bench/db-PROJECTS, as bench/mix/run.sh makes
# it), or with PG_URL on the mix_PROJECTS database bench/mix/run.sh copied it into; with QSM_BIN_B,
# that build too, the two alternated ROUNDS times on the same data. Timings are printed for the
# record, never asserted. LIST=quarterly asks the same of the authority's quarter list.
#   [LIST=quarterly] [QSM_BIN=…] [QSM_BIN_B=…] [PG_URL=postgresql://…/postgres] bench/mix/monthly-pages.sh [PROJECTS=20000] [ROUNDS=2]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
LOAD_DIR=$ROOT/bench/load
# shellcheck source=bench/load/lib.sh
source "$LOAD_DIR/lib.sh"
QSM=${QSM_BIN:-$ROOT/build/qsm}
PROJECTS=${1:-20000}
ROUNDS=${2:-2}
cached_db "$PROJECTS"
work=$(mktemp -d /tmp/qsm-monthly.XXXXXX)
trap 'stop_all; rm -rf "$work"' EXIT
if [ -n "${PG_URL:-}" ]; then
    pg_mix_db "$PROJECTS"
    db=$PG_DB
else
    cp "$DIR/qsm.db" "$work/qsm.db"
    db=$work/qsm.db
fi
builds=("$QSM")
[ -z "${QSM_BIN_B:-}" ] || builds+=("$QSM_BIN_B")
for round in $(seq "$ROUNDS"); do
    for build in "${builds[@]}"; do
        port=  # set by take_port
        take_port port
        QSM=$build QSM_SERVE_ARGS="--response-cache off" start_qsm "$db" "$port" "$work/qsm.log"
        # Two passes a server: the first from its start (its page cache empty), the second warm.
        for pass in first second; do
            log "round $round, $build, $pass pass"
            node "$ROOT/bench/mix/monthly-pages.mjs" "http://127.0.0.1:$port"
        done
        stop_all
    done
done
drop_db_copy "$work"
