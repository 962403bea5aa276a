#!/usr/bin/env bash
# Several Durq nodes on one PostgreSQL database: drain rate with one DurqWorker per node, and cross-node wake-up
# latency (a claim waiting on node 1, an enqueue on node 2).
# Usage: bench/multinode.sh [runs=3] [nodes=3] [tasks=20000] [concurrency=16]
# Needs a local PostgreSQL with Durq's role (./test.sh sets both up); DURQ_BENCH_POSTGRES overrides the admin connection.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3} nodes=${2:-3} tasks=${3:-20000} concurrency=${4:-16}
# shellcheck source=../.ci/postgres.sh
. .ci/postgres.sh # the role and password of Durq's own local PostgreSQL
admin=${DURQ_BENCH_POSTGRES:-$DURQ_PG_ADMIN}
export PGPASSWORD=${PGPASSWORD:-$DURQ_PG_PASSWORD}

dotnet build -c Release src/Durq.Cli -v quiet -nologo >/dev/null
bench() { dotnet src/Durq.Cli/bin/Release/net10.0/durq.dll bench "$@"; }

with_cluster() { # starts $nodes nodes on a fresh database, runs "$@" with --url for each node
  psql -q -h 127.0.0.1 -U "$DURQ_PG_ROLE" -d postgres -c "DROP DATABASE IF EXISTS durq_bench" -c "CREATE DATABASE durq_bench"
  local pids=() urls=()
  for n in $(seq "$nodes"); do
    local port=$((18100 + n))
    dotnet src/Durq.Cli/bin/Release/net10.0/durq.dll serve --urls "http://127.0.0.1:$port" --max-pending 0 \
      --postgres "$admin;Database=durq_bench" >"/tmp/durq-bench-node$n.log" 2>&1 &
    pids+=($!) urls+=(--url "http://127.0.0.1:$port")
    until curl -sf "http://127.0.0.1:$port/api/v1/durable/health" >/dev/null; do sleep 0.2; done
  done
  "$@" "${urls[@]}" || true
  for pid in "${pids[@]}"; do kill -TERM "$pid"; wait "$pid" || true; done
}

echo "$nodes Durq nodes on PostgreSQL $(psql -h 127.0.0.1 -U "$DURQ_PG_ROLE" -d postgres -tAc 'SHOW server_version'), $(nproc) cores, $(date -u +%F)"
for i in $(seq "$runs"); do with_cluster bench drain --tasks "$tasks" --concurrency "$concurrency"; done
for i in $(seq "$runs"); do with_cluster bench wake --rounds 100; done
