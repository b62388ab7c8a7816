#!/usr/bin/env bash
# Resident memory of Identity and the API under the attack suite's load (issue 11). For each
# configuration: start both services, fire COUNT hostile requests on loopback with real tokens
# (malformed JSON, wrong types, bodies over the limits, unknown ids, forged tokens, and every
# NEAR_EVERY-th request an upload of nearly the upload limit, CSV and JSON), then upload UPLOAD_ROWS
# CSV rows; print each service's VmRSS (now) and VmHWM (peak since start) after each phase.
#
#   bench/hostile-memory.sh                          all three configurations (about 3 minutes on 2 cores)
#   CONFIGS=runsh bench/hostile-memory.sh            only run.sh's (run.sh itself: Development, SQLite, ./data settings)
#   CONFIGS="bench-postgres bench-sqlite" ...        only the benchmark's (bench/run.sh's Production settings)
#   COUNT=2000 NEAR_EVERY=100 ...                    fewer requests, the same share of near-limit uploads
#   UPLOAD_LIMIT=268435456 ...                       the upload size the near-limit uploads aim at
#                                                    (default: the API's Limits:MaxUploadBytes in appsettings.json)
#   SRC_ROOT=/tmp/before bench/hostile-memory.sh     the services built from another copy (before/after figures)
#   SKIP_BUILD=1 ...                                 reuse the last Release build
#   COUNTERS=1 ...                                   also record the API's System.Runtime counters (dotnet-counters, if installed)
#
# Everything it starts it stops, by PID. Only 127.0.0.1 is used. Nothing is asserted: it reports.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
SRC_ROOT=${SRC_ROOT:-$ROOT}
CONFIGS=${CONFIGS:-"runsh bench-postgres bench-sqlite"}
COUNT=${COUNT:-10000}
CONC=${CONC:-16}
NEAR_EVERY=${NEAR_EVERY:-500}
UPLOAD_ROWS=${UPLOAD_ROWS:-100000}
UPLOAD_LIMIT=${UPLOAD_LIMIT:-$(grep -o '"MaxUploadBytes": *[0-9]*' "$SRC_ROOT/src/Timesheets.Api/appsettings.json" | grep -o '[0-9]*$')}
IDENTITY_PORT=${IDENTITY_PORT:-5401}
API_PORT=${API_PORT:-5402}
IDENTITY=http://127.0.0.1:$IDENTITY_PORT
API=http://127.0.0.1:$API_PORT
PASSWORD=Bench-password-2026
SECRET=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
TOOL="dotnet $BENCH/BenchTool/bin/Release/net10.0/BenchTool.dll"
OUT=$(mktemp -d /tmp/timesheets-hostile.XXXXXX)
mkdir -p "$OUT/logs"
# shellcheck source=lib.sh
source "$BENCH/lib.sh"
# shellcheck source=../scripts/postgres.sh
source "$ROOT/scripts/postgres.sh"

pids=()
trap 'stop_all "logs in $OUT"' EXIT INT TERM

cd "$ROOT"
build_release

# 100 users' emails and the four demo projects (the API seeds them in demo mode) for the upload.
bench_emails > "$OUT/emails.txt"
printf '%s\n' Internal "Mobile App" "Website Redesign" "Customer Support" > "$OUT/projects.txt"
head -1 "$OUT/emails.txt" > "$OUT/user.txt"
$TOOL csv "$OUT/emails.txt" "$OUT/projects.txt" "$UPLOAD_ROWS" 366 hostile "$OUT/upload.csv" >/dev/null

