#!/usr/bin/env bash
# Durq's E1 (single-job enqueue: one sequential client, then 32 concurrent) and D1 (drain 20,000 queued no-op jobs
# with 16 workers) run against Hangfire 1.8 on SQLite (a fresh temp folder) and on PostgreSQL (a fresh database), so
# Durq's figures can be quoted as ratios measured minutes apart on the same machine.
# Usage: bench/peers.sh [seconds=10] [jobs=20000] [out-dir=a temp folder for the JSON reports]
# Needs a local PostgreSQL with Durq's role (./test.sh sets both up); DURQ_BENCH_POSTGRES overrides the admin connection.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10} jobs=${2:-20000} out=${3:-$(mktemp -d)}
# shellcheck source=../.ci/postgres.sh
. .ci/postgres.sh # the role and password of Durq's own local PostgreSQL
admin=${DURQ_BENCH_POSTGRES:-$DURQ_PG_ADMIN}
export PGPASSWORD=${PGPASSWORD:-$DURQ_PG_PASSWORD}
mkdir -p "$out"

dotnet build -c Release bench/Durq.Bench.Peers -v quiet -nologo >/dev/null
peers() { dotnet bench/Durq.Bench.Peers/bin/Release/net10.0/Durq.Bench.Peers.dll hangfire --seconds "$seconds" --jobs "$jobs" "$@"; }

data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
peers --store sqlite --data-dir "$data" --json "$out/hangfire-sqlite.json" || echo "hangfire on sqlite failed: $?" >&2
echo

psql -q -h 127.0.0.1 -U "$DURQ_PG_ROLE" -d postgres -c "DROP DATABASE IF EXISTS durq_bench_peers" -c "CREATE DATABASE durq_bench_peers"
peers --store postgres --postgres "$admin;Database=durq_bench_peers" --json "$out/hangfire-postgres.json" \
  || echo "hangfire on postgres failed: $?" >&2
echo "JSON reports in $out" >&2
