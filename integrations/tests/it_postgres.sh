#!/usr/bin/env bash
# The PostgreSQL store against a real server (pg_server.sh: initdb in a
# temporary folder, Unix socket, torn down after): every command gives
# the same output on PostgreSQL as on SQLite for the same inputs (merge of
# shards, import, list, show, diff, runs, stats, triage, SARIF export;
# diffs of runs that are not adjacent and list --file globs on a five-run
# history);
# merge --all moves a SQLite store into PostgreSQL and back with nothing
# lost (table dumps equal); 8 imports at once into one PostgreSQL store
# lose nothing and never interleave, 8 triage changes at once keep every
# event; a write the server refuses part-way through an import (in a COPY
# or a pipelined UPDATE) fails it with one line, exit 3, nothing kept; an
# unreachable server, a wrong URL and a newer schema fail with one line
# naming the URL without its password, exit 3.
. "$(dirname "$0")/it_lib.sh"
. "$(dirname "$0")/pg_server.sh"
: "${TL_GEN_SARIF:?}"
trap 'pg_stop; rm -rf "$WORK"' EXIT
TL_PG_OPTS="-c fsync=off" pg_start || { echo "FAIL: cannot start PostgreSQL" >&2; exit 1; }

LITE="$WORK/lite.db"
PG=$(pg_url same)
norm() { # timestamps and the store's name differ between the two
	local t=${1//"$LITE"/DB}
	printf '%s' "${t//"$PG"/DB}" | sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{2}:[0-9]{2}:[0-9]{2}Z/TIME/g'
}
both() { # both ARGS...: taskleak ARGS on SQLite then PostgreSQL, compared
	run_tl --db "$LITE" "$@"
	local rc=$RC out err
	out=$(norm "$OUT")
	err=$(norm "$ERR")
	run_tl --db "$PG" "$@"
	expect_eq "$1 exit, as on SQLite" "$RC" "$rc"
	expect_eq "$* output, as on SQLite" "$(norm "$OUT")" "$out"
	expect_eq "$* errors, as on SQLite" "$(norm "$ERR")" "$err"
}

# --- the same commands on both -----------------------------------------
project scanbasic
for i in 1 2; do
	run_tl --db "$WORK/shard$i.db" scan -j 2 --checkers core,unix -p compile_commands.json --shard "$i/2"
	expect_eq "shard $i scanned" "$RC" 0
done
both merge "$WORK/shard1.db" "$WORK/shard2.db"
expect_match "merge output" "$OUT" "merged 2 shards"
mkdir -p "$WORK/gen"
"$TL_GEN_SARIF" "$WORK/gen" 3 40 0
both import --run a "$WORK/gen" "$TL_FIXTURES/clang14-a.plist"
both import --run b "$TL_FIXTURES/clang14-b.plist" "$WORK/gen/part-0000.sarif"
expect_match "import b output" "$OUT" "stored as b"
both import --run a "$TL_FIXTURES/clang14-b.plist"
expect_eq "a run name taken twice" "$RC" 2
both list
expect_match "list shows findings" "$OUT" "unix.Malloc"
id=$(printf '%s\n' "$OUT" | awk '/unix.Malloc/ {print $1; exit}')
both triage "$id" --as false-positive --note "freed by the caller" --by ann
both triage "$id" --as confirmed --by bob
both show "$id"
expect_match "show has the triage history" "$OUT" "ann"
both list --status all
both list --status all --rule GEN1 --limit 5
both list --status all --file 'src/f[0-1]*.c'
expect_match "a GLOB on PostgreSQL" "$OUT" "src/f1.c"
both list --status resolved
both diff a b
both diff --all 1 b
both runs
both stats
both export --format sarif
both export --format sarif --baseline a
expect_match "SARIF out" "$OUT" '"version":[[:space:]]*"2.1.0"'

# --- moving: SQLite -> PostgreSQL -> SQLite ----------------------------
MOVED=$(pg_url moved)
run_tl --db "$MOVED" merge --all "$LITE"
expect_eq "move into PostgreSQL" "$RC" 0
expect_match "move counts" "$OUT" "copied .* [1-9][0-9]* triage events"
run_tl --db "$WORK/back.db" merge --all "$MOVED"
expect_eq "move back into SQLite" "$RC" 0
dump() {
	local t
	for t in runs files findings occurrences triage_events runtime_leaks; do
		echo "== $t"
		sqlite3 -batch "$1" "SELECT * FROM $t ORDER BY 1, 2"
	done
}
expect_eq "round trip: every table as it was" "$(dump "$WORK/back.db")" "$(dump "$LITE")"
expect_match "the dump holds triage history" "$(dump "$LITE")" "freed by the caller"
run_tl --db "$LITE" list --status all
lite_list=$OUT
run_tl --db "$MOVED" list --status all
expect_eq "the moved store lists the same" "$OUT" "$lite_list"
run_tl --db "$MOVED" import --run c "$TL_FIXTURES/clang14-a.plist"
expect_eq "the moved store takes new runs (ids go on)" "$RC" 0
run_tl --db "$MOVED" merge --all "$LITE"
expect_eq "merge --all into a store that is not empty" "$RC" 2
expect_match "names the target" "$ERR" "not empty"

# --- diff between runs that are not adjacent, list --file: as on SQLite
# Five runs over blocks of 200 results (4 files each): a block comes,
# goes and comes back, so a diff that skips runs has new, reopened and
# resolved findings, which it finds from the changes in between.
SAVED_LITE=$LITE SAVED_PG=$PG
LITE="$WORK/hist.db"
PG=$(pg_url hist)
for b in 0 1 2 3 4 5; do
	mkdir -p "$WORK/block$b"
	"$TL_GEN_SARIF" "$WORK/block$b" 2 100 $((b * 200))
done
r=0
for blocks in "0 1 2" "1 2 3" "0 2 3 4" "2 3 4 5" "0 2 4 5"; do
	r=$((r + 1))
	both import --run "h$r" $(for b in $blocks; do echo "$WORK/block$b"; done)
done
expect_match "the fifth run reopens block 0" "$OUT" "total +0 +600 +200 +200"
for pair in "h1 h3" "h2 h4" "h1 h5" "h5 h1" "h2 h3"; do
	both diff $pair
done
both diff h2 h5
expect_match "a diff over three runs: block 0 reopened" "$OUT" "reopened .* task 0 is never"
expect_match "a diff over three runs: block 3 resolved" "$OUT" "resolved .* task 600 is never"
both diff --new h1 h4
both diff --all h2 h5
both diff --format json h2 h5
for glob in 'src/f2*' 'src/f?.c' 'src/f1[0-5].c' '*' 'src/f[!0-9]*' 'nomatch*'; do
	both list --status all --file "$glob"
done
both list --file 'src/f2*' --limit 3
LITE=$SAVED_LITE PG=$SAVED_PG

# --- concurrency: 8 imports at once, 8 triage changes at once ---------
CONC=$(pg_url conc)
per=400
pids=()
for i in 0 1 2 3 4 5 6 7; do
	mkdir -p "$WORK/set$i"
	"$TL_GEN_SARIF" "$WORK/set$i" 4 "$per" $((i * 100000))
done
for i in 0 1 2 3 4 5 6 7; do
	"$TASKLEAK" --db "$CONC" import --run "c$i" "$WORK/set$i" "$TL_FIXTURES/clang14-a.plist" \
		"$TL_FIXTURES/clang14-b.plist" >"$WORK/out$i" 2>"$WORK/err$i" &
	pids+=($!)
done
for i in 0 1 2 3 4 5 6 7; do
	wait "${pids[$i]}"
	expect_eq "import $i exit" "$?" 0
	expect_eq "import $i stderr" "$(cat "$WORK/err$i")" ""
done
pq() { pg_sql conc "$1"; }
expect_eq "eight runs, all finished" "$(pq "SELECT count(*) FROM runs WHERE finished_at IS NOT NULL")" 8
expect_eq "every finding stored once" "$(pq "SELECT count(*) FROM findings")" $((32 * per + 3))
expect_eq "each run holds all its results" \
	"$(pq "SELECT string_agg(n::text, ' ') FROM (SELECT count(*) AS n FROM occurrences WHERE status <> 'resolved' GROUP BY run_id ORDER BY run_id) x")" \
	"$(for i in 1 2 3 4 5 6 7 8; do printf '%s ' $((4 * per + 3)); done | sed 's/ $//')"
want="$((4 * per + 3))|0|0"
for i in 1 2 3 4 5 6 7; do want="$want $((4 * per))|3|$((4 * per))"; done
expect_eq "each run whole, in turn" "$(pq "SELECT string_agg(n_new || '|' || n_unchanged || '|' || n_resolved, ' ' ORDER BY id) FROM runs")" "$want"
expect_eq "no new occurrence outside its finding's first run" "$(pq "SELECT count(*) FROM occurrences o JOIN findings f ON f.id = o.finding_id WHERE o.status = 'new' AND f.first_run <> o.run_id")" 0
fid=$("$TASKLEAK" --db "$CONC" list --rule core.DivideZero | awk '{print $1; exit}')
pids=()
for i in 0 1 2 3 4 5 6 7; do
	"$TASKLEAK" --db "$CONC" triage "$fid" --as confirmed --by "user$i" >/dev/null 2>"$WORK/terr$i" &
	pids+=($!)
done
for i in 0 1 2 3 4 5 6 7; do
	wait "${pids[$i]}"
	expect_eq "triage $i exit" "$?" 0
done
expect_eq "every triage event kept" "$(pq "SELECT string_agg(by, ' ' ORDER BY by) FROM triage_events")" \
	"user0 user1 user2 user3 user4 user5 user6 user7"
expect_eq "events chain: each starts where the one before ended" \
	"$(pq "SELECT string_agg(from_status, ' ' ORDER BY id) FROM triage_events")" \
	"unreviewed confirmed confirmed confirmed confirmed confirmed confirmed confirmed"

# --- a write that fails in the middle of a batch ----------------------
# A server-side error raised by a trigger part-way through the rows an
# import streams (COPY, store_bulk.c) or pipelines (an unchanged
# finding's UPDATE, store_pg_pipe.c): the import fails with one line
# naming the store and the server's message, exit 3, and the store keeps
# exactly what it had (the transaction rolled back). The sequence that
# counts the rows is not rolled back, so the retry passes.
FAILS=$(pg_url fails)
fq() { pg_sql fails "$1"; }
state() { fq "SELECT (SELECT count(*) FROM runs) || ' ' || (SELECT count(*) FROM findings) || ' ' || (SELECT count(*) FROM occurrences) || ' ' || (SELECT count(*) FROM files) || ' ' || (SELECT count(*) FROM runs WHERE finished_at IS NULL)"; }
run_tl --db "$FAILS" import --run f0 "$TL_FIXTURES/clang14-a.plist"
expect_eq "failing writes: a first run" "$RC" 0
n0=$(fq "SELECT count(*) FROM findings")
fq "CREATE SEQUENCE boom_n; CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN IF nextval('boom_n') = TG_ARGV[0]::int THEN RAISE EXCEPTION 'boom at row %', TG_ARGV[0]; END IF; RETURN NEW; END \$\$" >/dev/null
fail_case() { # fail_case WHAT TABLE EVENT N RUN: the import of $WORK/set0 (4 files) fails
	fq "ALTER SEQUENCE boom_n RESTART; CREATE TRIGGER boom BEFORE $3 ON $2 FOR EACH ROW EXECUTE FUNCTION boom('$4')" >/dev/null
	local before
	before=$(state)
	run_tl --db "$FAILS" import --run "$5" "$WORK/set0"
	expect_eq "$1: exit" "$RC" 3
	expect_match "$1: one line naming the store and the server's message" "$ERR" "^taskleak: postgresql://taskleak@/fails\?host=.*: cannot [a-z ]+: boom at row $4\$"
	expect_eq "$1: one line" "$(printf '%s\n' "$ERR" | wc -l)" 1
	expect_eq "$1: nothing half-written" "$(state)" "$before"
	fq "DROP TRIGGER boom ON $2" >/dev/null
}
fail_case "an occurrence refused in a COPY" occurrences INSERT 700 f1
fail_case "a file refused in a COPY" files INSERT 3 f1
run_tl --db "$FAILS" import --run f1 "$WORK/set0"
expect_eq "failing writes: the retry passes" "$RC" 0
expect_eq "failing writes: the retry stored it all" \
	"$(fq "SELECT count(*) || ' ' || count(finished_at) FROM runs") $(fq "SELECT count(*) FROM findings")" \
	"2 2 $((n0 + 4 * per))"
fail_case "a pipelined UPDATE of an unchanged finding refused" findings UPDATE 900 f2
run_tl --db "$FAILS" import --run f2 "$WORK/set0"
expect_eq "failing writes: the second retry passes" "$RC" 0
expect_match "failing writes: all unchanged" "$OUT" "total +0 +$((4 * per)) +0 +0"

# --- planner statistics: a run that grew the tables is analysed ------
STATS=$(pg_url stats)
analyzed() { pg_sql stats "SELECT coalesce(last_analyze::text, 'never') FROM pg_stat_user_tables WHERE relname = 'occurrences'"; }
run_tl --db "$STATS" import --run big "$WORK/set0"
# (last_analyze: set by ANALYZE only, not by autovacuum)
expect_eq "large run: analysed before commit" "$([ "$(analyzed)" != never ] && echo yes)" yes

# --- bad input ---------------------------------------------------------
run_tl --db "postgresql://ann:s3cret@/nodb?host=$WORK/nowhere&port=1" list
expect_eq "unreachable server: exit" "$RC" 3
expect_match "one line naming the URL without password" "$ERR" "^taskleak: postgresql://ann@/nodb\\?host=$WORK/nowhere&port=1: cannot connect to the PostgreSQL server: "
expect_eq "no password in the message" "$(printf '%s' "$ERR" | grep -c s3cret)" 0
expect_eq "one line" "$(printf '%s\n' "$ERR" | wc -l)" 1
run_tl --db "postgresql://ann@/x?host=$TL_PG_DIR&port=$TL_PG_PORT&password=s3cret&bogus=1" list
expect_eq "wrong URL: exit" "$RC" 3
expect_match "wrong URL: names it" "$ERR" "^taskleak: postgresql://ann@/x\\?host=.*&bogus=1: cannot connect"
expect_eq "wrong URL: no password" "$(printf '%s' "$ERR" | grep -c s3cret)" 0
run_tl --db "postgresql://taskleak@/nosuchdb?host=$TL_PG_DIR&port=$TL_PG_PORT" list
expect_eq "no such database: exit" "$RC" 3
NEWER=$(pg_url newer)
run_tl --db "$NEWER" runs
pg_sql newer "UPDATE taskleak_schema SET version = 99"
run_tl --db "$NEWER" list
expect_eq "newer schema: exit" "$RC" 3
expect_match "newer schema: the refusal SQLite gives" "$ERR" "database schema version 99 is newer than this taskleak supports"
run_tl --db "$NEWER" import "$TL_FIXTURES/clang14-a.plist"
expect_eq "newer schema: import refused" "$RC" 3
expect_eq "newer schema: left as it was" "$(pg_sql newer "SELECT version FROM taskleak_schema")" 99
finish