# run.sh itself, on a data folder of its own and other ports; its two services are its children.
start_runsh() {
  cd "$SRC_ROOT"
  DATA=$OUT/runsh IDENTITY_URL=$IDENTITY API_URL=$API DEMO_PASSWORD=$PASSWORD ./run.sh > "$OUT/logs/runsh.log" 2>&1 &
  pids+=($!)
  cd "$ROOT"
  for _ in $(seq 1 600); do grep -q 'Timesheets is running' "$OUT/logs/runsh.log" 2>/dev/null && break; sleep 0.5; done
  grep -q 'Timesheets is running' "$OUT/logs/runsh.log" || { tail -20 "$OUT/logs/runsh.log" >&2; exit 1; }
  IDENTITY_PID=$(pgrep -f "Timesheets.Identity.dll --urls $IDENTITY")
  API_PID=$(pgrep -f "Timesheets.Api.dll --urls $API")
  SECRET=$(cat "$OUT/runsh/import-client-secret")
}

measure() { # config phase
  sleep 2
  printf '| %s | %s | %s / %s MB | %s / %s MB |\n' "$1" "$2" \
    "$(vm_mb "$IDENTITY_PID" VmRSS)" "$(vm_mb "$IDENTITY_PID" VmHWM)" "$(vm_mb "$API_PID" VmRSS)" "$(vm_mb "$API_PID" VmHWM)" | tee -a "$OUT/table.md"
}

echo "| configuration | after | Identity VmRSS / VmHWM | API VmRSS / VmHWM |" > "$OUT/table.md"
echo "|---|---|---|---|" >> "$OUT/table.md"
for CONFIG in $CONFIGS; do
  log "=== $CONFIG (upload limit $UPLOAD_LIMIT bytes, $COUNT requests, every $NEAR_EVERY-th near the limit) ==="
  case $CONFIG in
    runsh) start_runsh ;;
    bench-postgres | bench-sqlite)
      if [ "$CONFIG" = bench-postgres ]; then
        PROVIDER=Postgres
        pg_start >/dev/null
        psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qAt -c "CREATE DATABASE hostile_identity" -c "CREATE DATABASE hostile_api" >/dev/null
        ID_CS="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=hostile_identity"
        API_CS="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=hostile_api"
      else
        PROVIDER=Sqlite
        mkdir -p "$OUT/sqlite"
        ID_CS="Data Source=$OUT/sqlite/identity.db"; API_CS="Data Source=$OUT/sqlite/api.db"
      fi
      start_identity RS256 "$OUT/logs/identity-$CONFIG.log"
      start_api "$OUT/logs/api-$CONFIG.log" ;;
    *) echo "unknown configuration $CONFIG (runsh, bench-postgres, bench-sqlite)" >&2; exit 2 ;;
  esac

  $TOOL tokens "$IDENTITY" "$PASSWORD" "$OUT/user.txt" "$OUT/tokens-$CONFIG.txt" >/dev/null
  user=$(awk '{print $2}' "$OUT/tokens-$CONFIG.txt")
  machine=$($TOOL cc "$IDENTITY" "$SECRET")
  measure "$CONFIG" "start"

  if [ -n "${COUNTERS:-}" ] && command -v dotnet-counters >/dev/null; then
    dotnet-counters collect -p "$API_PID" --counters System.Runtime --refresh-interval 1 --format csv -o "$OUT/counters-api-$CONFIG.csv" >/dev/null 2>&1 &
    pids+=($!)
  fi
  $TOOL hostile "$API" "$IDENTITY" "$user" "$machine" "$COUNT" "$CONC" "$UPLOAD_LIMIT" "$NEAR_EVERY" > "$OUT/hostile-$CONFIG.json"
  log "  $(head -c 600 "$OUT/hostile-$CONFIG.json")"
  measure "$CONFIG" "$COUNT hostile requests"

  # The machine token fetched before the attack: in run.sh's configuration the attack's token requests
  # use up Identity's per-address token rate limit for a minute.
  $TOOL upload "$API" "$machine" "$OUT/upload.csv" "$API_PID" > "$OUT/upload-$CONFIG.json" || true
  log "  $(head -c 300 "$OUT/upload-$CONFIG.json")"
  measure "$CONFIG" "$UPLOAD_ROWS-row upload"

  for pid in "${pids[@]}"; do stop_pid "$pid"; done
  pids=()
  if [ "$CONFIG" = bench-postgres ]; then pg_stop >/dev/null; fi
done

echo
cat "$OUT/table.md"
