#!/usr/bin/env bash
# Durq's side of the peer comparison: E1 single-task enqueue (32 connections, and one sequential client) and D1
# (drain 20,000 queued no-op tasks with one DurqWorker, concurrency 16), on SQLite or PostgreSQL, a fresh server
# and database per run. Run bench/peers.sh right after it for Hangfire's figures on the same machine.
# Usage: bench/e1-d1.sh sqlite|postgres [runs=3]
set -euo pipefail
cd "$(dirname "$0")/.."
store=${1:?sqlite or postgres} runs=${2:-3}
url=http://127.0.0.1:18310
# shellcheck source=../.ci/postgres.sh
. .ci/postgres.sh # the role and password of Durq's own local PostgreSQL
export PGPASSWORD=${PGPASSWORD:-$DURQ_PG_PASSWORD}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
dotnet build -c Release src/Durq.Cli -v quiet -nologo >/dev/null

start_server() {
  local data; data=$(mktemp -d)
  if [ "$store" = postgres ]; then
    psql -q -h 127.0.0.1 -U "$DURQ_PG_ROLE" -d postgres -c "DROP DATABASE IF EXISTS durq_e1d1" -c "CREATE DATABASE durq_e1d1" 2>/dev/null
    set -- --postgres "Host=127.0.0.1;Username=$DURQ_PG_ROLE;Password=$PGPASSWORD;Database=durq_e1d1"
  else
    set -- --data-dir "$data"
  fi
  dotnet src/Durq.Cli/bin/Release/net10.0/durq.dll serve --urls "$url" --max-pending 0 "$@" >"$data/serve.log" 2>&1 &
  server=$!
  until curl -sf "$url/api/v1/durable/health" >/dev/null; do sleep 0.2; done
}

wrk_rate() { # $1 threads, $2 connections
  wrk -t"$1" -c"$2" -d10s --latency -s bench/enqueue.lua "$url/api/v1/durable/tasks" |
    awk '$1=="50%"{p50=$2} $1=="99%"{p99=$2} /Requests\/sec/{rps=$2} END{printf "%s tasks/s (p50 %s, p99 %s)", rps, p50, p99}'
}

echo "Durq on $store, $(nproc) cores, $(date -u '+%F %H:%M UTC')"
for i in $(seq "$runs"); do
  start_server
  wrk -t2 -c32 -d2s -s bench/enqueue.lua "$url/api/v1/durable/tasks" >/dev/null # warm-up
  e1=$(wrk_rate 2 32)
  seq=$(wrk_rate 1 1)
  d1=$(dotnet src/Durq.Cli/bin/Release/net10.0/durq.dll bench drain --url "$url" --tasks 20000 | sed 's/.*: //')
  echo "run $i: E1-32 $e1 | E1-seq $seq | D1 $d1"
  kill -TERM "$server"; wait "$server" || true
done
