#!/usr/bin/env bash
# The Timesheets benchmark suite (issues 5 and 16). Builds Release, starts a private PostgreSQL, Identity and
# the API (on PostgreSQL, then once more on SQLite), seeds 100 users / 20 projects / ~25,000 entries,
# runs every scenario with wrk (or the .NET flow driver for logins), measures in the same run limits that do the
# same work as each scenario, and writes docs/benchmarks.md (its "Targets (issue 16)" table first). Everything it
# starts it stops, by PID. The limits:
#   - RSA-2048 / ECDSA P-256 signatures/s and password hashes/s on all cores (openssl speed, BenchTool hash);
#   - the peer (bench/peer: oidc-provider, a certified OpenID provider, node cluster of one worker per core) under
#     the same client_credentials.lua, keep-alive and new connections, right after ours (PostgreSQL pass; needs node);
#   - pgbench -M prepared with bench/pgbench/refresh.sql (16 conns) on a pg_dump copy of bench_identity and with
#     bench/pgbench/post_timesheets.sql (32 conns) on a copy of bench_api: the statements our servers send, in the
#     same round trips; a refresh grant's limit is the smaller of that TPS and RSA signs/s / 2;
#   - COPY of the upload's rows, mapped beforehand (bench/pgbench/copy-map.sql), into the real Entries and
#     EntryChanges of a copy of bench_api (bench/pgbench/copy.sql, one transaction, timed);
#   - a bare ASP.NET Core endpoint serving the same page from memory (BenchTool bare).
# With the statement log on for 2 s of refresh grants (untimed), it also counts the statements each grant sends
# PostgreSQL (logs/refresh-statements.txt in the results folder).
#
#   bench/run.sh                     full run (about 10 minutes on 2 cores)
#   DURATION=5 bench/run.sh          shorter scenarios
#   PROVIDERS=Postgres bench/run.sh  skip the SQLite pass
#   REPORT=/tmp/x.md bench/run.sh    write the report elsewhere (default docs/benchmarks.md)
#   SKIP_BUILD=1 bench/run.sh        reuse the last Release build
#   SCENARIOS="cc refresh get" ...   only these of: cc refresh get post upload logins es256 (default: all); each
#                                    brings its own limits (cc: the peer; refresh, post, upload: their PostgreSQL limits)
#   REFRESH_POOL=10000 bench/run.sh  refresh tokens in the pool refresh.sql redeems
#   SRC_ROOT=/tmp/patched bench/run.sh   run the services built from another copy of the repository
#                                    (before/after figures for a proposed change, without touching src/)
#   HOLD=1 PROVIDERS=Postgres bench/run.sh   seed, warm up, then keep the services running (to profile
#                                    them with dotnet-trace under your own wrk load) until Ctrl+C
#
# Only 127.0.0.1 is used. Not run by CI; nothing here is asserted.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
DURATION=${DURATION:-10}
# A fresh .NET process serves a path at about half speed until the JIT has tiered it up (measured: the
# token endpoint ran at 2,005/s in its first 10 s and 5,149/s after, ES256): every wrk scenario is warmed 15 s.
WARMUP=${WARMUP:-15}
CONNS=${CONNS:-32}
THREADS=${THREADS:-2}
LOGIN_CONC=${LOGIN_CONC:-8}
PROVIDERS=${PROVIDERS:-"Postgres Sqlite"}
UPLOAD_ROWS=${UPLOAD_ROWS:-100000}
# Refresh tokens in the pool bench/pgbench/refresh.sql redeems at random.
REFRESH_POOL=${REFRESH_POOL:-10000}
SEED_ROWS=${SEED_ROWS:-25000}
REPORT=${REPORT:-$ROOT/docs/benchmarks.md}
SCENARIOS=${SCENARIOS:-"cc refresh get post upload logins es256"}
SRC_ROOT=${SRC_ROOT:-$ROOT}
# The first page of GET /timesheets is served from the API's page cache; the same rows with a filter
# that removes none (a far "to") are read from the database every time.
DB_PAGE="/timesheets?limit=50&to=2100-01-01"
want() { [[ " $SCENARIOS " == *" $1 "* ]]; }
OUT=$(mktemp -d /tmp/timesheets-bench.XXXXXX)
R=$OUT/results
mkdir -p "$R" "$OUT/logs"
IDENTITY_PORT=${IDENTITY_PORT:-5301}
API_PORT=${API_PORT:-5302}
BARE_PORT=${BARE_PORT:-5303}
IDENTITY=http://127.0.0.1:$IDENTITY_PORT
API=http://127.0.0.1:$API_PORT
PASSWORD=Bench-password-2026
SECRET=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
TOOL="dotnet $BENCH/BenchTool/bin/Release/net10.0/BenchTool.dll"
export BENCH_LUA=$BENCH/lua BENCH_SECRET=$SECRET BENCH_THREADS=$THREADS
COMMAND="DURATION=$DURATION CONNS=$CONNS THREADS=$THREADS LOGIN_CONC=$LOGIN_CONC PROVIDERS=\"$PROVIDERS\" bench/run.sh"
STARTED=$(date -u '+%Y-%m-%d %H:%M UTC')

