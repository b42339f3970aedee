#!/usr/bin/env bash
# Eight imports at once into one database (the join jobs of eight CI
# pipelines) lose nothing: every run is stored whole, every result is
# there, no run interleaved with another, the database is intact.
. "$(dirname "$0")/it_lib.sh"
: "${TL_GEN_SARIF:?}"

per=2500
runs="0 1 2 3 4 5 6 7"
for i in $runs; do
	mkdir -p "$WORK/set$i"
	"$TL_GEN_SARIF" "$WORK/set$i" 4 "$per" $((i * 100000))   # 4 files x 2500, disjoint
done
# and clang's own plists, imported by all eight as well
cp "$TL_FIXTURES/clang14-a.plist" "$TL_FIXTURES/clang14-b.plist" "$WORK/"

mkdir -p "$WORK/db"
pids=()
for i in $runs; do
	"$TASKLEAK" import --run "c$i" --root "$TL_PROJECTS/scanbasic" --base "$TL_PROJECTS/scanbasic" \
		"$WORK/set$i" "$WORK/clang14-a.plist" "$WORK/clang14-b.plist" \
		>"$WORK/out$i" 2>"$WORK/err$i" &
	pids+=($!)
done
for i in $runs; do
	wait "${pids[$i]}"
	expect_eq "import $i exit" "$?" 0
	expect_eq "import $i stderr" "$(cat "$WORK/err$i")" ""
done

expect_eq "integrity" "$(db "PRAGMA integrity_check")" ok
expect_eq "references" "$(db "PRAGMA foreign_key_check")" ""
expect_eq "eight runs, all finished" "$(db "SELECT count(*) FROM runs WHERE finished_at IS NOT NULL")" 8
for i in $runs; do
	seen=$(db "SELECT count(*) FROM occurrences o JOIN runs r ON r.id = o.run_id WHERE r.name = 'c$i' AND o.status <> 'resolved'")
	# 4 x 5000 generated, plus DivideZero (once, from both plists), TL101, unix.Malloc
	expect_eq "run c$i holds all its results" "$seen" $((4 * per + 3))
done
expect_eq "every finding stored once" "$(db "SELECT count(*) FROM findings")" $((32 * per + 3))
expect_eq "the shared header finding, two reports per run" "$(db "SELECT group_concat(o.reports) FROM occurrences o JOIN findings f ON f.id = o.finding_id WHERE f.rule = 'core.DivideZero'")" "2,2,2,2,2,2,2,2"
# statuses add up: each run resolves what only the previous run had
expect_eq "resolved rows" "$(db "SELECT count(*) FROM occurrences WHERE status = 'resolved'")" $((7 * 4 * per))
# no run interleaved with another: in id order, each run found its own
# 4 x per new, kept the 3 shared ones, and resolved exactly the previous
# run's own findings (an interleaved run would resolve part of them, or
# see part of another run's as its own)
want="$((4 * per + 3))|0|0"
for i in 1 2 3 4 5 6 7; do want="$want $((4 * per))|3|$((4 * per))"; done
expect_eq "each run whole, in turn" "$(db "SELECT group_concat(n_new || '|' || n_unchanged || '|' || n_resolved, ' ') FROM (SELECT * FROM runs ORDER BY id)")" "$want"
expect_eq "each run's occurrences are its own set's" "$(db "SELECT count(*) FROM occurrences o JOIN findings f ON f.id = o.finding_id WHERE o.status = 'new' AND f.first_run <> o.run_id")" 0
finish
