#!/usr/bin/env bash
# kill -9 in the middle of an import: the database opens, holds every
# committed run, nothing is half-written, and the import then succeeds.
. "$(dirname "$0")/it_lib.sh"
: "${TL_GEN_SARIF:?}"

mkdir -p "$WORK/small" "$WORK/big"
"$TL_GEN_SARIF" "$WORK/small" 1 1000 0
"$TL_GEN_SARIF" "$WORK/big" 20 10000 1000000          # 200,000 results

run_tl import --run committed "$WORK/small"
expect_eq "first import" "$RC" 0

wal_size() { stat -c %s "$TASKLEAK_DB-wal" 2>/dev/null || echo 0; }

for threshold in 2000000 12000000; do
	base=$(wal_size)
	"$TASKLEAK" import --run doomed "$WORK/big" >/dev/null 2>&1 &
	pid=$!
	# wait until the import has written well into its transaction
	while kill -0 "$pid" 2>/dev/null && [ "$(wal_size)" -lt $((base + threshold)) ]; do
		sleep 0.02
	done
	if kill -9 "$pid" 2>/dev/null; then
		wait "$pid" 2>/dev/null
		expect_eq "killed mid-import (WAL +$threshold)" "$?" 137
	else
		fail "the import finished before it could be killed (WAL +$threshold); make the input bigger"
	fi
	expect_eq "integrity after kill" "$(db "PRAGMA integrity_check")" ok
	expect_eq "references after kill" "$(db "PRAGMA foreign_key_check")" ""
	expect_eq "only the committed run" "$(db "SELECT group_concat(name) FROM runs")" committed
	expect_eq "no stray occurrences" "$(db "SELECT count(*) FROM occurrences WHERE run_id NOT IN (SELECT id FROM runs)")" 0
	expect_eq "findings of the committed run only" "$(db "SELECT count(*) FROM findings")" 1000
	run_tl list --limit 1
	expect_eq "list after kill" "$RC" 0
done

run_tl import --run doomed "$WORK/big"
expect_eq "import again" "$RC" 0
expect_eq "both runs" "$(db "SELECT group_concat(name) FROM runs")" "committed,doomed"
expect_eq "all of the big run" "$(db "SELECT count(*) FROM occurrences o JOIN runs r ON r.id = o.run_id WHERE r.name = 'doomed' AND o.status = 'new'")" 200000
expect_eq "integrity at the end" "$(db "PRAGMA integrity_check")" ok
expect_eq "references at the end" "$(db "PRAGMA foreign_key_check")" ""
finish
