#!/usr/bin/env bash
# store_postgres.sh - the PostgreSQL store beside SQLite at N findings
# (default 1,000,000): import against its raw ceilings (prepared inserts
# and COPY of the same rows) on both, then list and diff (budget 50 ms)
# on a store built by three imports, on both. The server is a private one
# (integrations/tests/pg_server.sh), default settings, torn down after.
#
#   bench/store_postgres.sh BUILD_DIR [N [N_PG [N_PREPARED]]]
#
# N_PG (default N) sizes the PostgreSQL side alone; N_PREPARED (default
# N_PG) the prepared-insert ceiling, which makes a round trip per row (at
# 1M rows a quarter of an hour on a loaded machine): its time is scaled
# to N_PG rows. The client's CPU time is printed beside wall time (the
# server's is not in it).
set -u
B=${1:?usage: store_postgres.sh BUILD_DIR [N [N_PG]]}
N=${2:-1000000}
NP=${3:-$N}
NPREP=${4:-$NP}
. "$(dirname "$0")/../integrations/tests/pg_server.sh"
trap pg_stop EXIT
pg_start || exit 1
echo "== import, SQLite ($N results)"
"$B/bench/import_bench" --results "$N" || exit 1
echo "== import, PostgreSQL ($NP results)"
"$B/bench/import_bench" --results "$NP" --pg "$(pg_url imp)" --pg-raw "$(pg_url raw)" \
	--pg-copy "$(pg_url copy)" --pg-raw-results "$NPREP" || exit 1
for d in imp raw copy; do pg_sql postgres "DROP DATABASE $d" >/dev/null; done
echo "== list and diff, SQLite ($N findings)"
"$B/bench/query_bench" --taskleak "$B/integrations/taskleak" --findings "$N" || exit 1
echo "== list and diff, PostgreSQL ($NP findings)"
"$B/bench/query_bench" --taskleak "$B/integrations/taskleak" --findings "$NP" \
	--db "$(pg_url query)" || exit 1
echo "  PostgreSQL database: $(pg_sql query "SELECT pg_size_pretty(pg_database_size('query'))")"
