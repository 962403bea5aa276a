#!/usr/bin/env bash
# The benchmark suite from a fresh clone, in one command: builds durq and the Hangfire peer (Release), makes sure a
# local PostgreSQL is running (as ./test.sh does), then runs every workload on SQLite and PostgreSQL, three runs each,
# with Hangfire beside them, and writes bench/results/<UTC date and time>.json.
# Usage: bench/run.sh [durq bench options: they replace the defaults above, e.g. --store sqlite, --runs 1, --quick]
# DURQ_BENCH_POSTGRES (an admin connection string) points it at another PostgreSQL instead of the local one.
set -euo pipefail
cd "$(dirname "$0")/.."

args=("$@")
given() { local arg; for arg in "${args[@]}"; do [[ $arg == "$1" || $arg == "$1="* ]] && return 0; done; return 1; }
given --store || args+=(--store both)
given --runs || given --quick || args+=(--runs 3)
given --json || { mkdir -p bench/results && args+=(--json "bench/results/$(date -u +%Y-%m-%d-%H%M).json"); }
given --hangfire || args+=(--hangfire bench/Durq.Bench.Peers/bin/Release/net10.0/Durq.Bench.Peers.dll)

if [ -z "${DURQ_BENCH_POSTGRES:-}" ] && ! [[ " ${args[*]} " == *" --store sqlite "* || " ${args[*]} " == *" --store=sqlite "* ]]; then
  # shellcheck source=../.ci/postgres.sh
  . .ci/postgres.sh
  ensure_postgres
fi

# The build's output only matters when it fails.
build() { local output; output=$(dotnet build -c Release "$1" -v quiet -nologo 2>&1) || { echo "$output" >&2; exit 1; }; }
echo "== building durq and the Hangfire peer (Release)"
build src/Durq.Cli
build bench/Durq.Bench.Peers

exec dotnet src/Durq.Cli/bin/Release/net10.0/durq.dll bench "${args[@]}"
