#!/usr/bin/env bash
# Runs every test. The PostgreSQL suites need a server: this script uses DURQ_TEST_POSTGRES when it is set, and
# otherwise installs PostgreSQL from Debian's packages if needed, starts the local cluster, and creates a test
# database (as root, or with sudo). Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_postgres() {
  if ! command -v pg_ctlcluster >/dev/null || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
    echo "== installing PostgreSQL (Debian package 'postgresql')"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
  fi
  local version
  version=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
  if ! pg_lsclusters -h | awk '{print $1}' | grep -qx "$version"; then
    as_root pg_createcluster "$version" main >/dev/null
  fi
  as_root pg_ctlcluster "$version" main start 2>/dev/null || true
  for _ in $(seq 50); do
    pg_isready -q -h 127.0.0.1 && break
    sleep 0.2
  done
  as_root su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'durq'\"" >/dev/null
  as_root su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname = 'durq_test'\"" | grep -q 1 ||
    as_root su postgres -c "psql -q -c 'CREATE DATABASE durq_test'" >/dev/null
  export DURQ_TEST_POSTGRES="Host=127.0.0.1;Port=5432;Username=postgres;Password=durq;Database=durq_test"
}

if [ -z "${DURQ_TEST_POSTGRES:-}" ]; then
  ensure_postgres
fi
echo "== PostgreSQL for the tests: ${DURQ_TEST_POSTGRES%%Password=*}..."
dotnet test "$@"
