#!/usr/bin/env bash
# Helpers shared by the bench scripts (run.sh, hostile-memory.sh, app-load.sh, soak.sh): source it; it defines functions only.

log() { echo "[$(date +%H:%M:%S)] $*"; }

# A loopback port nobody listens on now (the kernel's pick).
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

stop_pid() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# The scripts' EXIT trap: stops every PID in the array pids, and the private PostgreSQL if one was started.
stop_all() { # what to say of the logs
  for pid in "${pids[@]}"; do stop_pid "$pid"; done
  pg_stop >/dev/null 2>&1 || true
  log "Stopped everything; $1"
}

# A private PostgreSQL (scripts/postgres.sh) on a free port; sets PG, its connection string without a database.
start_postgres() {
  # shellcheck source=../scripts/postgres.sh
  source "$ROOT/scripts/postgres.sh"
  pg_start >/dev/null
  PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres"
}

psql_db() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

wait_for() { # url log
  for _ in $(seq 1 240); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.25; done
  echo "error: $1 did not answer; see $2" >&2; tail -30 "$2" >&2; exit 1
}

# One field of /proc/<pid>/status in MB (VmRSS: resident now; VmHWM: the peak since the process started).
vm_mb() { # pid field
  awk -v f="$2:" '$1 == f {printf "%d", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo 0
}

# Release builds of both services and BenchTool (the bench scripts run them), unless SKIP_BUILD=1.
build_release() {
  [ "${SKIP_BUILD:-0}" = 1 ] && return 0
  log "Building Release..."
  dotnet build "$SRC_ROOT/src/Timesheets.Identity" -c Release -nologo -clp:ErrorsOnly -v quiet >/dev/null
  dotnet build "$SRC_ROOT/src/Timesheets.Api" -c Release -nologo -clp:ErrorsOnly -v quiet >/dev/null
  dotnet build "$BENCH/BenchTool" -c Release -nologo -clp:ErrorsOnly -v quiet >/dev/null
}

# The four demo users, then the 96 users seed_users_sql clones: one email a line.
bench_emails() {
  printf '%s\n' employee@exampleco.com contractor@exampleco.com manager@exampleco.com admin@exampleco.com
  for i in $(seq -w 1 96); do echo "user0$i@exampleco.com"; done
}

# The benchmark's services (Production settings, rate limits out of the way), on $PROVIDER with the
# connection strings $ID_CS and $API_CS, built from $SRC_ROOT. Each adds its PID to pids and waits until it answers.
# Identity's issuer is $IDENTITY and the API trusts it; an instance behind a proxy (bench/soak.sh) listens on the
# optional last argument instead, while $IDENTITY and $API are the proxies' addresses.
start_identity() { # algorithm log [listen-url]
  cd "$SRC_ROOT/src/Timesheets.Identity"
  [ -s "$OUT/keys.key" ] || (umask 077; head -c 32 /dev/urandom | base64 > "$OUT/keys.key")
  # "Benchmark": production behaviour, but Identity refuses demo users in "Production" and the benchmark logs them in.
  ASPNETCORE_ENVIRONMENT=Benchmark Identity__Issuer="$IDENTITY/" Identity__RequireHttps=false Identity__SigningAlgorithm="$1" \
  Keys__EncryptionKeyFile="$OUT/keys.key" \
  Database__Provider=$PROVIDER Database__ConnectionString="$ID_CS" Database__MigrateOnStart=true \
  Clients__ImportSecret="$SECRET" Demo__Enabled=true Demo__Password="$PASSWORD" \
  RateLimits__LoginPermits=100000000 RateLimits__TokenPermits=100000000 \
  dotnet bin/Release/net10.0/Timesheets.Identity.dll --urls "${3:-$IDENTITY}" > "$2" 2>&1 &
  IDENTITY_PID=$!
  pids+=("$IDENTITY_PID")
  cd "$ROOT"
  wait_for "${3:-$IDENTITY}/.well-known/openid-configuration" "$2"
}

start_api() { # log [listen-url]
  cd "$SRC_ROOT/src/Timesheets.Api"
  ASPNETCORE_ENVIRONMENT=Production Auth__Issuer="$IDENTITY/" Auth__RequireHttpsMetadata=false Api__RequireHttps=false \
  Database__Provider=$PROVIDER Database__ConnectionString="$API_CS" Database__MigrateOnStart=true Demo__Enabled=true \
  dotnet bin/Release/net10.0/Timesheets.Api.dll --urls "${2:-$API}" > "$1" 2>&1 &
  API_PID=$!
  pids+=("$API_PID")
  cd "$ROOT"
  wait_for "${2:-$API}/health/ready" "$1"
}

# Clones the demo employee into 96 more users (same password hash, role Employee), straight into
# Identity's database: there is no user-admin API yet.
seed_users_sql() { # provider
  local id stamp
  if [ "$1" = Postgres ]; then id="gen_random_uuid()::text"; stamp="md5(random()::text)"; else id="lower(hex(randomblob(16)))"; stamp="lower(hex(randomblob(16)))"; fi
  cat <<SQL
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 96),
m(i, email) AS (SELECT i, 'user0' || CASE WHEN i < 10 THEN '0' ELSE '' END || i || '@exampleco.com' FROM s)
INSERT INTO "AspNetUsers" ("Id","DisplayName","Nickname","PictureUrl","IsContractor","UpdatedAt","UserName","NormalizedUserName",
  "Email","NormalizedEmail","EmailConfirmed","PasswordHash","SecurityStamp","ConcurrencyStamp","PhoneNumber","PhoneNumberConfirmed",
  "TwoFactorEnabled","LockoutEnd","LockoutEnabled","AccessFailedCount")
SELECT $id, 'Bench User ' || m.i, 'user' || m.i, u."PictureUrl", u."IsContractor", u."UpdatedAt", m.email, upper(m.email),
  m.email, upper(m.email), u."EmailConfirmed", u."PasswordHash", $stamp, $stamp, NULL, u."PhoneNumberConfirmed",
  u."TwoFactorEnabled", NULL, u."LockoutEnabled", 0
FROM m, "AspNetUsers" u WHERE u."NormalizedEmail" = 'EMPLOYEE@EXAMPLECO.COM';
INSERT INTO "AspNetUserRoles" ("UserId","RoleId")
SELECT n."Id", r."RoleId" FROM "AspNetUsers" n, "AspNetUserRoles" r, "AspNetUsers" e
WHERE n."NormalizedEmail" LIKE 'USER0%' AND e."NormalizedEmail" = 'EMPLOYEE@EXAMPLECO.COM' AND r."UserId" = e."Id";
SQL
}

# The client-credentials peer (bench/peer: oidc-provider, node cluster of WORKERS processes) on a free port; sets
# PEER and PEER_PID, adds the PID to pids. Its client is timesheets-import with $SECRET, like our Identity's.
start_peer() { # log
  [ -d "$BENCH/peer/node_modules" ] || (cd "$BENCH/peer" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  PEER_PORT=$(free_port)
  PEER=http://127.0.0.1:$PEER_PORT
  (cd "$BENCH/peer" && PORT=$PEER_PORT BENCH_SECRET=$SECRET WORKERS=$(nproc) exec node server.js) > "$1" 2>&1 &
  PEER_PID=$!
  pids+=("$PEER_PID")
  wait_for "$PEER/.well-known/openid-configuration" "$1"
}
