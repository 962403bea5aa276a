#!/usr/bin/env bash
# The worker list and /health with many registered workers (issue 10: 20,000 registrations made GET /workers answer
# 14 MB and /health take 0.25 s). Starts a server on a fresh SQLite data folder with no worker cap, registers the
# workers over HTTP, then times GET /workers (one page, as a client gets it by default) and GET /health.
# Usage: bench/worker-list.sh [workers=20000] [durq.dll=src/Durq.Cli/bin/Release/net10.0/durq.dll]
# With no durq.dll given it builds the Release CLI first. Each figure is the median of 9 requests after 2 warm-ups.
set -euo pipefail
cd "$(dirname "$0")/.."
workers=${1:-20000}
dll=${2:-}
port=18091
url="http://127.0.0.1:$port/api/v1/durable"

if [ -z "$dll" ]; then
  dotnet build -c Release src/Durq.Cli -v quiet -nologo >/dev/null
  dll=src/Durq.Cli/bin/Release/net10.0/durq.dll
fi

data=$(mktemp -d)
# Workers:MaxPerTenant=0 lifts the cap (a build without the setting ignores it).
dotnet "$dll" serve --urls "http://127.0.0.1:$port" --data-dir "$data" --Workers:MaxPerTenant=0 >"$data/serve.log" 2>&1 &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$data"' EXIT
until curl -sf "$url/health" >/dev/null; do sleep 0.2; done

echo "registering $workers workers"
seq "$workers" | xargs -P 8 -I{} curl -sf -o /dev/null -X PUT "$url/workers/bench-worker-{}" \
  -H 'Content-Type: application/json' \
  -d '{"activity_types":["email.send","sms.send"],"max_concurrency":8,"worker_group":"bench","hostname":"bench-host.example","version":"1.0.0"}'

# Prints the median of 9 timings of "$@" (after 2 warm-ups) in ms, and the size of the last answer in bytes.
measure() {
  local times=() size=0 out i
  for i in 1 2; do curl -sf -o /dev/null "$@"; done
  for i in $(seq 9); do
    out=$(curl -sf -o /dev/null -w '%{time_total} %{size_download}' "$@")
    times+=("${out% *}") size=${out#* }
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 5p | awk -v size="$size" '{ printf "%.1f ms, %d bytes\n", $1 * 1000, size }'
}

echo "$(nproc) cores, $(date -u '+%F %H:%M UTC'), $workers workers registered, SQLite"
echo "GET /workers: $(measure "$url/workers")"
echo "GET /health:  $(measure "$url/health")"
