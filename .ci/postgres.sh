# Sourced by ./test.sh and bench/run.sh: ensure_postgres makes sure a local PostgreSQL answers on 127.0.0.1:5432 with
# user postgres, password durq — installing Debian's `postgresql` if needed, creating and starting the cluster (as root,
# or with sudo) — and, given a name, that a database of that name exists.
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_postgres() { # [database]
  if ! command -v pg_ctlcluster >/dev/null || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
    echo "== installing PostgreSQL (Debian package 'postgresql')"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
  fi
  local version
  version=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
  if ! pg_lsclusters -h | awk '{print $1}' | grep -qx "$version"; then
    as_root pg_createcluster "$version" main >/dev/null
  fi
  as_root pg_ctlcluster "$version" main start 2>/dev/null || true
  for _ in $(seq 50); do
    pg_isready -q -h 127.0.0.1 && break
    sleep 0.2
  done
  as_root su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'durq'\"" >/dev/null
  if [ -n "${1:-}" ]; then
    as_root su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname = '$1'\"" | grep -q 1 ||
      as_root su postgres -c "psql -q -c 'CREATE DATABASE $1'" >/dev/null
  fi
}
