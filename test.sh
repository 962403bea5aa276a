#!/usr/bin/env bash
# Runs every test. The PostgreSQL suites need a server: this script uses DURQ_TEST_POSTGRES when it is set, and
# otherwise installs PostgreSQL from Debian's packages if needed, starts the local cluster, and creates a test
# database (as root, or with sudo); and it installs the TypeScript client's pinned tools (npm ci in clients/typescript)
# when they are missing or older than its package-lock.json. Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"

# shellcheck source=.ci/postgres.sh
. .ci/postgres.sh

if [ -z "${DURQ_TEST_POSTGRES:-}" ]; then
  ensure_postgres durq_test
  export DURQ_TEST_POSTGRES="Host=127.0.0.1;Port=5432;Username=postgres;Password=durq;Database=durq_test"
fi
echo "== PostgreSQL for the tests: ${DURQ_TEST_POSTGRES%%Password=*}..."

# The TypeScript client's tools (openapi-typescript, tsc), pinned by its package-lock.json, for the end-to-end tests.
if [ ! -e clients/typescript/node_modules/.package-lock.json ] \
  || [ clients/typescript/package-lock.json -nt clients/typescript/node_modules/.package-lock.json ]; then
  echo "== npm ci in clients/typescript"
  (cd clients/typescript && npm ci --no-audit --no-fund)
fi
dotnet test "$@"