# shellcheck source=lib.sh
source "$BENCH/lib.sh"

# --- tools (Debian packages) -------------------------------------------------------------------
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v openssl >/dev/null || need+=(openssl)
command -v sqlite3 >/dev/null || need+=(sqlite3)
command -v curl >/dev/null || need+=(curl)
ls /usr/lib/postgresql/*/bin/pgbench >/dev/null 2>&1 || need+=(postgresql postgresql-contrib)
if [ ${#need[@]} -gt 0 ]; then
  log "Installing ${need[*]} (apt-get)..."
  apt-get install -y -qq "${need[@]}" >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; }
fi
PGBENCH=$(ls /usr/lib/postgresql/*/bin/pgbench | head -1)

# --- stop everything we start, by PID ----------------------------------------------------------
pids=()
trap 'stop_all "raw results in $OUT"' EXIT INT TERM

# --- build ------------------------------------------------------------------------------------
cd "$ROOT"
build_release

start_postgres

# --- users, projects, rows --------------------------------------------------------------------
bench_emails > "$OUT/emails.txt"
{ printf '%s\n' Internal "Mobile App" "Website Redesign" "Customer Support"
  for i in $(seq -w 5 20); do echo "Project $i"; done; } > "$OUT/projects.txt"
head -4 "$OUT/emails.txt" > "$OUT/demo-emails.txt"
$TOOL csv "$OUT/emails.txt" "$OUT/projects.txt" "$SEED_ROWS" 366 seed "$OUT/seed.csv" >/dev/null
$TOOL csv "$OUT/emails.txt" "$OUT/projects.txt" "$UPLOAD_ROWS" 366 big "$OUT/upload.csv" >/dev/null

rss_of() { local v; v=$(cat "$1" 2>/dev/null || true); echo "${v:-0}"; }

# Peak RSS (MB) of a PID while a scenario runs: sampled every 0.25 s into a file.
rss_sampler() { # pid file
  local peak=0 v
  while kill -0 "$1" 2>/dev/null; do
    v=$(ps -o rss= -p "$1" 2>/dev/null | tr -d ' ') || true
    [ -n "$v" ] && [ "$v" -gt "$peak" ] && peak=$v && echo $((peak / 1024)) > "$2.tmp" && mv "$2.tmp" "$2"
    sleep 0.25
  done
}

# wrk run: name url script [extra wrk args]; writes results/<name>.json with RSS peaks added.
# PostgreSQL keeps working after a scenario (autovacuum and checkpoints after thousands of inserts). Each
# scenario starts once our cluster has used under 5 % of a core for a second, or after 30 s.
pg_ticks() {
  local master t=0 p
  master=$(head -1 "$PG_DIR/data/postmaster.pid" 2>/dev/null) || { echo 0; return; }
  for p in "$master" $(pgrep -P "$master"); do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done
  echo "$t"
}
settle() {
  local i a b
  for i in $(seq 30); do
    a=$(pg_ticks); sleep 1; b=$(pg_ticks)
    if [ $((b - a)) -lt 5 ]; then
      if [ "$i" -gt 1 ]; then log "  (waited ${i} s for PostgreSQL to go quiet)"; fi
      return 0
    fi
  done
  log "  (PostgreSQL still busy after 30 s; going on)"
}

