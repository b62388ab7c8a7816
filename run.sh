#!/usr/bin/env bash
# Runs the whole Timesheets system on this machine: Identity (OpenID Connect provider), the
# Timesheets API and the mobile app (a PWA served by Timesheets.App.Host), on SQLite under ./data,
# with demo users and demo data. Ctrl+C stops everything.
set -euo pipefail
cd "$(dirname "$0")"

IDENTITY_URL=${IDENTITY_URL:-http://127.0.0.1:5001}
API_URL=${API_URL:-http://127.0.0.1:5002}
APP_URL=${APP_URL:-http://127.0.0.1:5003}
DATA=${DATA:-$PWD/data}
DEMO_PASSWORD=${DEMO_PASSWORD:-Timesheets-demo-2026}
# Everything under data/ (databases, secrets, logs) is for this user only.
umask 077
mkdir -p "$DATA" "$DATA/logs"

# The machine client's secret: generated once, kept in the data folder (never in the repository).
if [ ! -s "$DATA/import-client-secret" ]; then
  head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$DATA/import-client-secret"
fi
IMPORT_SECRET=$(cat "$DATA/import-client-secret")
# The API's own machine client (timesheets-api): it looks up the people an upload names at Identity's
# Management API (read:users only), so a typo in a batch file is refused instead of stored. Same scheme.
if [ ! -s "$DATA/api-client-secret" ]; then
  head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$DATA/api-client-secret"
fi
API_SECRET=$(cat "$DATA/api-client-secret")

# The key that encrypts the signing, token and data-protection keys stored in identity.db: generated
# once, outside the database, so a copy of identity.db alone cannot mint tokens. Back it up apart from
# the database; without it the stored keys cannot be opened (every user signs in again, every token ends).
if [ ! -s "$DATA/keys.key" ]; then
  head -c 32 /dev/urandom | base64 > "$DATA/keys.key"
fi

echo "Building (Release)..."
dotnet build src/Timesheets.Identity -c Release -nologo -clp:ErrorsOnly -v quiet
dotnet build src/Timesheets.Api -c Release -nologo -clp:ErrorsOnly -v quiet
dotnet build src/Timesheets.App.Host -c Release -nologo -clp:ErrorsOnly -v quiet
# The app is static files: published (trimmed, Brotli-compressed) once, then served as they are.
dotnet publish src/Timesheets.App -c Release -nologo -clp:ErrorsOnly -v quiet -o artifacts/app

pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "Stopped."
}
trap stop EXIT INT TERM

wait_for() { # url name log
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "error: $2 did not start; see $3" >&2
  tail -20 "$3" >&2
  exit 1
}

cd src/Timesheets.Identity
ASPNETCORE_ENVIRONMENT=Development \
Identity__Issuer="$IDENTITY_URL/" \
Identity__RequireHttps=false \
Database__Provider=Sqlite \
Database__ConnectionString="Data Source=$DATA/identity.db" \
Keys__EncryptionKeyFile="$DATA/keys.key" \
Identity__MobileRedirectUris__0="$APP_URL/callback" \
Identity__MobilePostLogoutRedirectUris__0="$APP_URL/" \
Identity__CorsOrigins__0="$APP_URL" \
Identity__AppUrl="$APP_URL/" \
Database__MigrateOnStart=true \
Clients__ImportSecret="$IMPORT_SECRET" \
Clients__ApiSecret="$API_SECRET" \
Demo__Enabled=true \
Demo__Password="$DEMO_PASSWORD" \
dotnet bin/Release/net10.0/Timesheets.Identity.dll --urls "$IDENTITY_URL" > "$DATA/logs/identity.log" 2>&1 &
pids+=($!)
cd ../..
wait_for "$IDENTITY_URL/.well-known/openid-configuration" Identity "$DATA/logs/identity.log"

cd src/Timesheets.Api
ASPNETCORE_ENVIRONMENT=Development \
Api__RequireHttps=false \
Api__CorsOrigins__0="$APP_URL" \
Auth__Issuer="$IDENTITY_URL/" \
Auth__RequireHttpsMetadata=false \
Database__Provider=Sqlite \
Database__ConnectionString="Data Source=$DATA/api.db" \
Database__MigrateOnStart=true \
People__Enabled=true \
People__ManagementClientSecret="$API_SECRET" \
Demo__Enabled=true \
dotnet bin/Release/net10.0/Timesheets.Api.dll --urls "$API_URL" > "$DATA/logs/api.log" 2>&1 &
pids+=($!)
cd ../..
wait_for "$API_URL/health/ready" API "$DATA/logs/api.log"

cd src/Timesheets.App.Host
App__Root="$PWD/../../artifacts/app/wwwroot" \
App__IdentityUrl="$IDENTITY_URL/" \
App__ApiUrl="$API_URL/" \
dotnet bin/Release/net10.0/Timesheets.App.Host.dll --urls "$APP_URL" > "$DATA/logs/app.log" 2>&1 &
pids+=($!)
cd ../..
wait_for "$APP_URL/" App "$DATA/logs/app.log"

cat <<INFO

  Timesheets is running.

  Mobile app (PWA)            $APP_URL

  Identity (OpenID Connect)   $IDENTITY_URL
    discovery                 $IDENTITY_URL/.well-known/openid-configuration
    login page                $IDENTITY_URL/account/login

  Timesheets API              $API_URL
    API reference             $API_URL/docs
    OpenAPI document          $API_URL/openapi/v1.json
    health                    $API_URL/health/ready

  Demo users (password: $DEMO_PASSWORD)
    employee@exampleco.com    Employee
    contractor@exampleco.com  Contractor
    manager@exampleco.com     Manager
    admin@exampleco.com       Admin

  Machine client  timesheets-import / $IMPORT_SECRET
    curl -s $IDENTITY_URL/oauth/token -H 'content-type: application/json' \\
      -d '{"grant_type":"client_credentials","client_id":"timesheets-import","client_secret":"$IMPORT_SECRET","audience":"https://api.exampleco.com/timesheets"}'

  Uploads may name only users of Identity (unknown or blocked: 422); the API asks Identity as
  machine client timesheets-api (secret in $DATA/api-client-secret).

  Logs in $DATA/logs. Press Ctrl+C to stop.
INFO
wait
