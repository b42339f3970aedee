#!/usr/bin/env bash
# store_postgres.sh - the PostgreSQL store beside SQLite at N findings
# (default 1,000,000), every figure against its budget (issue 18,
# design.md section 8):
#   start:  taskleak links no libclang (ldd), and what starting it costs;
#   import: SQLite against its prepared-insert ceiling, PostgreSQL against
#           its raw ceilings (prepared inserts and COPY of the same rows,
#           same schema and indexes, one transaction), RUNS rounds each
#           in fresh databases, medians (budget: at least 0.5x);
#   query:  list and diff as commands (median of 7) on a store built by
#           three imports, on both (budget 50 ms); as root, first with the
#           commands and the server real-time (what they take when they
#           need not wait for a core), then as the machine is.
# The PostgreSQL server is a private one (integrations/tests/pg_server.sh),
# default settings, torn down after. Load average is printed with each
# part: the machine may be shared. The end repeats every figure that has
# a budget, met or not, in one summary.
#
#   bench/store_postgres.sh BUILD_DIR [N [N_PREPARED]]
#
# N_PREPARED (default 20,000) sizes the prepared-insert ceiling, which
# makes a round trip per row: its time is scaled to N. RUNS (default 3)
# and PARTS (default: all, "start import_sqlite import_pg query_sqlite
# query_pg") come from the environment.
set -u
B=${1:?usage: store_postgres.sh BUILD_DIR [N [N_PREPARED]]}
N=${2:-1000000}
NPREP=${3:-20000}
RUNS=${RUNS:-3}
PARTS=${PARTS:-start import_sqlite import_pg query_sqlite query_pg}
# as root, list and diff also run undisturbed first (query_bench --nice)
NICE=$([ "$(id -u)" = 0 ] && echo --nice)
TL=$B/integrations/taskleak
. "$(dirname "$0")/../integrations/tests/pg_server.sh"
SUMMARY=$(mktemp)
trap 'pg_stop; rm -f "$SUMMARY"' EXIT
pg_start || exit 1
load() { echo "  load average: $(cut -d' ' -f1-3 /proc/loadavg)"; }
# sum LINE...: keeps a line for the summary
sum() { printf '%s\n' "$@" >>"$SUMMARY"; }
# sum_queries STORE FILE: query_bench's budget lines, undisturbed ones when
# it measured both ways
sum_queries() {
	local s=$1 f=$2
	if grep -q undisturbed "$f"; then sed -n '/undisturbed/,/as the machine is/p' "$f"; else cat "$f"; fi |
		awk -v s="$s" '/in one process/ {inproc = " (in one process)"}
		/budget 50 ms/ {label = substr($0, 3, 44); sub(/ +$/, "", label)
			match($0, /median +[0-9.]+ ms/); t = substr($0, RSTART + 6, RLENGTH - 6)
			sub(/^ +/, "", t); match($0, /budget 50 ms: [A-Za-z ]+/)
			printf "  %s: %s%s: %s (%s)\n", s, label, inproc, t, substr($0, RSTART, RLENGTH)}' >>"$SUMMARY"
}

# median FILE: the middle of the numbers in FILE, one a line
median() { sort -g "$1" | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

part_start() {
	echo "== start: libraries taskleak loads"
	if ldd "$TL" | grep -Eq 'libclang|libLLVM'; then
		echo "  links libclang or libLLVM: NOT met"; ldd "$TL" | grep -E 'libclang|libLLVM'
	else
		echo "  no libclang, no libLLVM (libclang is opened by the inference only): met"
	fi
	echo "  $(ldd "$TL" | wc -l) shared objects"
}

# RUNS rounds of import_bench (fresh databases each round), then the
# medians of their figures.
part_import_sqlite() {
	local out; out=$(mktemp -d)
	echo "== import, SQLite ($N results, $RUNS rounds)"
	for r in $(seq "$RUNS"); do
		"$B/bench/import_bench" --results "$N" | tee -a "$out/sqlite.txt" || exit 1
	done
	sed -n 's/.*ratio import\/ceiling: \([0-9.]*\).*/\1/p' "$out/sqlite.txt" >"$out/s.ratio"
	sed -n 's/.*taskleak import (parse.*s  *\([0-9]*\) results\/s.*/\1/p' "$out/sqlite.txt" >"$out/s.rate"
	local line="  SQLite import, median of $RUNS: import/ceiling $(median "$out/s.ratio") (budget >= 0.50), $(median "$out/s.rate") results/s (budget >= 100000)"
	echo "$line"
	sum "$line"
	load
	rm -rf "$out"
}

part_import_pg() {
	local out; out=$(mktemp -d)
	echo "== import, PostgreSQL ($N results, $RUNS rounds; prepared ceiling on $NPREP rows, scaled)"
	for r in $(seq "$RUNS"); do
		"$B/bench/import_bench" --results "$N" --pg "$(pg_url imp$r)" --pg-raw "$(pg_url raw$r)" \
			--pg-copy "$(pg_url copy$r)" --pg-raw-results "$NPREP" | tee -a "$out/pg.txt" || exit 1
		for d in imp raw copy; do pg_sql postgres "DROP DATABASE $d$r" >/dev/null; done
	done
	sed -n 's/.*ceiling, COPY: *\([0-9.]*\) s.*/\1/p' "$out/pg.txt" >"$out/p.copy"
	sed -n 's/.*import into PostgreSQL: *\([0-9.]*\) s.*/\1/p' "$out/pg.txt" >"$out/p.imp"
	sed -n 's/.*ratio import\/COPY ceiling: *\([0-9.]*\).*/\1/p' "$out/pg.txt" >"$out/p.ratio"
	sed -n 's/.*ratio import\/prepared ceiling: *\([0-9.]*\).*/\1/p' "$out/pg.txt" >"$out/p.prep"
	local ratio line; ratio=$(median "$out/p.ratio")
	line="  PostgreSQL import, median of $RUNS: COPY ceiling $(median "$out/p.copy") s, import $(median "$out/p.imp") s, import/COPY $ratio, import/prepared $(median "$out/p.prep") (budget >= 0.50: $(awk -v r="$ratio" 'BEGIN {print (r >= 0.5 ? "met" : "NOT met")}'))"
	echo "$line"
	sum "$line"
	load
	rm -rf "$out"
}

part_query_sqlite() {
	local out; out=$(mktemp)
	echo "== list and diff, SQLite ($N findings)"
	"$B/bench/query_bench" --taskleak "$TL" --findings "$N" $NICE | tee "$out"
	[ "${PIPESTATUS[0]}" = 0 ] || exit 1
	sum_queries SQLite "$out"
	rm -f "$out"
	load
}

part_query_pg() {
	echo "== list and diff, PostgreSQL ($N findings)"
	local server=""
	[ -n "$NICE" ] && server="--server-pid $(head -1 "$TL_PG_DIR/data/postmaster.pid")"
	local out; out=$(mktemp)
	"$B/bench/query_bench" --taskleak "$TL" --findings "$N" --db "$(pg_url query)" $NICE $server |
		tee "$out"
	[ "${PIPESTATUS[0]}" = 0 ] || exit 1
	sum_queries PostgreSQL "$out"
	rm -f "$out"
	echo "  PostgreSQL database: $(pg_sql query "SELECT pg_size_pretty(pg_database_size('query'))")"
	load
}

for p in $PARTS; do
	"part_$p"
done
echo "== summary: the figures with a budget ($N findings; list/diff medians${NICE:+, undisturbed};" \
	"load average $(cut -d' ' -f1-3 /proc/loadavg))"
cat "$SUMMARY"
