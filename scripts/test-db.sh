#!/usr/bin/env bash
# npm run test:db — the database's pgTAP tests on a real, throwaway PostgreSQL 15.
#
# Creates a cluster in a temp dir (fsync off, unix socket in that dir only, no TCP), loads the
# Supabase auth shim, applies every migration in order, runs pg_prove over supabase/tests as
# `supabase test db` does (including the two-connection revision-order test, which uses
# dblink), prints pg_prove's summary and exits non-zero on any failure. The cluster is always
# stopped and removed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pgbin=/usr/lib/postgresql/15/bin
ext=/usr/share/postgresql/15/extension

missing=()
[[ -x $pgbin/initdb && -x $pgbin/pg_ctl ]] || missing+=(postgresql)
command -v psql >/dev/null || missing+=(postgresql-client)
{ command -v pg_prove >/dev/null && [[ -f $ext/pgtap.control ]]; } || missing+=(postgresql-15-pgtap)
[[ -f $ext/dblink.control ]] || missing+=(postgresql-contrib)
if ((${#missing[@]})); then
  echo "test:db needs PostgreSQL 15 with pgTAP and dblink (missing: ${missing[*]})." >&2
  echo "Install them (Debian, as root): apt-get update && apt-get install -y postgresql postgresql-15-pgtap" >&2
  exit 1
fi

tmp="$(mktemp -d -t sonic-db.XXXXXX)"
as_owner=()
if [[ $(id -u) -eq 0 ]]; then
  # initdb refuses to run as root: the cluster belongs to postgres.
  chown postgres: "$tmp"
  as_owner=(runuser -u postgres --)
fi
cleanup() {
  if [[ -f $tmp/data/postmaster.pid ]]; then
    "${as_owner[@]}" "$pgbin/pg_ctl" -D "$tmp/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port=54329 # only names the socket file inside $tmp; no TCP listener, so no clash.
"${as_owner[@]}" "$pgbin/initdb" -D "$tmp/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
  --no-sync >"$tmp/initdb.log" 2>&1 || { cat "$tmp/initdb.log" >&2; exit 1; }
"${as_owner[@]}" "$pgbin/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 20 start \
  -o "-c listen_addresses='' -c unix_socket_directories='$tmp' -c port=$port -c fsync=off \
      -c synchronous_commit=off -c full_page_writes=off -c max_connections=20" >/dev/null \
  || { cat "$tmp/server.log" >&2; exit 1; }

export PGHOST="$tmp" PGPORT="$port" PGUSER=postgres PGDATABASE=postgres
unset PGPASSWORD PGSERVICE
psql_q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

psql_q -f "$root/supabase/shim/auth.sql" >/dev/null
for f in "$root"/supabase/migrations/*.sql; do
  psql_q -1 -f "$f" >/dev/null || { echo "migration failed: ${f#"$root"/}" >&2; exit 1; }
done
psql_q -c 'create extension if not exists pgtap; create extension if not exists dblink;' >/dev/null

cd "$root"
shopt -s nullglob
tests=(supabase/tests/database/*.sql)
((${#tests[@]})) || { echo "no tests in supabase/tests/database" >&2; exit 1; }
# The same selection as `supabase test db`: every .sql and .pg file under supabase/tests, so a
# file there that is not a pgTAP test (as the auth shim once was) fails here as it would there.
# A hung test (e.g. a lock that is never released) must not hang CI.
timeout 120 pg_prove --timer --failures --ext .sql --ext .pg -r supabase/tests