run_wrk() {
  local name=$1 url=$2 script=$3; shift 3
  local s1 s2 sp1 sp2
  settle
  echo 0 > "$OUT/rss.identity"; echo 0 > "$OUT/rss.api"
  rss_sampler "${IDENTITY_PID:-0}" "$OUT/rss.identity" & sp1=$!
  rss_sampler "${API_PID:-0}" "$OUT/rss.api" & sp2=$!
  wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --timeout 10s --latency -s "$BENCH/lua/$script" "$@" "$url" > "$OUT/logs/$name.wrk" 2>&1 || true
  kill "$sp1" "$sp2" 2>/dev/null || true; wait "$sp1" "$sp2" 2>/dev/null || true
  local json
  json=$(grep '^WRK_JSON' "$OUT/logs/$name.wrk" | sed 's/^WRK_JSON //')
  [ -n "$json" ] || json='{"requests":0,"rps":0,"failed":true}'
  echo "${json%\}},\"conns\":$CONNS,\"rss_identity_mb\":$(rss_of "$OUT/rss.identity"),\"rss_api_mb\":$(rss_of "$OUT/rss.api"),\"load1\":$(cut -d' ' -f1 /proc/loadavg)}" > "$R/$name.json"
  log "  $name: $(cat "$R/$name.json")"
}

warm() { # url script [args]: a short untimed run
  local url=$1 script=$2; shift 2
  wrk -t"$THREADS" -c"$CONNS" -d"${WARMUP}s" -s "$BENCH/lua/$script" "$@" "$url" >/dev/null 2>&1 || true
}

# Signatures/s on all cores, as openssl measures them (the limits the token scenarios are held to).
rsa_rate() { openssl speed -multi "$(nproc)" -seconds 3 rsa2048 2>/dev/null | awk '/^rsa 2048 bits/ {print $(NF-1)}'; }
ec_rate() { openssl speed -multi "$(nproc)" -seconds 3 ecdsap256 2>/dev/null | awk '/nistp256\)/ {print $(NF-1)}'; }

# pgbench with a script of bench/pgbench: name database conns [pgbench args]; writes results/<name>.json. Prepared
# statements (-M prepared), as Npgsql auto-prepares the servers' statements; no vacuum (-n); the scenarios' duration.
pgbench_limit() {
  local name=$1 db=$2 conns=$3; shift 3
  local tps lat
  settle
  "$PGBENCH" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -M prepared -c "$conns" -j "$THREADS" -T "$DURATION" "$@" "$db" > "$OUT/logs/$name.pgbench" 2>&1 || true
  tps=$(awk '/^tps = / {print $3; exit}' "$OUT/logs/$name.pgbench")
  lat=$(awk '/^latency average = / {print $4; exit}' "$OUT/logs/$name.pgbench")
  # An aborted client (a failed statement) leaves a tps line behind; it is no limit.
  grep -q 'aborted' "$OUT/logs/$name.pgbench" && { tps=0; tail -5 "$OUT/logs/$name.pgbench" >&2; }
  echo "{\"tps\":${tps:-0},\"latency_ms\":${lat:-0},\"conns\":$conns,\"load1\":$(cut -d' ' -f1 /proc/loadavg)}" > "$R/$name.json"
  log "  $name: $(cat "$R/$name.json")"
}

# A copy of a database its server is connected to (CREATE DATABASE ... TEMPLATE needs an idle one): schema and rows.
copy_db() { # from to
  psql_db -d postgres -c "CREATE DATABASE $2" >/dev/null
  "$PG_BIN/pg_dump" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$1" | psql_db -d "$2" >/dev/null
}

# PostgreSQL's statement log on or off, for every session at once (a reload reaches pooled connections too).
pg_statement_log() { # all|none
  psql_db -d postgres -c "ALTER SYSTEM SET log_statement = '$1'" -c "ALTER SYSTEM SET log_line_prefix = '%m [%p] %d '" -c "SELECT pg_reload_conf()" >/dev/null
  sleep 0.5
}

