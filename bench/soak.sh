#!/usr/bin/env bash
# Soak (issue 15; not in CI): two Identity and two API processes (Release, PostgreSQL) behind round-robin proxies
# (BenchTool proxy), and USERS simulated users (BenchTool soak) for SOAK_MINUTES, logging in (code + PKCE through the
# real login form), listing, creating entries, approving (the demo manager and admin) and refreshing tokens, each
# request landing on whichever instance the proxy picks. Reports errors (must be 0), the entries the clients were told
# were created against the entries in the database (must be equal), and the resident memory of each service process
# sampled every SAMPLE_SECONDS (must be flat). Writes the figures into docs/benchmarks.md (between the soak markers)
# and exits 1 when errors > 0 or the counts differ.
#
#   bench/soak.sh                          10 minutes, 50 users (the documented run)
#   SOAK_MINUTES=2 bench/soak.sh           a shorter run
#   USERS=20 SAMPLE_SECONDS=5 ...          fewer users, denser memory samples
#   REPORT=/tmp/x.md bench/soak.sh         write the section elsewhere (default docs/benchmarks.md)
#   SKIP_BUILD=1 bench/soak.sh             reuse the last Release build
#
# Everything it starts (a private PostgreSQL included) it stops, by PID. Only 127.0.0.1 is used.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
SRC_ROOT=${SRC_ROOT:-$ROOT}
SOAK_MINUTES=${SOAK_MINUTES:-10}
USERS=${USERS:-50}
SAMPLE_SECONDS=${SAMPLE_SECONDS:-10}
REPORT=${REPORT:-$ROOT/docs/benchmarks.md}
PASSWORD=Bench-password-2026
SECRET=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
APPROVERS=manager@exampleco.com,admin@exampleco.com
PREFIX=soak-$(date +%s)
TOOL="dotnet $BENCH/BenchTool/bin/Release/net10.0/BenchTool.dll"
OUT=$(mktemp -d /tmp/timesheets-soak.XXXXXX)
mkdir -p "$OUT/logs"
COMMAND="SOAK_MINUTES=$SOAK_MINUTES USERS=$USERS bench/soak.sh"
STARTED=$(date -u '+%Y-%m-%d %H:%M UTC')
# shellcheck source=lib.sh
source "$BENCH/lib.sh"

# $IDENTITY and $API are the proxies (Identity's issuer, what clients use); each instance has its own port.
IDENTITY=http://127.0.0.1:$(free_port)
API=http://127.0.0.1:$(free_port)
ID_URLS=("http://127.0.0.1:$(free_port)" "http://127.0.0.1:$(free_port)")
API_URLS=("http://127.0.0.1:$(free_port)" "http://127.0.0.1:$(free_port)")
PROVIDER=Postgres

pids=()
sampler=
cleanup() {
  [ -n "$sampler" ] && stop_pid "$sampler"
  stop_all "logs in $OUT"
}
trap cleanup EXIT INT TERM

cd "$ROOT"
build_release

start_postgres
psql_db -d postgres -c "CREATE DATABASE soak_identity" -c "CREATE DATABASE soak_api" >/dev/null
ID_CS="$PG;Database=soak_identity"; API_CS="$PG;Database=soak_api"

log "Proxies on $IDENTITY (Identity) and $API (API); two instances of each behind them..."
$TOOL proxy "$IDENTITY" "${ID_URLS[@]}" > "$OUT/logs/proxy-identity.log" 2>&1 &
pids+=($!)
$TOOL proxy "$API" "${API_URLS[@]}" > "$OUT/logs/proxy-api.log" 2>&1 &
pids+=($!)
wait_for "$IDENTITY/_proxy/answered" "$OUT/logs/proxy-identity.log"
wait_for "$API/_proxy/answered" "$OUT/logs/proxy-api.log"

# The first instance migrates and seeds; then the bench users are cloned from the demo employee (lib.sh).
names=(); service_pids=()
start_identity RS256 "$OUT/logs/identity-0.log" "${ID_URLS[0]}"; names+=(identity-0); service_pids+=("$IDENTITY_PID")
seed_users_sql Postgres | psql_db -d soak_identity >/dev/null
start_identity RS256 "$OUT/logs/identity-1.log" "${ID_URLS[1]}"; names+=(identity-1); service_pids+=("$IDENTITY_PID")
start_api "$OUT/logs/api-0.log" "${API_URLS[0]}"; names+=(api-0); service_pids+=("$API_PID")
start_api "$OUT/logs/api-1.log" "${API_URLS[1]}"; names+=(api-1); service_pids+=("$API_PID")

bench_emails > "$OUT/all-emails.txt"
head -n "$USERS" "$OUT/all-emails.txt" > "$OUT/emails.txt"

# Resident memory of each service process, every SAMPLE_SECONDS: "seconds name MB" lines.
(
  start=$(date +%s)
  while true; do
    now=$(( $(date +%s) - start ))
    for i in "${!service_pids[@]}"; do echo "$now ${names[$i]} $(vm_mb "${service_pids[$i]}" VmRSS)"; done
    sleep "$SAMPLE_SECONDS"
  done
) > "$OUT/rss.txt" &
sampler=$!

log "$USERS users for $SOAK_MINUTES minute(s)..."
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
$TOOL soak "$IDENTITY" "$API" "$PASSWORD" "$OUT/emails.txt" "$APPROVERS" $((SOAK_MINUTES * 60)) "$PREFIX" > "$OUT/soak.json"
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
# One last sample after the load, then stop sampling.
for i in "${!service_pids[@]}"; do echo "$(( SOAK_MINUTES * 60 )) ${names[$i]} $(vm_mb "${service_pids[$i]}" VmRSS)"; done >> "$OUT/rss.txt"
stop_pid "$sampler"; sampler=
cat "$OUT/soak.json"

