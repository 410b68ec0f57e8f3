#!/usr/bin/env bash
# List-page throughput on PostgreSQL with one and with two `qsm serve` processes (issue 12).
#
#   bench/pg/scale-out.sh [--projects 20000] [--duration 10]
#
# Takes the city-sized SQLite dataset of scripts/bench (/tmp/qsm-bench/db-N/qsm.db; made with
# `qsm bench-data` when missing), copies it into a throwaway PostgreSQL cluster with `qsm copy` (timed),
# starts two servers on it, and runs wrk -t1 -c64 on the authority's list page
# (/api/declarations?status=accepted&page=1&page_size=20, no response cache on PostgreSQL):
#   1. straight at server A;   2. through nginx to A alone;   3. through nginx to A and B.
# Everything on 127.0.0.1, bounded by --duration per run. Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
PROJECTS=20000; DURATION=10
while (($#)); do
  case $1 in
    --projects) PROJECTS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    *) echo "usage: $0 [--projects N] [--duration S]" >&2; exit 2 ;;
  esac
done
QSM=$ROOT/build/qsm
WORK=$(mktemp -d /tmp/qsm-pg-scale.XXXXXX)
PGDIR=$(mktemp -d /tmp/qsm-pg-scale-db.XXXXXX)  # its own directory: the postgres user cannot enter WORK
SRC_DIR=/tmp/qsm-bench/db-$PROJECTS
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  scripts/pg-cluster stop "$PGDIR"
  rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

if [ ! -f "$SRC_DIR/qsm.db" ]; then
  mkdir -p "$SRC_DIR"
  "$QSM" --db "sqlite:$SRC_DIR/qsm.db" --secret-file "$SRC_DIR/qsm.secret" bench-data --projects "$PROJECTS" >&2
fi
ADMIN=$(scripts/pg-cluster start "$PGDIR")
psql "$ADMIN" -qc "CREATE DATABASE qsm"
DB=${ADMIN%/*}/qsm
start=$(date +%s.%N)
"$QSM" copy --from "sqlite:$SRC_DIR/qsm.db" --to "$DB" >"$WORK/copy.log"
copy_s=$(echo "$(date +%s.%N) - $start" | bc)
copy_rows=$(sed -n 's/.*共 \([0-9]*\) 行.*/\1/p' "$WORK/copy.log")

serve() {  # serve PORT → starts a server on the copy
  "$QSM" --db "$DB" --secret-file "$SRC_DIR/qsm.secret" serve --listen "127.0.0.1:$1" --reminder-time off --second-factor optional \
    >"$WORK/serve-$1.out" 2>"$WORK/serve-$1.err" &
  PIDS+=($!)
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$1/api/health" >/dev/null && return; sleep 0.2; done
  echo "server on $1 did not start" >&2; cat "$WORK/serve-$1.err" >&2; exit 1
}
A=$(free_port); serve "$A"
B=$(free_port); serve "$B"
TOKEN=$(curl -s -XPOST -H 'content-type: application/json' -d '{"username":"jdz_pd","password":"Qsm@demo2026"}' \
  "http://127.0.0.1:$A/api/auth/password" | jq -r .token)
[[ $TOKEN =~ ^[0-9a-f]{64}$ ]] || { echo "login failed" >&2; exit 1; }

nginx_with() {  # nginx_with PORT UPSTREAM... → (re)starts nginx on PORT proxying to the upstreams
  [ -f "$WORK/nginx.pid" ] && { kill "$(cat "$WORK/nginx.pid")"; sleep 0.5; }
  local port=$1; shift
  mkdir -p "$WORK/nginx"
  {
    echo "worker_processes 1; pid $WORK/nginx.pid; error_log $WORK/nginx/error.log;"
    echo "events { worker_connections 1024; }"
    echo "http { access_log off; client_body_temp_path $WORK/nginx; proxy_temp_path $WORK/nginx;"
    echo "  fastcgi_temp_path $WORK/nginx; uwsgi_temp_path $WORK/nginx; scgi_temp_path $WORK/nginx;"
    echo "  upstream qsm { keepalive 64;"
    for u in "$@"; do echo "    server 127.0.0.1:$u;"; done
    echo "  }"
    echo "  server { listen 127.0.0.1:$port; location / { proxy_pass http://qsm; proxy_http_version 1.1; proxy_set_header Connection \"\"; } }"
    echo "}"
  } >"$WORK/nginx.conf"
  nginx -p "$WORK" -c "$WORK/nginx.conf"
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && return; sleep 0.1; done
}
LIST='/api/declarations?status=accepted&page=1&page_size=20'
measure() {  # measure URL → "req/s p99"
  wrk -t1 -c64 -d2s -H "Authorization: Bearer $TOKEN" "$1$LIST" >/dev/null
  local out; out=$(wrk -t1 -c64 -d"${DURATION}s" --latency -H "Authorization: Bearer $TOKEN" "$1$LIST")
  if echo "$out" | grep -q "Non-2xx"; then echo "non-2xx answers: $out" >&2; exit 1; fi
  echo "$(echo "$out" | awk '/Requests\/sec/ {print $2}') $(echo "$out" | awk '$1 == "99%" {print $2}')"
}
N=$(free_port)
read -r direct_rps direct_p99 < <(measure "http://127.0.0.1:$A")
nginx_with "$N" "$A"
read -r one_rps one_p99 < <(measure "http://127.0.0.1:$N")
nginx_with "$N" "$A" "$B"
read -r two_rps two_p99 < <(measure "http://127.0.0.1:$N")
served_a=$(grep -c "GET /api/declarations" "$WORK/serve-$A.err" || true)
served_b=$(grep -c "GET /api/declarations" "$WORK/serve-$B.err" || true)

cat <<TABLE
| PostgreSQL, $PROJECTS projects ($(nproc) cores, everything on one machine) | list req/s | p99 |
|---|---|---|
| one qsm serve, wrk straight at it | $direct_rps | $direct_p99 |
| one qsm serve behind nginx | $one_rps | $one_p99 |
| two qsm serve behind nginx (round robin) | $two_rps | $two_p99 |

qsm copy of the dataset: $copy_rows rows in $(printf '%.1f' "$copy_s") s. Access lines: A $served_a, B $served_b (both served).
TABLE
