#!/usr/bin/env bash
# Makes what deploy/compose.yaml needs and no repository may hold, once: deploy/.env (passwords and
# client secrets) and deploy/secrets/keys.key (the key that encrypts Identity's signing, token and
# data-protection keys in the database). Run again, it keeps what exists: replacing keys.key would
# make every stored key unreadable (docs/deploy.md, "Backups").
set -euo pipefail
cd "$(dirname "$0")"
umask 077
secret() { head -c 24 /dev/urandom | base64 | tr -d '/+='; }

if [ ! -s .env ]; then
  sed -e "s|^POSTGRES_PASSWORD=.*|POSTGRES_PASSWORD=$(secret)|" \
      -e "s|^IMPORT_CLIENT_SECRET=.*|IMPORT_CLIENT_SECRET=$(secret)|" \
      -e "s|^API_CLIENT_SECRET=.*|API_CLIENT_SECRET=$(secret)|" .env.example > .env
  echo "Wrote deploy/.env (edit TIMESHEETS_DOMAIN and TIMESHEETS_TLS for a real domain)."
fi

mkdir -p secrets certs
if [ ! -s secrets/keys.key ]; then
  head -c 32 /dev/urandom | base64 > secrets/keys.key
  echo "Wrote deploy/secrets/keys.key: back it up apart from the database."
fi
# The folder is yours alone; the file is readable by the services' user (uid 1654) through the bind mount.
chmod 700 secrets
chmod 644 secrets/keys.key
