#!/usr/bin/env bash
# A construction enterprise's inbox (GET /api/tasks) one request at a time: the mix's 64 contractor
# sessions (`qsm bench-sessions`, the largest enterprises first) each ask for it PASSES times in turn,
# and the script prints the mean, median, 90th percentile and maximum time of an answer (curl's
# time_total, milliseconds). The inbox finds every active declaration's next month due (新增月度评价),
# so its cost follows the enterprise's size; session 29 measured it before and after the months'
# spans (V061). On a copy of the cached `qsm bench-data` file of PROJECTS projects
# (/tmp/qsm-bench/db-PROJECTS, as bench/mix/run.sh makes it), response cache off, one client: the time
# of an answer, not the server's throughput. Timings are printed for the record, never asserted.
#   [QSM_BIN=…] bench/mix/inbox.sh [PROJECTS=20000] [PASSES=5]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
LOAD_DIR=$ROOT/bench/load
# shellcheck source=bench/load/lib.sh
source "$LOAD_DIR/lib.sh"
QSM=${QSM_BIN:-$ROOT/build/qsm}
PROJECTS=${1:-20000}
PASSES=${2:-5}
cached_db "$PROJECTS"
work=$(mktemp -d /tmp/qsm-inbox.XXXXXX)
trap 'stop_all; rm -rf "$work"' EXIT
cp "$DIR/qsm.db" "$work/qsm.db"
"$QSM" --db "sqlite:$work/qsm.db" --secret-file "$DIR/qsm.secret" bench-sessions --count 64 --drafts 64 --site 0 >"$work/sessions.json"
port=  # set by take_port
take_port port
QSM_SERVE_ARGS="--response-cache off" start_qsm "$work/qsm.db" "$port" "$work/qsm.log"
node -e 'for (const s of JSON.parse(require("fs").readFileSync(process.argv[1])).sessions) console.log(s.token)' "$work/sessions.json" >"$work/tokens"
for _ in $(seq "$PASSES"); do
    while read -r token; do
        curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/tasks"
    done <"$work/tokens"
done >"$work/times"
node -e '
  const v = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map((x) => x * 1000).sort((a, b) => a - b);
  const f = (x) => x.toFixed(2);
  console.log(`${process.argv[2]} projects, ${v.length} inbox answers: mean ${f(v.reduce((a, b) => a + b) / v.length)} ms, median ${f(v[v.length >> 1])}, p90 ${f(v[Math.floor(v.length * 0.9)])}, max ${f(v[v.length - 1])}`);
' "$work/times" "$PROJECTS"
drop_db_copy "$work"
