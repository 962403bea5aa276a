#!/usr/bin/env bash
# Runs every test and ends with one line, "N passed, N failed", summed over the test projects. The PostgreSQL suites
# need a server: this script uses DURQ_TEST_POSTGRES when it is set, and otherwise installs PostgreSQL from Debian's
# packages if needed, starts the local cluster, and creates the role durq_test and its test database durq_test (as
# root, or with sudo; .ci/postgres.sh). It installs the TypeScript client's pinned tools (npm ci in
# clients/typescript, dashboard, bench/peers-node) when they are missing or older than their package-lock.json. Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"

# shellcheck source=.ci/postgres.sh
. .ci/postgres.sh
# shellcheck source=.ci/test-totals.sh
. .ci/test-totals.sh

if [ -z "${DURQ_TEST_POSTGRES:-}" ]; then
  ensure_postgres durq_test
  export DURQ_TEST_POSTGRES="$DURQ_PG_ADMIN;Database=durq_test"
fi
echo "== PostgreSQL for the tests: ${DURQ_TEST_POSTGRES%%Password=*}..."

# The TypeScript client's tools (openapi-typescript, tsc), pinned by its package-lock.json, for the end-to-end tests.
if [ ! -e clients/typescript/node_modules/.package-lock.json ] \
  || [ clients/typescript/package-lock.json -nt clients/typescript/node_modules/.package-lock.json ]; then
  echo "== npm ci in clients/typescript"
  (cd clients/typescript && npm ci --no-audit --no-fund)
fi

# The dashboard's pinned tools (playwright-core for its browser test), from dashboard/package-lock.json.
if [ ! -e dashboard/node_modules/.package-lock.json ] \
  || [ dashboard/package-lock.json -nt dashboard/node_modules/.package-lock.json ]; then
  echo "== npm ci in dashboard"
  (cd dashboard && npm ci --no-audit --no-fund)
fi

# The Node.js peers of durq bench (bench/peers-node), for its smoke test with graphile-worker.
if [ ! -e bench/peers-node/node_modules/.package-lock.json ] \
  || [ bench/peers-node/package-lock.json -nt bench/peers-node/node_modules/.package-lock.json ]; then
  echo "== npm ci in bench/peers-node"
  (cd bench/peers-node && npm ci --no-audit --no-fund)
fi

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
status=0
dotnet test "$@" --logger trx --results-directory "$results" || status=$?
test_totals "$results" "$status"
exit "$status"