read -r in_db approved_in_db < <(psql_db -d soak_api -F ' ' -c \
  "SELECT count(*), count(*) FILTER (WHERE \"Status\" = 'approved') FROM \"Entries\" WHERE \"Notes\" LIKE '$PREFIX %'")
curl -fsS "$IDENTITY/_proxy/answered" > "$OUT/proxy-identity.json"
curl -fsS "$API/_proxy/answered" > "$OUT/proxy-api.json"
peak=$(for pid in "${service_pids[@]}"; do echo "$(vm_mb "$pid" VmHWM)"; done | paste -sd' ')

# --- report ------------------------------------------------------------------------------------
python3 - "$OUT" "$in_db" "$approved_in_db" "$peak" "$REPORT" <<PY
import json, sys
out, in_db, approved_db, peaks, report = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4].split(), sys.argv[5]
soak = json.load(open(f"{out}/soak.json"))
idp, apip = json.load(open(f"{out}/proxy-identity.json")), json.load(open(f"{out}/proxy-api.json"))
samples = {}
for line in open(f"{out}/rss.txt"):
    t, name, mb = line.split()
    samples.setdefault(name, []).append((int(t), int(mb)))
total = $SOAK_MINUTES * 60
marks = [round(total * k / 10) for k in range(1, 11)]
def at(series, t):
    return min(series, key=lambda s: abs(s[0] - t))[1]
ok = soak["errors"] == 0 and soak["created"] == in_db
lines = ["<!-- soak: start (written by bench/soak.sh) -->",
  "### Soak: $STARTED",
  "",
  "\`$COMMAND\` on $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(nproc) cores, load average $load_start before and",
  "$load_end after (other sessions' builds and tests share the machine). Two Identity and two API processes (Release,",
  "Production settings, one PostgreSQL 15) behind one round-robin proxy each (\`BenchTool proxy\`); $USERS simulated users",
  "(\`BenchTool soak\`), arriving over the first 30 s (a quarter of a shorter run): each logs in through the login form",
  "(code + PKCE), then in a loop lists its entries, creates one",
  "(with an \`Idempotency-Key\`), refreshes its tokens about every 30 s and logs in again about every 2 minutes, with",
  "0.3–0.9 s of think time between requests; the demo manager and admin also approve pending entries (each owner has one",
  "approver, so they never race for an entry). The documented run is 10 minutes (\`bench/soak.sh\`, the default);"
  + (" this one was shorter." if $SOAK_MINUTES < 10 else ""),
  "",
  "| check | figure | expected | met |",
  "|---|---|---|---|",
  f"| requests (all operations) | {soak['requests']:,} in {soak['seconds']} s | – | – |",
  f"| errors (any answer other than the expected one) | {soak['errors']} | 0 | {'yes' if soak['errors'] == 0 else '**no**'} |",
  f"| entries created, counted by the clients (201) | {soak['created']:,} | = database | {'yes' if soak['created'] == in_db else '**no**'} |",
  f"| entries in the database | {in_db:,} | = clients | {'yes' if soak['created'] == in_db else '**no**'} |",
  f"| entries approved, by the clients / in the database | {soak['approved']:,} / {approved_db:,} | equal | {'yes' if soak['approved'] == approved_db else '**no**'} |",
  f"| requests answered by Identity 0 / 1 | {idp['answered'][0]:,} / {idp['answered'][1]:,} | both | {'yes' if min(idp['answered']) > 0 else '**no**'} |",
  f"| requests answered by API 0 / 1 | {apip['answered'][0]:,} / {apip['answered'][1]:,} | both | {'yes' if min(apip['answered']) > 0 else '**no**'} |",
  "",
  "| operation | ok | errors | p50 | p99 |",
  "|---|---|---|---|---|"]
for op, f in soak["operations"].items():
    lines.append(f"| {op} | {f['ok']:,} | {f['errors']} | {f['p50_ms']} ms | {f['p99_ms']} ms |")
lines += ["", "Resident memory (MB, VmRSS) of each process at each tenth of the run, its peak (VmHWM), and the change over the second half:", "",
  "| process | " + " | ".join(f"{m // 60}:{m % 60:02d}" for m in marks) + " | peak | second half |",
  "|---|" + "---|" * (len(marks) + 2)]
for i, (name, series) in enumerate(samples.items()):
    values = [at(series, m) for m in marks]
    change = values[-1] - at(series, total // 2)
    lines.append(f"| {name} | " + " | ".join(str(v) for v in values) + f" | {peaks[i]} | {change:+d} MB |")
if soak["error_samples"]:
    lines += ["", "First errors:", ""] + [f"- \`{s}\`" for s in soak["error_samples"]]
lines.append("<!-- soak: end -->")
section = "\n".join(lines) + "\n"
print(section)
import re
text = open(report).read()
pattern = re.compile(r"<!-- soak: start.*?<!-- soak: end -->\n", re.S)
text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n## Soak\n\n" + section
open(report, "w").write(text)
open(f"{out}/verdict", "w").write("ok" if ok else "failed")
PY
log "Wrote $REPORT"
[ "$(cat "$OUT/verdict")" = ok ] || { echo "error: the soak had errors or lost/duplicated entries" >&2; exit 1; }
