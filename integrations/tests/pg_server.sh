# pg_server.sh - a private PostgreSQL server for one test (sourced, bash).
#
# Debian's postgresql package: initdb into a temporary folder, the server
# on a Unix socket in that folder (no TCP) with a free port number, torn
# down on exit. initdb refuses to run as root, so under root (CI) the
# server runs as the unprivileged user nobody, owning the folder.
#
# pg_start: starts it; sets TL_PG_DIR, TL_PG_PORT, and pg_url NAME prints
# the URL of a new database NAME. pg_sql NAME SQL runs psql. The caller's
# EXIT trap should call pg_stop (it_postgres.sh chains it).
TL_PG_BIN=${TL_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}

pg_as() {
	if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}

pg_start() {
	[ -x "$TL_PG_BIN/initdb" ] || { echo "pg_server: no PostgreSQL in /usr/lib/postgresql (scripts/install-deps.sh)" >&2; return 1; }
	TL_PG_DIR=$(mktemp -d /tmp/tl-pg-XXXXXX)
	[ "$(id -u)" = 0 ] && chown nobody "$TL_PG_DIR"
	TL_PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	pg_as "$TL_PG_BIN/initdb" -D "$TL_PG_DIR/data" -A trust -U taskleak --no-locale -E UTF8 \
		>"$TL_PG_DIR/initdb.log" 2>&1 || { cat "$TL_PG_DIR/initdb.log" >&2; return 1; }
	pg_as "$TL_PG_BIN/pg_ctl" -D "$TL_PG_DIR/data" -l "$TL_PG_DIR/server.log" -w -o \
		"-k $TL_PG_DIR -p $TL_PG_PORT -c listen_addresses='' ${TL_PG_OPTS:-}" start \
		>/dev/null || { cat "$TL_PG_DIR/server.log" >&2; return 1; }
}

pg_stop() {
	[ -n "${TL_PG_DIR:-}" ] || return 0
	pg_as "$TL_PG_BIN/pg_ctl" -D "$TL_PG_DIR/data" -m immediate stop >/dev/null 2>&1
	rm -rf "$TL_PG_DIR"
	TL_PG_DIR=
}

pg_sql() {
	psql -X -q -A -t -v ON_ERROR_STOP=1 -h "$TL_PG_DIR" -p "$TL_PG_PORT" -U taskleak -d "$1" -c "$2"
}

pg_url() {
	pg_sql postgres "CREATE DATABASE \"$1\"" >/dev/null || return 1
	echo "postgresql://taskleak@/$1?host=$TL_PG_DIR&port=$TL_PG_PORT"
}
