#!/usr/bin/env bash
# Installs the peer's packages into bench/peer/node_modules from package-lock.json, with better-sqlite3
# built from source: no prebuilt binary is reachable here, so node-gyp compiles it against Node's own
# headers in /usr/include/node (npm_config_nodedir=/usr; needs python3, make, g++ and nm; ~1 min on 2 cores).
#
# `system` (the default) links better-sqlite3 to the system's libsqlite3 — the very library qsm links
# (3.40.1 on Debian 12) — so that the two servers run the same statements on the same engine;
# `bundled` keeps the SQLite better-sqlite3 ships (3.53.2, its own compile options), which measured
# the peer ~10 % slower per answer on the realistic mix (README.md).
#   bench/peer/install.sh [system|bundled]
set -euo pipefail
cd "$(dirname "$0")"
variant=${1:-system}
case $variant in system | bundled) ;; *) echo "usage: bench/peer/install.sh [system|bundled]" >&2; exit 2 ;; esac
export npm_config_nodedir=${npm_config_nodedir:-/usr}
[ -f "$npm_config_nodedir/include/node/node.h" ] || { echo "no Node headers under $npm_config_nodedir/include/node" >&2; exit 1; }

if [ "$variant" = bundled ]; then
    npm ci --build-from-source --no-audit --no-fund
else
    lib=$(ldconfig -p | awk '$1 == "libsqlite3.so.0" { print $NF; exit }')
    [ -n "$lib" ] || { echo "no system libsqlite3 (apt-get install libsqlite3-0), or run: bench/peer/install.sh bundled" >&2; exit 1; }
    npm ci --ignore-scripts --no-audit --no-fund
    # better-sqlite3 12 compiles only against a newer sqlite3.h than Debian's 3.40 (result codes and
    # sqlite3_module fields added since): it keeps its bundled header, an empty sqlite3.c stands in for
    # the amalgamation, and the addon links -lsqlite3 instead.
    custom=$(mktemp -d /tmp/qsm-peer-sqlite.XXXXXX)
    trap 'rm -rf "$custom"' EXIT
    cp node_modules/better-sqlite3/deps/sqlite3/sqlite3.h "$custom/"
    echo '/* empty: better-sqlite3 links the system libsqlite3 (bench/peer/install.sh) */' >"$custom/sqlite3.c"
    sed -i "s|'sources': \['src/better_sqlite3.cpp'\],|&\n      'libraries': ['-lsqlite3'],|" node_modules/better-sqlite3/binding.gyp
    grep -q -- "'-lsqlite3'" node_modules/better-sqlite3/binding.gyp ||
        { echo "could not patch better-sqlite3's binding.gyp; run: bench/peer/install.sh bundled" >&2; exit 1; }
    npm_config_sqlite3=$custom npm rebuild better-sqlite3 --build-from-source
    addon=node_modules/better-sqlite3/build/Release/better_sqlite3.node
    # Every SQLite function the addon calls must exist in the system library (the newer header declares more).
    missing=$(comm -23 <(nm -D --undefined-only "$addon" | awk '$2 ~ /^sqlite3_/ { print $2 }' | sort -u) \
        <(nm -D --defined-only "$lib" | awk '{ print $3 }' | sort -u))
    [ -z "$missing" ] || { echo "the system SQLite lacks $missing; run: bench/peer/install.sh bundled" >&2; exit 1; }
fi
node -e "const D = require('better-sqlite3'); console.log('better-sqlite3 with SQLite ' + new D(':memory:').prepare('SELECT sqlite_version()').pluck().get())"
