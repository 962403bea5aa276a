#!/usr/bin/env bash
# The benchmark suite from a fresh clone, in one command: installs what the peers need when it is missing (Debian's
# redis-server, nodejs and npm; bench/peers-node's packages with npm ci, from its package-lock.json), builds durq, the
# Hangfire peer and the HTTP ceiling (Release), makes sure a local PostgreSQL is running (as ./test.sh does), then runs
# every workload on SQLite and PostgreSQL, three runs each, with Hangfire, the HTTP ceiling and the Node.js peers
# (BullMQ, pg-boss, graphile-worker) in the same sitting, and writes bench/results/<UTC date and time>.json.
# Usage: bench/run.sh [durq bench options: they replace the defaults above, e.g. --store sqlite, --runs 1, --quick,
#                      --peers bullmq or --peers none]
# DURQ_BENCH_POSTGRES (an admin connection string) points it at another PostgreSQL instead of the local one.
set -euo pipefail
cd "$(dirname "$0")/.."

args=("$@")
given() { local arg; for arg in "${args[@]}"; do [[ $arg == "$1" || $arg == "$1="* ]] && return 0; done; return 1; }
given --store || args+=(--store both)
given --runs || given --quick || args+=(--runs 3)
given --json || { mkdir -p bench/results && args+=(--json "bench/results/$(date -u +%Y-%m-%d-%H%M).json"); }
given --hangfire || args+=(--hangfire bench/Durq.Bench.Peers/bin/Release/net10.0/Durq.Bench.Peers.dll)
given --ceiling || args+=(--ceiling bench/Durq.Bench.Ceiling/bin/Release/net10.0/Durq.Bench.Ceiling.dll)
given --peers-node || args+=(--peers-node bench/peers-node)

# pg-boss and graphile-worker run on PostgreSQL whichever store Durq is measured on, so it is started even for
# --store sqlite unless --peers leaves them out.
peers_need_postgres() { ! given --peers || [[ " ${args[*]} " =~ (pgboss|graphile) ]]; }
if [ -z "${DURQ_BENCH_POSTGRES:-}" ] && { ! [[ " ${args[*]} " == *" --store sqlite "* || " ${args[*]} " == *" --store=sqlite "* ]] || peers_need_postgres; }; then
  # shellcheck source=../.ci/postgres.sh
  . .ci/postgres.sh
  ensure_postgres
fi

# The Node.js peers: node and npm to run them, redis-server for BullMQ (durq bench starts a private one per run).
if ! [[ " ${args[*]} " == *" --peers none "* || " ${args[*]} " == *" --peers=none "* ]]; then
  need=()
  command -v node >/dev/null || need+=(nodejs)
  command -v npm >/dev/null || need+=(npm)
  command -v redis-server >/dev/null || need+=(redis-server)
  if [ ${#need[@]} -gt 0 ]; then
    echo "== installing ${need[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
  if [ ! -e bench/peers-node/node_modules/.package-lock.json ] \
    || [ bench/peers-node/package-lock.json -nt bench/peers-node/node_modules/.package-lock.json ]; then
    echo "== installing the Node.js peers (npm ci in bench/peers-node)"
    (cd bench/peers-node && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi

# The build's output only matters when it fails.
build() { local output; output=$(dotnet build -c Release "$1" -v quiet -nologo 2>&1) || { echo "$output" >&2; exit 1; }; }
echo "== building durq, the Hangfire peer and the HTTP ceiling (Release)"
build src/Durq.Cli
build bench/Durq.Bench.Peers
build bench/Durq.Bench.Ceiling

exec dotnet src/Durq.Cli/bin/Release/net10.0/durq.dll bench "${args[@]}"
