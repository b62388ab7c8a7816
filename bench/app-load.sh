#!/usr/bin/env bash
# The app's first load and login in real Chromium (issue 13, "Fast"): publishes the app Release (trimmed,
# Brotli-compressed), starts Identity, the API (SQLite, demo data) and the app's host on free loopback ports,
# logs the demo employee's hours so the list has cards, and drives Chromium (bench/AppLoad, Playwright) RUNS
# times, each in a fresh browser context: bytes transferred for the first load of the app and of a plain HTML
# page served by the same host (the baseline), time to a usable page, and time from pressing "Log in" on
# Identity's form to the first timesheet card. Prints a table and writes it into docs/benchmarks.md (the
# section between the app-load markers, below run.sh's analysis marker, so run.sh keeps it).
#
#   bench/app-load.sh                     5 runs (about 3 minutes on 2 cores)
#   RUNS=9 bench/app-load.sh              more runs
#   REPORT=/tmp/x.md bench/app-load.sh    write the section elsewhere (default docs/benchmarks.md)
#   SKIP_BUILD=1 bench/app-load.sh        reuse the last Release build and publish
#   SERVICE_WORKERS=allow ...             let the app's service worker install (it fetches the shell again)
#   LOGIN_TRACE=1 REPORT=/tmp/x.md ...    also print every request after pressing "Log in", with its times
#
# Targets: first load ≤ 3 MB transferred (Brotli), the list ≤ 1.5 s after login. Nothing is asserted.
# Everything it starts it stops, by PID. Only 127.0.0.1 is used.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
SRC_ROOT=${SRC_ROOT:-$ROOT}
RUNS=${RUNS:-5}
REPORT=${REPORT:-$ROOT/docs/benchmarks.md}
ENTRIES=${ENTRIES:-30}
PASSWORD=Bench-password-2026
SECRET=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
TOOL="dotnet $BENCH/BenchTool/bin/Release/net10.0/BenchTool.dll"
DRIVER="dotnet $BENCH/AppLoad/bin/Release/net10.0/AppLoad.dll"
OUT=$(mktemp -d /tmp/timesheets-appload.XXXXXX)
PUBLISH=${PUBLISH:-$ROOT/artifacts/bench-app}
mkdir -p "$OUT/logs" "$OUT/sqlite"
COMMAND="RUNS=$RUNS${SKIP_BUILD:+ SKIP_BUILD=$SKIP_BUILD} bench/app-load.sh"
STARTED=$(date -u '+%Y-%m-%d %H:%M UTC')
# shellcheck source=lib.sh
source "$BENCH/lib.sh"

IDENTITY=http://127.0.0.1:$(free_port)
API=http://127.0.0.1:$(free_port)
APP=http://127.0.0.1:$(free_port)
PROVIDER=Sqlite
ID_CS="Data Source=$OUT/sqlite/identity.db"
API_CS="Data Source=$OUT/sqlite/api.db"

pids=()
cleanup() {
  for pid in "${pids[@]}"; do stop_pid "$pid"; done
  log "Stopped everything; logs in $OUT"
}
trap cleanup EXIT INT TERM

command -v chromium >/dev/null || { apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }; }

cd "$ROOT"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "Building Release, publishing the app (trimmed, Brotli)..."
  dotnet build "$SRC_ROOT/src/Timesheets.Identity" -c Release -nologo -clp:ErrorsOnly -v quiet >/dev/null
  dotnet build "$SRC_ROOT/src/Timesheets.Api" -c Release -nologo -clp:ErrorsOnly -v quiet >/dev/null
  dotnet build "$SRC_ROOT/src/Timesheets.App.Host" -c Release -nologo -clp:ErrorsOnly -v quiet >/dev/null
  rm -rf "$PUBLISH"
  dotnet publish "$SRC_ROOT/src/Timesheets.App" -c Release -nologo -clp:ErrorsOnly -v quiet -o "$PUBLISH" >/dev/null
  dotnet build bench/BenchTool -c Release -nologo -clp:ErrorsOnly -v quiet >/dev/null
  dotnet build bench/AppLoad -c Release -nologo -clp:ErrorsOnly -v quiet >/dev/null
fi
cp "$BENCH/baseline.html" "$PUBLISH/wwwroot/baseline.html"

# The app's origin is a registered public client of Identity and the one CORS origin of both services (as in run.sh).
export Identity__MobileRedirectUris__0="$APP/callback" Identity__MobilePostLogoutRedirectUris__0="$APP/" \
  Identity__CorsOrigins__0="$APP" Identity__AppUrl="$APP/" Api__CorsOrigins__0="$APP"
start_identity RS256 "$OUT/logs/identity.log"
start_api "$OUT/logs/api.log"
cd "$SRC_ROOT/src/Timesheets.App.Host"
ASPNETCORE_ENVIRONMENT=Production App__Root="$PUBLISH/wwwroot" App__IdentityUrl="$IDENTITY/" App__ApiUrl="$API/" \
dotnet bin/Release/net10.0/Timesheets.App.Host.dll --urls "$APP" > "$OUT/logs/app.log" 2>&1 &
pids+=($!)
cd "$ROOT"
wait_for "$APP/" "$OUT/logs/app.log"

log "The demo employee logs $ENTRIES entries (so the list has cards)..."
echo employee@exampleco.com > "$OUT/emails.txt"
$TOOL tokens "$IDENTITY" "$PASSWORD" "$OUT/emails.txt" "$OUT/tokens.txt" >/dev/null
token=$(awk '{print $2}' "$OUT/tokens.txt")
for i in $(seq 1 "$ENTRIES"); do
  curl -fsS -o /dev/null -X POST "$API/timesheets" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"date\":\"$(date -u -d "-$((i % 40)) days" +%F)\",\"project\":\"Internal\",\"hours\":1.5,\"notes\":\"bench $i\"}"
