#!/usr/bin/env bash
# Drain rate and enqueue-to-start latency of one DurqWorker over HTTP, on the embedded SQLite store.
# Usage: bench/workers.sh [runs=3] [tasks=20000] [concurrency=16]
# Each run starts a fresh server (Release build) on an empty data folder; server, worker and producer share the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3} tasks=${2:-20000} concurrency=${3:-16}
port=18090
url="http://127.0.0.1:$port"

dotnet build -c Release src/Durq.Cli -v quiet -nologo >/dev/null
bench() { dotnet src/Durq.Cli/bin/Release/net10.0/durq.dll bench "$@" --url "$url"; }

with_server() { # runs "$@" against a fresh server
  local data; data=$(mktemp -d)
  dotnet src/Durq.Cli/bin/Release/net10.0/durq.dll serve --urls "$url" --data-dir "$data" --max-pending 0 >"$data/serve.log" 2>&1 &
  local pid=$!
  until curl -sf "$url/api/v1/durable/health" >/dev/null; do sleep 0.2; done
  "$@" || true
  kill -TERM "$pid"; wait "$pid" || true
  rm -rf "$data"
}

echo "DurqWorker over HTTP, SQLite, $(nproc) cores, $(date -u +%F)"
for i in $(seq "$runs"); do with_server bench drain --tasks "$tasks" --concurrency "$concurrency"; done
for i in $(seq "$runs"); do with_server bench latency --count 500 --rate 50 --concurrency "$concurrency"; done
