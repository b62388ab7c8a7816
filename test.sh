#!/usr/bin/env bash
# Runs every test of Timesheets: builds, starts a private PostgreSQL (installing it if needed),
# installs Chromium for the app's end-to-end tests if needed, runs all test projects, stops
# PostgreSQL, and ends with one line "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")"
source scripts/postgres.sh

results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"

pg_start || exit 1
trap pg_stop EXIT

# The end-to-end tests drive Debian's Chromium through Playwright (never a downloaded browser);
# they publish the app themselves (tests/Timesheets.EndToEnd/Infrastructure/PublishedApp.cs).
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium (apt-get)..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || {
    echo "error: Chromium is not installed and apt-get could not install it." >&2; echo "0 passed, 1 failed"; exit 1; }
fi

echo "Building..."
dotnet build Timesheets.slnx -c Release -nologo -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }

echo "Testing..."
dotnet test Timesheets.slnx -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results"
status=$?

# Sum the counters of every test run (one .trx file per test project).
read -r passed failed < <(cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' |
  sed -E 's/.* passed="([0-9]+)" failed="([0-9]+)".*/\1 \2/' |
  awk '{p += $1; f += $2} END {print p + 0, f + 0}')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # a run that crashed before writing its results still counts as a failure
fi
pg_stop
trap - EXIT
echo "${passed} passed, ${failed} failed"
exit "$status"