# The peer's client-credentials scenarios, right after ours and the same way: one token checked (an RS256 JWT), the
# same warm-up, the same wrk script keep-alive and with Connection: close. Skipped (not run) without node.
run_peer() {
  local token alg
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then log "  (no node/npm: the peer is not run)"; return 0; fi
  log "Peer: oidc-provider (bench/peer), $(nproc) cluster workers..."
  start_peer "$OUT/logs/peer.log"
  # The RSS columns are our services'; they sit idle meanwhile, so they are not sampled (the report shows "–").
  local identity_pid=$IDENTITY_PID api_pid=$API_PID
  IDENTITY_PID=0; API_PID=0
  token=$(curl -fsS -X POST "$PEER/oauth/token" -H 'Content-Type: application/x-www-form-urlencoded' \
    --data "grant_type=client_credentials&client_id=timesheets-import&client_secret=$SECRET&audience=https%3A%2F%2Fapi.exampleco.com%2Ftimesheets" |
    sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p') || true
  alg=$(python3 -c 'import sys, base64, json; h = sys.argv[1].split(".")[0]; print(json.loads(base64.urlsafe_b64decode(h + "=" * (-len(h) % 4)))["alg"])' "$token" 2>/dev/null) || true
  if [ "$alg" != RS256 ]; then
    log "  the peer gave no RS256 token (see logs/peer.log); not run"
  else
    warm "$PEER/oauth/token" client_credentials.lua
    run_wrk "$P.peer.cc_keepalive" "$PEER/oauth/token" client_credentials.lua
    BENCH_CLOSE=1 run_wrk "$P.peer.cc_newconn" "$PEER/oauth/token" client_credentials.lua
  fi
  stop_pid "$PEER_PID"
  IDENTITY_PID=$identity_pid; API_PID=$api_pid
}

# --- limits (once, before the services start) --------------------------------------------------
echo "$(cut -d' ' -f1-3 /proc/loadavg)" > "$R/load-start.txt"
log "Limits: openssl speed (RSA-2048, ECDSA P-256), password hashers..."
rsa=$(rsa_rate)
ec=$(ec_rate)
echo "{\"rsa2048_sign_per_s\":${rsa:-0},\"ecdsa_p256_sign_per_s\":${ec:-0}}" > "$R/limit.openssl.json"
$TOOL hash 3 > "$R/limit.hash.json"
log "  $(cat "$R/limit.openssl.json") $(cat "$R/limit.hash.json")"

# --- one pass per storage provider -------------------------------------------------------------
for PROVIDER in $PROVIDERS; do
  P=$(echo "$PROVIDER" | tr 'A-Z' 'a-z')
  log "=== $PROVIDER ==="
  if [ "$PROVIDER" = Postgres ]; then
    psql_db -d postgres -c "CREATE DATABASE bench_identity" -c "CREATE DATABASE bench_api" >/dev/null
    ID_CS="$PG;Database=bench_identity"; API_CS="$PG;Database=bench_api"
  else
    mkdir -p "$OUT/sqlite"
    ID_CS="Data Source=$OUT/sqlite/identity.db"; API_CS="Data Source=$OUT/sqlite/api.db"
  fi

  start_identity RS256 "$OUT/logs/identity-$P.log"

  if [ "$PROVIDER" = Postgres ]; then seed_users_sql Postgres | psql_db -d bench_identity >/dev/null
  else seed_users_sql Sqlite | sqlite3 "$OUT/sqlite/identity.db"; fi

  start_api "$OUT/logs/api-$P.log"

  log "Seeding: 100 users log in (code + PKCE), 16 more projects, $SEED_ROWS entries by upload..."
  $TOOL tokens "$IDENTITY" "$PASSWORD" "$OUT/emails.txt" "$OUT/tokens-$P.txt" >/dev/null
  # A second set of refresh chains, used up by the refresh warm-up (a redeemed token sent again would revoke its grant).
  $TOOL tokens "$IDENTITY" "$PASSWORD" "$OUT/emails.txt" "$OUT/tokens-$P-warm.txt" >/dev/null
  admin=$(awk '$1 == "admin@exampleco.com" {print $2}' "$OUT/tokens-$P.txt")
  tail -n +5 "$OUT/projects.txt" | while read -r name; do
    curl -fsS -o /dev/null -X POST "$API/projects" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d "{\"name\":\"$name\"}"
  done
  machine=$($TOOL cc "$IDENTITY" "$SECRET")
  $TOOL upload "$API" "$machine" "$OUT/seed.csv" "$API_PID" > "$R/$P.seed.json" || { cat "$R/$P.seed.json"; exit 1; }
  log "  seed: $(cat "$R/$P.seed.json")"
  # Every user calls the API once: the API learns their sub and hands them their uploaded entries.
  for t in $(awk '{print $2}' "$OUT/tokens-$P.txt"); do curl -fsS -o /dev/null "$API/timesheets?limit=1" -H "Authorization: Bearer $t"; done
  if [ "$PROVIDER" = Postgres ]; then psql_db -d bench_api -c 'ANALYZE' >/dev/null; fi

  # Employees' tokens only: 96 cloned employees + the 4 demo users.
  export BENCH_TOKENS=$OUT/tokens-$P.txt BENCH_PROJECTS=$OUT/projects.txt
  log "Warm-up (${WARMUP}s each)..."
  warm "$IDENTITY/oauth/token" client_credentials.lua
  if want refresh && [ "$PROVIDER" = Postgres ]; then
    # What a grant sends PostgreSQL: 10 of the warm-up's refresh chains for 2 s (1 wrk thread, 2 conns) with the
    # statement log on, untimed; the other 90 chains warm up as before.
    head -10 "$OUT/tokens-$P-warm.txt" > "$OUT/tokens-$P-count.txt"
    tail -n +11 "$OUT/tokens-$P-warm.txt" > "$OUT/tokens-$P-warm-rest.txt"
    pg_statement_log all
    from=$(($(wc -l < "$PG_DIR/server.log") + 1))
    BENCH_THREADS=1 BENCH_TOKENS=$OUT/tokens-$P-count.txt wrk -t1 -c2 -d2s -s "$BENCH/lua/refresh.lua" "$IDENTITY/oauth/token" > "$OUT/logs/$P.refresh-count.wrk" 2>&1 || true
    sleep 1
    pg_statement_log none
    grants=$(grep '^WRK_JSON' "$OUT/logs/$P.refresh-count.wrk" | sed 's/.*"requests":\([0-9]*\).*/\1/')
    tail -n +"$from" "$PG_DIR/server.log" | grep ' bench_identity LOG:  \(execute\|statement\)' | sed 's/.*LOG:  \(execute [^:]*\|statement\): //' | cut -c1-60 | sort | uniq -c | sort -rn > "$OUT/logs/$P.refresh-statements.tmp"
    statements=$(awk '{n += $1} END {print n + 0}' "$OUT/logs/$P.refresh-statements.tmp")
    # The grant's own: the token rows and the user with permissions (bench/pgbench/refresh.sql). The rest is the security
    # log's writer (its rows in "Logs", the actors' names, its transactions), batched outside the grant's request.
    own=$(awk '/"OpenIddictTokens"|o\."ApplicationId"|a1\."Id"/ {n += $1} END {print n + 0}' "$OUT/logs/$P.refresh-statements.tmp")
    background=$((statements - own))
    { echo "refresh grants: ${grants:-0} (wrk, 1 thread, 2 conns, 2 s, statement log on)"
      echo "statements in bench_identity: $statements: the grants' own (token rows, user with permissions) $own, the security log writer's $background"
      echo "count  statement (first 60 characters)"; cat "$OUT/logs/$P.refresh-statements.tmp"; } > "$OUT/logs/refresh-statements.txt"
    echo "{\"grants\":${grants:-0},\"statements\":$statements,\"own\":$own,\"background\":$background}" > "$R/$P.refresh_statements.json"
    log "  statements per refresh grant: $(cat "$R/$P.refresh_statements.json") (logs/refresh-statements.txt)"
    CONNS=16 BENCH_TOKENS=$OUT/tokens-$P-warm-rest.txt warm "$IDENTITY/oauth/token" refresh.lua
  else
    CONNS=16 BENCH_TOKENS=$OUT/tokens-$P-warm.txt warm "$IDENTITY/oauth/token" refresh.lua
  fi
  warm "$API/timesheets" get_timesheets.lua
  BENCH_PATH=$DB_PAGE warm "$API/timesheets" get_timesheets.lua
  warm "$API/timesheets" post_timesheets.lua

  if [ "${HOLD:-0}" = 1 ]; then
    log "Holding: Identity $IDENTITY (PID $IDENTITY_PID), API $API (PID $API_PID), PostgreSQL port $PG_PORT"
    log "  BENCH_LUA=$BENCH_LUA BENCH_TOKENS=$BENCH_TOKENS BENCH_PROJECTS=$BENCH_PROJECTS BENCH_SECRET=$SECRET BENCH_THREADS=$THREADS"
    log "  e.g. wrk -t2 -c32 -d20s -s bench/lua/client_credentials.lua $IDENTITY/oauth/token; Ctrl+C stops everything"
    sleep infinity & wait $! || true
    exit 0
  fi
  log "Scenarios (${DURATION}s each, $CONNS connections, $THREADS wrk threads)..."
  # The limits again, right before the scenarios they bound: the load on a shared machine changes by the minute.
  rsa=$(rsa_rate)
  echo "{\"rsa2048_sign_per_s\":${rsa:-0}}" > "$R/$P.openssl.json"
  if want cc; then
    run_wrk "$P.cc_keepalive" "$IDENTITY/oauth/token" client_credentials.lua
    BENCH_CLOSE=1 run_wrk "$P.cc_newconn" "$IDENTITY/oauth/token" client_credentials.lua
    if [ "$PROVIDER" = Postgres ]; then run_peer; fi
  fi
  # Refresh pool: one chain per user (100), each grant's rotated token feeds the next request.
  CONNS_SAVED=$CONNS; CONNS=16
  if want refresh; then run_wrk "$P.refresh" "$IDENTITY/oauth/token" refresh.lua; fi
  CONNS=$CONNS_SAVED
  if want refresh && [ "$PROVIDER" = Postgres ]; then
    log "Limit: a refresh grant's SQL (bench/pgbench/refresh.sql) on a copy of bench_identity, 16 connections..."
    copy_db bench_identity bench_refresh
    psql_db -d bench_refresh -v pool="$REFRESH_POOL" -f "$BENCH/pgbench/refresh-pool.sql" >/dev/null
    pgbench_limit "$P.limit.refresh" bench_refresh 16 -D pool="$REFRESH_POOL" -f "$BENCH/pgbench/refresh.sql"
  fi
  # The refresh chains used every pool token; fresh ones for the API scenarios are the access tokens already in the file.
  curl -fsS "$API/timesheets?limit=50" -H "Authorization: Bearer $(awk 'NR==1 {print $2}' "$OUT/tokens-$P.txt")" > "$OUT/page-$P.json"
  if want get; then
    run_wrk "$P.get" "$API/timesheets" get_timesheets.lua
    BENCH_PATH=$DB_PAGE run_wrk "$P.get_db" "$API/timesheets" get_timesheets.lua
  fi
  if want post; then run_wrk "$P.post" "$API/timesheets" post_timesheets.lua; fi
  if want post && [ "$PROVIDER" = Postgres ]; then
    log "Limit: POST /timesheets' SQL (bench/pgbench/post_timesheets.sql) on a copy of bench_api, $CONNS connections..."
    copy_db bench_api bench_post
    pgbench_limit "$P.limit.post" bench_post "$CONNS" -f "$BENCH/pgbench/post_timesheets.sql"
  fi

  if want upload; then
  log "Batch upload of $UPLOAD_ROWS CSV rows..."
  if [ "$PROVIDER" = Postgres ]; then
    log "Limit: COPY of the same rows into Entries and EntryChanges of a copy of bench_api..."
    copy_db bench_api bench_copy
    # Untimed: the CSV rows mapped to the tables' columns (project ids, subs, entry ids). Timed: the two COPYs and the commit.
    (cd "$OUT" && psql_db -d bench_copy -f "$BENCH/pgbench/copy-map.sql") > /dev/null
    settle
    t0=$(date +%s.%N)
    (cd "$OUT" && psql_db -d bench_copy -f "$BENCH/pgbench/copy.sql") > /dev/null
    t1=$(date +%s.%N)
    echo "{\"rows\":$(wc -l < "$OUT/copy-entries.csv"),\"change_rows\":$(wc -l < "$OUT/copy-changes.csv"),\"seconds\":$(awk "BEGIN {printf \"%.3f\", $t1 - $t0}")}" > "$R/$P.limit.copy.json"
    log "  $(cat "$R/$P.limit.copy.json")"
  fi
  machine=$($TOOL cc "$IDENTITY" "$SECRET")
  settle
  $TOOL upload "$API" "$machine" "$OUT/upload.csv" "$API_PID" > "$R/$P.upload.json" || true
  log "  upload: $(cat "$R/$P.upload.json")"
  fi

  if want logins; then
  settle
  $TOOL hash 3 > "$R/$P.hash.json"
  log "Password logins through the login form + code exchange ($LOGIN_CONC concurrent flows)..."
  echo 0 > "$OUT/rss.identity"
  rss_sampler "$IDENTITY_PID" "$OUT/rss.identity" & sp=$!
  $TOOL logins "$IDENTITY" "$PASSWORD" "$OUT/emails.txt" "$LOGIN_CONC" "$DURATION" > "$OUT/logs/$P.logins.out" 2>"$OUT/logs/$P.logins.err" || true
  kill "$sp" 2>/dev/null || true; wait "$sp" 2>/dev/null || true
  j=$(tail -1 "$OUT/logs/$P.logins.out"); echo "${j%\}},\"rss_identity_mb\":$(rss_of "$OUT/rss.identity"),\"load1\":$(cut -d' ' -f1 /proc/loadavg)}" > "$R/$P.logins.json"
  log "  logins: $(cat "$R/$P.logins.json")"
  fi

  # ES256: the same token scenarios with Identity restarted to sign with ECDSA P-256 (PostgreSQL pass only).
  if want es256 && [ "$PROVIDER" = Postgres ]; then
    log "ES256: Identity restarted with Identity__SigningAlgorithm=ES256..."
    stop_pid "$IDENTITY_PID"
    start_identity ES256 "$OUT/logs/identity-$P-es256.log"
    $TOOL tokens "$IDENTITY" "$PASSWORD" "$OUT/emails.txt" "$OUT/tokens-$P-es256.txt" >/dev/null
    $TOOL tokens "$IDENTITY" "$PASSWORD" "$OUT/emails.txt" "$OUT/tokens-$P-es256-warm.txt" >/dev/null
    warm "$IDENTITY/oauth/token" client_credentials.lua
    CONNS=16 BENCH_TOKENS=$OUT/tokens-$P-es256-warm.txt warm "$IDENTITY/oauth/token" refresh.lua
    rsa=$(rsa_rate)
    ec=$(ec_rate)
    echo "{\"rsa2048_sign_per_s\":${rsa:-0},\"ecdsa_p256_sign_per_s\":${ec:-0}}" > "$R/$P.es256.openssl.json"
    run_wrk "$P.es256.cc_keepalive" "$IDENTITY/oauth/token" client_credentials.lua
    BENCH_CLOSE=1 run_wrk "$P.es256.cc_newconn" "$IDENTITY/oauth/token" client_credentials.lua
    CONNS_SAVED=$CONNS; CONNS=16
    BENCH_TOKENS=$OUT/tokens-$P-es256.txt run_wrk "$P.es256.refresh" "$IDENTITY/oauth/token" refresh.lua
    CONNS=$CONNS_SAVED
  fi

  if [ "$PROVIDER" = Postgres ]; then
    psql_db -d bench_identity -c 'SELECT "Type", count(*) FROM "OpenIddictTokens" GROUP BY 1 ORDER BY 1' > "$OUT/logs/token-rows-$P.txt" || true
  else
    sqlite3 "$OUT/sqlite/identity.db" 'SELECT Type, count(*) FROM OpenIddictTokens GROUP BY 1 ORDER BY 1' > "$OUT/logs/token-rows-$P.txt" || true
  fi
  log "  token rows stored: $(tr '\n' ' ' < "$OUT/logs/token-rows-$P.txt")"

  stop_pid "$API_PID"; stop_pid "$IDENTITY_PID"; IDENTITY_PID=0; API_PID=0
done

# --- the bare endpoint: the same JSON page from memory -----------------------------------------
log "Limit: bare ASP.NET Core endpoint serving the same page of 50 from memory..."
page=$(ls "$OUT"/page-*.json | head -1)
$TOOL bare "http://127.0.0.1:$BARE_PORT" "$page" > "$OUT/logs/bare.log" 2>&1 &
BARE_PID=$!
pids+=("$BARE_PID")
wait_for "http://127.0.0.1:$BARE_PORT/timesheets" "$OUT/logs/bare.log"
API_PID=$BARE_PID
warm "http://127.0.0.1:$BARE_PORT/timesheets" get_timesheets.lua
run_wrk "limit.bare" "http://127.0.0.1:$BARE_PORT/timesheets" get_timesheets.lua
stop_pid "$BARE_PID"; API_PID=0

# --- report ------------------------------------------------------------------------------------
echo "$(cut -d' ' -f1-3 /proc/loadavg)" > "$R/load-end.txt"
cat /proc/cpuinfo | awk -F': ' '/model name/ {print $2; exit}' > "$R/cpu.txt"
$TOOL report "$R" "$REPORT" "$COMMAND" "$STARTED" "$(nproc)"
log "Wrote $REPORT"