done

log "Chromium: 1 untimed round, then $RUNS runs (baseline, app, login), with the cache disabled and enabled..."
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
$DRIVER "$APP" employee@exampleco.com "$PASSWORD" "$RUNS" "$OUT" | tee "$OUT/logs/driver.log"
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# --- report ------------------------------------------------------------------------------------
stat() { # mode what column(3 bytes, 4 ms) -> "median worst"
  awk -F'\t' -v m="$1" -v w="$2" -v c="$3" '$1 == m && $2 == w {print $c}' "$OUT/runs.tsv" | sort -n |
    awk '{v[NR] = $1} END {printf "%s %s\n", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), v[NR]}'
}
kb() { awk -v b="$1" 'BEGIN {if (b >= 1000000) printf "%.2f MB", b / 1000000; else printf "%.1f KB", b / 1000}'; }
s() { awk -v m="$1" 'BEGIN {printf "%.2f s", m / 1000}'; }
met() { if awk -v v="$1" -v t="$2" 'BEGIN {exit !(v <= t)}'; then echo yes; else echo "**no**"; fi; }
row() { # label mode what column target-label target unit
  read -r med worst < <(stat "$2" "$3" "$4")
  if [ "$7" = bytes ]; then fm=$(kb "$med"); fw=$(kb "$worst"); else fm=$(s "$med"); fw=$(s "$worst"); fi
  if [ -n "$6" ]; then printf '| %s | %s | %s | %s | %s |\n' "$1" "$fm" "$fw" "$5" "$(met "$worst" "$6")"
  else printf '| %s | %s | %s | – | – |\n' "$1" "$fm" "$fw"; fi
}
{
  echo "<!-- app-load: start (written by bench/app-load.sh) -->"
  echo "### $STARTED: the app's first load and login in Chromium (issue 13)"
  echo
  echo "\`$COMMAND\` on $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(nproc) cores, Chromium $(chromium --version 2>/dev/null | awk '{print $2}'),"
  echo "load average $load_start before and $load_end after (other sessions' builds share the machine). The app is"
  echo "published Release (trimmed, Brotli files beside each file) and served by Timesheets.App.Host; Identity and the API"
  echo "run on SQLite with the demo users; the demo employee has $ENTRIES entries. Each run is a fresh browser context at"
  echo "360×640 asking for Brotli (\`Accept-Encoding: br, gzip, deflate\`, as over HTTPS) with the service worker blocked (it would fetch the shell again in the background)."
  echo "*Bytes* are the transferred (encoded) bodies of every response until the network is idle; the *app* time is from"
  echo "navigation to the \"Log in\" button (the runtime booted and the first page rendered); *login to list* is from"
  echo "pressing Identity's \"Log in\" to the first timesheet card, through the redirect, the app's second boot, the code"
  echo "exchange and the first page of entries. \"cache disabled\" boots the app from the network again after the redirect;"
  echo "\"cache on\" is what a first-time visitor gets (the files of the first load come from the browser's cache)."
  echo "Median and worst of $RUNS runs, after one untimed round."
  echo
  echo "| measurement | median | worst | target | met (worst) |"
  echo "|---|---|---|---|---|"
  row "plain HTML page (baseline), bytes" nocache baseline 3 "" "" bytes
  row "plain HTML page (baseline), load event" nocache baseline 4 "" "" ms
  row "app first load, bytes (cache disabled)" nocache app 3 "≤ 3 MB" 3000000 bytes
  row "app first load, to \"Log in\" (cache disabled)" nocache app 4 "" "" ms
  row "login to list (cache disabled)" nocache login 4 "≤ 1.5 s" 1500 ms
  row "login to list (cache on)" cache login 4 "≤ 1.5 s" 1500 ms
  row "… of which Identity: login form to the app's /callback (cache disabled)" nocache identity 4 "" "" ms
  row "… of which Identity: login form to the app's /callback (cache on)" cache identity 4 "" "" ms
  row "… login form to the list's heading, before its entries (cache disabled)" nocache heading 4 "" "" ms
  row "… login form to the list's heading, before its entries (cache on)" cache heading 4 "" "" ms
  echo
  echo "The ten largest responses of the first load (transferred / decoded):"
  echo
  echo "| file | transferred | decoded |"
  echo "|---|---|---|"
  head -10 "$OUT/files.tsv" | while IFS=$'\t' read -r t d url; do
    printf '| `%s` | %s | %s |\n' "${url#"$APP"}" "$(kb "$t")" "$(kb "$d")"
  done
  printf '| all %s responses | %s | %s |\n' "$(wc -l < "$OUT/files.tsv")" \
    "$(kb "$(awk -F'\t' '{s += $1} END {print s}' "$OUT/files.tsv")")" "$(kb "$(awk -F'\t' '{s += $2} END {print s}' "$OUT/files.tsv")")"
  echo "<!-- app-load: end -->"
} > "$OUT/section.md"
echo; cat "$OUT/section.md"

# Replace the previous section, or add it at the end.
python3 - "$REPORT" "$OUT/section.md" <<'PY'
import re, sys
report, section = sys.argv[1], open(sys.argv[2]).read()
text = open(report).read()
pattern = re.compile(r"<!-- app-load: start.*?<!-- app-load: end -->\n", re.S)
text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
open(report, "w").write(text)
PY
log "Wrote $REPORT"
