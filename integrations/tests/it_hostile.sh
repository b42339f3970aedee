#!/usr/bin/env bash
# Hostile and broken input (issue 13): each case below once did harm;
# each now fails cleanly or is shown harmlessly.
. "$(dirname "$0")/it_lib.sh"
: "${TL_GEN_SARIF:?}"

F=$TL_FIXTURES
H=$TL_FIXTURES/hostile
good="$F/clang14-b.plist"

# --- 1. a failed first import never deletes a database another process
# committed to: A creates the database and fails late; B, queued on A's
# lock, commits; B's run must survive A's failure.
mkdir -p "$WORK/race/big"
"$TL_GEN_SARIF" "$WORK/race/big" 4 20000 0
cp "$H/no-message.sarif" "$WORK/race/big/zz-bad.sarif"   # read last
race_db="$WORK/race/db/findings.db"
TASKLEAK_DB="$race_db" "$TASKLEAK" import --run A "$WORK/race/big" >/dev/null 2>"$WORK/race/errA" &
pidA=$!
while [ ! -e "$race_db" ] && kill -0 "$pidA" 2>/dev/null; do sleep 0.01; done
TASKLEAK_DB="$race_db" "$TASKLEAK" import --run B "$good" >"$WORK/race/outB" 2>&1 &
pidB=$!
wait "$pidA"; rcA=$?
wait "$pidB"; rcB=$?
expect_eq "race: A fails" "$rcA" 2
expect_match "race: A names the field" "$(cat "$WORK/race/errA")" "zz-bad.sarif: runs\[0\].results\[0\].message: expected"
expect_eq "race: B succeeds" "$rcB" 0
expect_match "race: B says stored" "$(cat "$WORK/race/outB")" "stored as B"
expect_eq "race: B's run is in the database" \
	"$(sqlite3 -batch -noheader "$race_db" "SELECT group_concat(name) FROM runs" 2>&1)" B

finish
