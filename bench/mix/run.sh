#!/usr/bin/env bash
# The realistic mix (issue 25) against `qsm serve` on SQLite (or PostgreSQL, below): a `qsm bench-data` database of PROJECTS
# projects (cached in /tmp/qsm-bench/db-PROJECTS, as scripts/bench makes it), COUNT pre-written
# requests (bench/mix/requests.mjs), a 2 s warm-up each, then ROUNDS rounds of
# `wrk -t2 -c64 -d SECONDS --latency -s bench/mix/mix.lua`. Prints per run requests/s, p50, p99, the
# response cache's hits over the run (from /metrics) and qsm's peak RSS. Bounded by ROUNDS × SECONDS.
# QSM_BIN_B=PATH: the two servers are QSM_BIN (rows "on") and QSM_BIN_B (rows "off"), both without
# the response cache, on SQLite or PostgreSQL.
# MIX=all (the default): every role, 10 % writes — 48 authority sessions, 64 contractors saving their
# own new draft months and submitting others (`qsm bench-sessions`, DRAFTS of them), 64 site
# supervisors saving review sheets of submitted months and 64 项目部 reading them (requests.mjs
# says the shares); SESSIONS=city: 3,320 sessions instead (below). MIX=reads: the 48 authority
# sessions' reads alone (what bench/peer compares).
# The response cache on and off are two servers on the one copy, alternated run by run. Timings are
# printed for the record, never asserted.
# With PG_URL=postgresql://…/postgres (an administrator's URL, e.g. of scripts/pg-cluster), the same on
# PostgreSQL: the cached file copied once into the database mix_PROJECTS (no response cache there).
# MIX_DB_DIR=DIR: the cached file in DIR instead of /tmp/qsm-bench/db-PROJECTS (another file of that
# many projects, e.g. the same one with another page size; session 24).
# STATEMENT_PAGES=1 (SQLite): each server counts every statement's calls and the pages it read from the
# file and found in its page cache (qsm serve --sqlite-statement-pages), and the statements that read
# the most are printed at the end, with all of them kept in the run's directory (pages-*.tsv). The
# counting takes a lock per statement: req/s of such a run are not comparable with others.
#   [PG_URL=…] bench/mix/run.sh [PROJECTS=20000] [ROUNDS=3] [SECONDS=10]
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
MIX=${MIX:-all}
# How many sessions send the mix (MIX=all). SESSIONS=city: a city's morning, thousands of users each
# sending a request every second or two — 320 inspectors, 1,000 contractors, 1,000 site supervisors
# and 1,000 项目部 (3,320 sessions; the session cache keeps a row 1 s, so most requests read theirs).
# Otherwise 48 authority logins (16 accounts × 3), 64 contractors, 64 + 64 site users.
if [ "${SESSIONS:-}" = city ]; then
    INSPECTORS=${INSPECTORS:-320} CONTRACTORS=${CONTRACTORS:-1000} SITE=${SITE:-1000}
