#!/usr/bin/env bash
# Sheet saves from many clients (issue 25: "at 8 and 32 clients ≥ 3,000/s on SQLite, ≥ 1,000/s on
# PostgreSQL"), with wrk as the client so that the client's own CPU stays small: 128 contractors
# (`qsm bench-sessions`), each saving its own new draft month's self sheet (0–8 deductions over the
# template's clauses) as `PUT /api/monthly/{id}/self-sheet` with the version the last answer carried
# (bench/mix/mix.lua's "@self" lines). ROUNDS rounds of 8 and 32 connections alternated, SECONDS
# each; prints saves/s, p50, p99, conflicts (409) and qsm's peak RSS. Never asserted.
# QSM_BIN_B=PATH: each round runs QSM_BIN (server "A") and then QSM_BIN_B ("B") on the same data, one
# server at a time, for a before/after of a change measured in one run.
#   [PG_URL=…] [QSM_BIN_B=…] bench/mix/saves.sh [PROJECTS=20000] [ROUNDS=2] [SECONDS=10]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
LOAD_DIR=$ROOT/bench/load
# shellcheck source=bench/load/lib.sh
source "$LOAD_DIR/lib.sh"
QSM=${QSM_BIN:-$ROOT/build/qsm}
PROJECTS=${1:-20000}
ROUNDS=${2:-2}
SECONDS_PER_RUN=${3:-10}
trap stop_all EXIT
cached_db "$PROJECTS"
work=$(mktemp -d /tmp/qsm-saves.XXXXXX)
if [ -n "${PG_URL:-}" ]; then
    pg_mix_db "$PROJECTS"
    db=$PG_DB url=$PG_DB
else
    cp "$DIR/qsm.db" "$DIR/qsm.secret" "$work/"
    db=$work/qsm.db url=sqlite:$db
fi
"$QSM" --db "$url" --secret-file "$DIR/qsm.secret" bench-sessions --count 128 >"$work/sessions.json"
# Every line a save of the next month (mix.lua: thread t of 2 takes months t, t + 2, …).
node -e '
  const { readFileSync, writeFileSync } = require("node:fs");
  const [file, out] = process.argv.slice(1);
  const { sessions, clauses } = JSON.parse(readFileSync(file, "utf8"));
  let seed = 20261203;
  const random = () => { seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  const lines = [];
  for (let j = 0; j < 20000; j++) {
    const used = new Set(), deductions = [];
    for (let k = Math.floor(random() * 9); k > 0; k--) {
      const clause = clauses[Math.floor(random() * clauses.length)];
      if (!used.has(clause)) used.add(clause), deductions.push({ clause, problem: "现场检查发现的问题描述" });
    }
    lines.push(`@self\t${j}\t${JSON.stringify({ not_applicable: [], deductions }).slice(1, -1)}`);
  }
  writeFileSync(out, lines.join("\n") + "\n");
  writeFileSync(out + ".self", sessions.map((s) => `${s.token}\t${s.monthly_id}`).join("\n") + "\n");
' "$work/sessions.json" "$work/saves.txt"
NEXT_PORT=18650
run() {  # PORT CONNECTIONS SECONDS OUT
    node "$ROOT/bench/mix/versions.mjs" "http://127.0.0.1:$1" "$work/saves.txt"
    wrk -t2 -c"$2" -d"$3s" --timeout 10s --latency -s "$ROOT/bench/mix/mix.lua" "http://127.0.0.1:$1" -- "$work/saves.txt" 0 1 2 >"$4"
}
servers=(A)
[ -z "${QSM_BIN_B:-}" ] || servers=(A B)
printf 'server\tprojects\tround\tclients\tsaves/s\tp50 ms\tp99 ms\tsaves\tconflicts\tpeak RSS MB\n'
for round in $(seq 1 "$ROUNDS"); do
    for server in "${servers[@]}"; do
        take_port port
        binary=$QSM
        [ "$server" = A ] || binary=$QSM_BIN_B
        QSM=$binary QSM_SERVE_ARGS="--response-cache off" start_qsm "$db" "$port" "$work/qsm-$server-$round.log"
        pid=$QSM_PID
        run "$port" 8 2 /dev/null
        for clients in 8 32; do
            out=$work/wrk-$server-$round-$clients.txt
            run "$port" "$clients" "$SECONDS_PER_RUN" "$out"
            grep -q ', 0 of them 4xx/5xx' "$out" || die "refused saves: $(tail -3 "$out")"
            IFS=$'\t' read -r rps _mean p50 p99 answers _non2xx _errors < <(awk -f "$LOAD_DIR/wrk-summary.awk" "$out")
            conflicts=$(sed -n 's/^mix: .*, \([0-9]*\) conflicts,.*$/\1/p' "$out")
            printf '%s\t%s\t%s\t%s\t%.0f\t%s\t%s\t%s\t%s\t%.0f\n' "$server" "$PROJECTS" "$round" "$clients" "$rps" "$p50" "$p99" "$answers" \
                "${conflicts:-?}" "$(awk -v k="$(hwm_kb "$pid")" 'BEGIN { print k / 1024 }')"
        done
        stop_pid "$pid"
        untrack "$pid"
    done
done
drop_db_copy "$work"
log "kept in $work (saves.txt, wrk-*.txt, qsm.log)"
