#!/usr/bin/env bash
# The distribution's PostgreSQL for the console tests, idempotently: installs it if missing, makes it
# listen on 127.0.0.1 only, starts it by hand where systemd is not PID 1, and creates the test role and
# database. setup.sh --for-tests runs it; a test that restarts PostgreSQL can use 'start' to bring it back.
#
# Usage: src/host/postgres.sh [test-db]   all of the above (default)
#        src/host/postgres.sh start       only start the cluster and wait until it answers (20 s at most)
#        src/host/postgres.sh stop        stop it (fast: open sessions are ended), as the connection-loss test does
#
# The test role's password is random, made once, and kept in $PG_TEST_PROPERTIES (root only, 0600) as the
# Spring properties the console's 'postgres' test profile imports (the build's PostgreSQL run). Test data only.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$HERE/lib.sh"
need_root "$@"
export LC_ALL=C.UTF-8

PG_TEST_DB=gureum_test
PG_TEST_ROLE=gureum_test
PG_TEST_PROPERTIES="${GUREUM_PG_TEST_PROPERTIES:-/var/lib/gureum/postgres-test.properties}"
PG_PORT=5432

# The newest installed server version and its cluster 'main' (Debian's layout: /etc/postgresql/VER/main).
pg_version() { ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -n 1; }
pg_answers() { runuser -u postgres -- psql -p "$PG_PORT" -Atqc 'select 1' postgres >/dev/null 2>&1; }
psql_admin() { runuser -u postgres -- psql -p "$PG_PORT" -X -q -v ON_ERROR_STOP=1 "$@"; }

install_postgres() {
  step "PostgreSQL server (distribution package)"
  if [ -n "$(pg_version)" ] && have pg_ctlcluster; then skipped "PostgreSQL $(pg_version) installed"; return 0; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/tmp/gureum-apt-update.log 2>&1 || { failed "apt-get update (see /tmp/gureum-apt-update.log)"; return 1; }
  if apt-get install -y -qq --no-install-recommends postgresql >/tmp/gureum-apt-install.log 2>&1; then
    ok "installed postgresql $(pg_version)"
  else
    failed "apt-get install postgresql (see /tmp/gureum-apt-install.log)"; return 1
  fi
}

configure_cluster() {
  local ver conf_d file
  ver="$(pg_version)"
  step "PostgreSQL $ver cluster 'main' on 127.0.0.1:$PG_PORT"
  if [ ! -d "/etc/postgresql/$ver/main" ]; then
    pg_createcluster "$ver" main --port "$PG_PORT" >/dev/null || { failed "pg_createcluster $ver main"; return 1; }
  fi
  conf_d="/etc/postgresql/$ver/main/conf.d"; file="$conf_d/gureum.conf"
  mkdir -p "$conf_d"
  # Loopback only: the tests never reach the database over another interface.
  local want="# Written by Gureum's src/host/postgres.sh.
listen_addresses = '127.0.0.1'
port = $PG_PORT"
  if [ -f "$file" ] && [ "$(cat "$file")" = "$want" ]; then skipped "configured ($file)"
  else
    printf '%s\n' "$want" >"$file"; chmod 0644 "$file"
    # A running cluster picks listen_addresses up only on restart.
    if pg_answers; then pg_ctlcluster "$ver" main restart >/dev/null; fi
    ok "wrote $file"
  fi
}

start_cluster() {
  local ver
  ver="$(pg_version)"
  step "PostgreSQL $ver running"
  if pg_answers; then skipped "already answering"; return 0; fi
  # pg_ctlcluster uses systemctl where systemd is PID 1 and pg_ctl otherwise.
  pg_ctlcluster "$ver" main start >/tmp/gureum-postgres-start.log 2>&1 || true
  local i=0
  until pg_answers; do
    i=$((i + 1)); [ "$i" -ge 100 ] && { failed "no answer after 20 s (see /var/log/postgresql/postgresql-$ver-main.log)"; return 1; }
    sleep 0.2
  done
  ok "pg_ctlcluster $ver main start"
}

stop_cluster() {
  local ver
  ver="$(pg_version)"
  step "PostgreSQL $ver stopped"
  if ! pg_answers; then skipped "not answering"; return 0; fi
  # -m fast ends the open sessions at once, as a crash or a failover would for the console's pool.
  if pg_ctlcluster "$ver" main stop -m fast >/tmp/gureum-postgres-stop.log 2>&1; then ok "pg_ctlcluster $ver main stop -m fast"
  else failed "pg_ctlcluster $ver main stop (see /tmp/gureum-postgres-stop.log)"; return 1; fi
}

test_role_and_db() {
  step "test role and database '$PG_TEST_DB'"
  local pw made=()
  if [ -s "$PG_TEST_PROPERTIES" ]; then
    pw="$(sed -n 's/^spring\.datasource\.password=//p' "$PG_TEST_PROPERTIES")"
  fi
  if [ -z "${pw:-}" ]; then
    pw="$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
    mkdir -p "$(dirname "$PG_TEST_PROPERTIES")"
    ( umask 077
      printf '%s\n' "# The console tests' PostgreSQL (mvn -Ppostgres), written by src/host/postgres.sh. Test data only." \
        "spring.datasource.url=jdbc:postgresql://127.0.0.1:$PG_PORT/$PG_TEST_DB" \
        "spring.datasource.username=$PG_TEST_ROLE" \
        "spring.datasource.password=$pw" >"$PG_TEST_PROPERTIES" )
    made+=("password in $PG_TEST_PROPERTIES")
  fi
  # psql variables (:'pw', :"role") quote the values: nothing is spliced into SQL by the shell.
  if [ "$(psql_admin -At -v role="$PG_TEST_ROLE" postgres <<<"select 1 from pg_roles where rolname = :'role';")" != 1 ]; then
    psql_admin -v role="$PG_TEST_ROLE" postgres <<<'CREATE ROLE :"role" LOGIN;' || { failed "create role"; return 1; }
    made+=("role $PG_TEST_ROLE")
  fi
  psql_admin -v role="$PG_TEST_ROLE" -v pw="$pw" postgres <<<'ALTER ROLE :"role" LOGIN PASSWORD :'"'pw'"';' \
    || { failed "set the role's password"; return 1; }
  if [ "$(psql_admin -At -v db="$PG_TEST_DB" postgres <<<"select 1 from pg_database where datname = :'db';")" != 1 ]; then
    runuser -u postgres -- createdb -p "$PG_PORT" -O "$PG_TEST_ROLE" -E UTF8 "$PG_TEST_DB" || { failed "createdb"; return 1; }
    made+=("database $PG_TEST_DB")
  fi
  if [ ${#made[@]} -eq 0 ]; then skipped "present, password from $PG_TEST_PROPERTIES"; else ok "made $(IFS=,; echo "${made[*]}" | sed 's/,/, /g')"; fi
}

case "${1:-test-db}" in
  test-db) install_postgres && configure_cluster && start_cluster && test_role_and_db ;;
  start) start_cluster ;;
  stop) stop_cluster ;;
  -h|--help) sed -n '2,11p' "$0" ;;
  *) sed -n '2,11p' "$0" >&2; exit 2 ;;
esac
