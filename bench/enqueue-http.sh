#!/usr/bin/env bash
# Single-task enqueue throughput over HTTP, with and without group commit, on the embedded SQLite store.
# Usage: bench/enqueue-http.sh [runs=3] [seconds=10] [connections=32]
# Needs wrk (Debian package 'wrk'). Server and load generator share the machine; compare ratios within one run.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3} seconds=${2:-10} connections=${3:-32}
port=18080
url="http://127.0.0.1:$port"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
dotnet build -c Release src/Durq.Cli -v quiet -nologo >/dev/null

run_once() { # $1 = Storage:MaxWriteBatch
  local data; data=$(mktemp -d)
  DURQ_Storage__MaxWriteBatch=$1 dotnet src/Durq.Cli/bin/Release/net10.0/durq.dll serve \
    --urls "$url" --data-dir "$data" --max-pending 0 >"$data/serve.log" 2>&1 &
  local pid=$!
  until curl -sf "$url/api/v1/durable/tasks?limit=1" >/dev/null; do sleep 0.2; done
  # A short warm-up so the JIT has done its work before the measured run.
  wrk -t2 -c"$connections" -d2s -s bench/enqueue.lua "$url/api/v1/durable/tasks" >/dev/null
  wrk -t2 -c"$connections" -d"${seconds}s" --latency -s bench/enqueue.lua "$url/api/v1/durable/tasks" >"$data/wrk.txt"
  kill -TERM "$pid"; wait "$pid" || true
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$data/wrk.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$data/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$data/wrk.txt")
  errors=$(awk '/Non-2xx/ {print $5}' "$data/wrk.txt")
  printf '%-14s %10s tasks/s   p50 %-9s p99 %-9s non-2xx %s\n' "batch=$1" "$rps" "$p50" "$p99" "${errors:-0}"
  rm -rf "$data"
}

echo "single-task enqueue, $connections connections, ${seconds}s, $(nproc) cores, $(date -u +%F)"
for i in $(seq "$runs"); do
  run_once 1000   # group commit (the default)
  run_once 1      # every write its own transaction and fsync
done