fi
INSPECTORS=${INSPECTORS:-0}
CONTRACTORS=${CONTRACTORS:-64}
SITE=${SITE:-64}
[ "$MIX" = all ] || [ "$MIX" = reads ] || die "MIX is all or reads, not $MIX"
DIR=${MIX_DB_DIR:-/tmp/qsm-bench/db-$PROJECTS}
# The servers measured (started below): two ("on" and "off"), but one on PostgreSQL without QSM_BIN_B.
if [ -n "${QSM_BIN_B:-}" ] || [ -z "${PG_URL:-}" ]; then targets=(on off); else targets=(none); fi
# Each wrk run has its own months to submit (run R of RUNS, the warm-ups too).
RUNS=$(( (ROUNDS + 1) * ${#targets[@]} ))
# About 1 request in 100 is a submit: enough months for 12,000 req/s (the 3,000 of before ran out at
# 5,700 req/s in session 24).
DRAFTS=${DRAFTS:-$(( RUNS * SECONDS_PER_RUN * 120 ))}
trap stop_all EXIT

if [ ! -f "$DIR/qsm.db" ]; then
    log "generating $PROJECTS projects into $DIR (once)"
    rm -rf "$DIR.partial" && mkdir -p "$DIR.partial"
    "$QSM" --db "sqlite:$DIR.partial/qsm.db" bench-data --projects "$PROJECTS" --seed 1 >"$DIR.partial/bench-data.log" 2>&1
    rm -rf "$DIR" && mv "$DIR.partial" "$DIR"
fi
# The cached database brought up to this binary's schema once, not in every copy.
"$QSM" --db "sqlite:$DIR/qsm.db" --secret-file "$DIR/qsm.secret" migrate >/dev/null
work=$(mktemp -d /tmp/qsm-mix.XXXXXX)
if [ -n "${PG_URL:-}" ]; then
    # PostgreSQL: a database made from the cached SQLite file once (qsm copy), kept between runs.
    # The copy is kept as mix_PROJECTS_seed and every invocation starts from a fresh clone of it
    # (CREATE DATABASE … TEMPLATE): the mix submits and reviews months, so a database used once has
    # fewer drafts and submitted months left for the next.
    target=${PG_URL%/*}/mix_$PROJECTS
    seed=mix_${PROJECTS}_seed
    fresh=
    if ! psql -Atq "$PG_URL" -c "SELECT 1 FROM pg_database WHERE datname = '$seed'" | grep -q 1; then
        log "copying $DIR/qsm.db into ${PG_URL%/*}/$seed (once)"
        psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS $seed" -c "CREATE DATABASE $seed"
        "$QSM" copy --from "sqlite:$DIR/qsm.db" --to "${PG_URL%/*}/$seed" >"$work/copy.log"
        fresh=1
    fi
    # The seed brought up to this binary's schema and vacuumed after a copy or a migration, once, not
    # every clone: a migration that rewrites rows (V076) left each clone with dead rows to vacuum.
    migrated=$("$QSM" --db "${PG_URL%/*}/$seed" --secret-file "$DIR/qsm.secret" migrate)
    if [ -n "$fresh" ] || [[ $migrated != *'：应用了 0 个迁移'* ]]; then
        psql -q "${PG_URL%/*}/$seed" -c "VACUUM ANALYZE"
    fi
    psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS mix_$PROJECTS" -c "CREATE DATABASE mix_$PROJECTS TEMPLATE $seed"
    # As autovacuum would have it on a database in use: statistics and the visibility map (without
    # it, index-only scans read the table).
    psql -q "$target" -c "VACUUM ANALYZE"
    db=$target
    export QSM_GLOBAL_ARGS="--secret-file $DIR/qsm.secret"
else
    # With its secret file: the audit records' MACs and the ID-number hashes are keyed by it.
    cp "$DIR/qsm.db" "$DIR/qsm.secret" "$work/"
    # The copy on the disk before any run: the kernel writing a 19 GB copy back while the mix runs
    # stalled the checkpoints (p99 1.6-2 s at 100k projects).
    sync
    # The copy in the OS's page cache, as a server's database is once it has run a while with the RAM
    # for it: the cached original leaves the cache and the copy is read once. Without this, at 100k
    # projects (13 GB, twice that with the original, on 24 GB) the mix read 1-18 MB/s from the disk
    # (vmstat `bi`) for pages the copy had lost to the original (session 24).
    python3 -c 'import os, sys; fd = os.open(sys.argv[1], os.O_RDONLY); os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)' "$DIR/qsm.db"
    cat "$work/qsm.db" >/dev/null
    db=$work/qsm.db
fi
if [ "$MIX" = all ]; then
    # The writers' sessions and months, as their logins and the workflow would make them.
    url=$db
    [[ $db == postgresql://* ]] || url="sqlite:$db"
    "$QSM" --db "$url" --secret-file "$DIR/qsm.secret" bench-sessions --count "$CONTRACTORS" --drafts "$DRAFTS" --site "$SITE" \
        --inspectors "$INSPECTORS" >"$work/sessions.json"
    export MIX_SESSIONS=$work/sessions.json
fi
# Two servers on the one copy: the response cache on (as off by default) and off.
NEXT_PORT=18600
# With QSM_BIN_B=…, two binaries instead (both with the cache off), "on" being QSM_BIN and "off" QSM_BIN_B:
# a change measured against the build before it, alternated in one run.
pages() {  # TARGET: the statement counting's option for that server, when asked for
    [ -z "${STATEMENT_PAGES:-}" ] || [ -n "${PG_URL:-}" ] || printf -- '--sqlite-statement-pages %s' "$work/pages-$1.tsv"
}
take_port port_on
if [ -n "${QSM_BIN_B:-}" ]; then cache_on=off; else cache_on=on; fi
QSM_SERVE_ARGS="--response-cache $cache_on $(pages on)" start_qsm "$db" "$port_on" "$work/qsm-cache-on.log"
pid_on=$QSM_PID
if [ -n "${QSM_BIN_B:-}" ]; then
    take_port port_off
    QSM=$QSM_BIN_B QSM_SERVE_ARGS="--response-cache off $(pages off)" start_qsm "$db" "$port_off" "$work/qsm-b.log"
    pid_off=$QSM_PID
elif [ -z "${PG_URL:-}" ]; then  # PostgreSQL has no response cache: one server
    take_port port_off
    QSM_SERVE_ARGS="--response-cache off $(pages off)" start_qsm "$db" "$port_off" "$work/qsm-cache-off.log"
    pid_off=$QSM_PID
fi
# The sessions are rows of the shared database: either server accepts the tokens.
node "$ROOT/bench/mix/requests.mjs" "http://127.0.0.1:$port_on" "$work/requests.txt" "$COUNT" 48
# The response cache's hits so far (0 without one); retried, as wrk's connections may still be closing.
hits() { { curl -s --retry 5 --retry-all-errors --retry-delay 1 "http://127.0.0.1:$1/metrics" || true; } | awk '$1 == "qsm_response_cache_hits_total" { n = $2 } END { print n + 0 }'; }
# The versions of the months to save are read before each run.
run=0
declare -A lookups  # PORT → the months versions.mjs has read from it
mix() {  # PORT SECONDS OUT [--latency]
    node "$ROOT/bench/mix/versions.mjs" "http://127.0.0.1:$1" "$work/requests.txt"
    lookups[$1]=$(( ${lookups[$1]:-0} + $(wc -l <"$work/requests.txt.versions") ))
    wrk -t2 -c64 -d"$2s" --timeout 10s ${4:-} -s "$ROOT/bench/mix/mix.lua" "http://127.0.0.1:$1" -- "$work/requests.txt" "$run" "$RUNS" 2 >"$3"
    run=$((run + 1))
}
for target in "${targets[@]}"; do
    if [ "$target" = off ]; then port=$port_off; else port=$port_on; fi
    mix "$port" 2 "$work/warm-$target.txt"
done
printf 'projects\tround\tresponse cache\treq/s\tp50 ms\tp99 ms\tanswers\tcache hits\thit rate\tpeak RSS MB\tconflicts\tsubmits short\n'
for round in $(seq 1 "$ROUNDS"); do
    for target in "${targets[@]}"; do
        if [ "$target" = off ]; then port=$port_off pid=$pid_off; else port=$port_on pid=$pid_on; fi
        h0=$(hits "$port"); h0=${h0:-0}
        out="$work/wrk-$round-$target.txt"
        mix "$port" "$SECONDS_PER_RUN" "$out" --latency
        grep -q ', 0 of them 4xx/5xx' "$out" || die "refused answers in the mix: $(tail -3 "$out")"
        h1=$(hits "$port"); h1=${h1:-0}
        IFS=$'\t' read -r rps _mean p50 p99 answers _non2xx _errors < <(awk -f "$LOAD_DIR/wrk-summary.awk" "$out")
        label=$target
        [ -z "${QSM_BIN_B:-}" ] || { [ "$target" = on ] && label="A (QSM_BIN)" || label="B (QSM_BIN_B)"; }
        read -r conflicts short < <(sed -n 's/^mix: .*, \([0-9]*\) conflicts, \([0-9]*\) submits without a month$/\1 \2/p' "$out")
        printf '%s\t%s\t%s\t%.0f\t%s\t%s\t%s\t%s\t%.1f %%\t%.0f\t%s\t%s\n' "$PROJECTS" "$round" "$label" "$rps" "$p50" "$p99" "$answers" "$((h1 - h0))" \
            "$(awk -v h=$((h1 - h0)) -v a="$answers" 'BEGIN { print a ? 100 * h / a : 0 }')" "$(awk -v k="$(hwm_kb "$pid")" 'BEGIN { print k / 1024 }')" \
            "${conflicts:-?}" "${short:-?}"
    done
done
if [ -n "${STATEMENT_PAGES:-}" ] && [ -z "${PG_URL:-}" ]; then
    stop_all  # each server writes its statements' pages as it stops
    for target in "${targets[@]}"; do
        # Every answer the server gave: wrk's (the warm-up too) and versions.mjs's lookups; requests.mjs's
        # few (the logins and the months it picks from, on the first server) count in the pages only.
        if [ "$target" = off ]; then port=$port_off; else port=$port_on; fi
        answers=${lookups[$port]}
        for f in "$work"/wrk-*-"$target".txt "$work/warm-$target.txt"; do answers=$((answers + $(awk '$2 == "requests" && $3 == "in" { print $1 }' "$f"))); done
        log "server $target: the 12 statements that read the most pages from the file (all: $work/pages-$target.tsv)"
        head -13 "$work/pages-$target.tsv" | cut -c1-220
        awk -F'\t' -v a="$answers" 'NR > 1 { r += $4; h += $5 } END { printf "pages read %d, cache hits %d; per answer (%d): read %.1f, hits %.1f\n", r, h, a, r / a, h / a }' \
            "$work/pages-$target.tsv"
    done
fi
drop_db_copy "$work"
log "kept in $work (requests.txt, wrk-*.txt, qsm-*.log)"
