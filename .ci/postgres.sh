# Sourced by ./test.sh and the bench scripts. The one place for the PostgreSQL that Durq's tests and benchmarks use:
# a local server on 127.0.0.1:5432, reached as a login role of Durq's own ($DURQ_PG_ROLE, password $DURQ_PG_PASSWORD)
# with CREATEDB, because the read-only tests and `durq bench` make databases of their own. The postgres user's settings
# (its password included) are left as they are: the role is made through the local socket as the postgres OS user.
DURQ_PG_ROLE=durq_test
DURQ_PG_PASSWORD=durq_test
DURQ_PG_ADMIN="Host=127.0.0.1;Port=5432;Username=$DURQ_PG_ROLE;Password=$DURQ_PG_PASSWORD"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Runs SQL as the postgres superuser over the local socket (peer authentication: no password is involved).
as_postgres_sql() { as_root su postgres -c "psql -v ON_ERROR_STOP=1 -qtAc \"$1\""; }

# ensure_postgres [database]: installs Debian's `postgresql` if needed, creates and starts the cluster (as root, or
# with sudo), makes sure the role exists with its password, and, given a name, that a database of that name exists
# and is owned by the role (so the tests may make schemas in it).
ensure_postgres() {
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
  as_root pg_ctlcluster "$version" main start >/dev/null 2>&1 || true
  for _ in $(seq 50); do
    pg_isready -q -h 127.0.0.1 && break
    sleep 0.2
  done
  if [ -z "$(as_postgres_sql "SELECT 1 FROM pg_roles WHERE rolname = '$DURQ_PG_ROLE'")" ]; then
    as_postgres_sql "CREATE ROLE $DURQ_PG_ROLE LOGIN CREATEDB PASSWORD '$DURQ_PG_PASSWORD'" >/dev/null
  else
    as_postgres_sql "ALTER ROLE $DURQ_PG_ROLE LOGIN CREATEDB PASSWORD '$DURQ_PG_PASSWORD'" >/dev/null
  fi
  if [ -n "${1:-}" ]; then
    if [ -z "$(as_postgres_sql "SELECT 1 FROM pg_database WHERE datname = '$1'")" ]; then
      as_postgres_sql "CREATE DATABASE $1 OWNER $DURQ_PG_ROLE" >/dev/null
    else
      as_postgres_sql "ALTER DATABASE $1 OWNER TO $DURQ_PG_ROLE" >/dev/null
    fi
  fi
}
