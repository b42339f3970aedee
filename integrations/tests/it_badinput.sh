#!/usr/bin/env bash
# The bad-input table: each case gives the exact exit status, one line on
# stderr naming the file, and leaves the database as it was (or absent).
. "$(dirname "$0")/it_lib.sh"

F=$TL_FIXTURES
good="$F/clang14-b.plist"
dump() { sqlite3 "$1" .dump | sha256sum; }

# expect_bad NAME WANT_RC FILE_IN_MESSAGE TASKLEAK_ARGS...
expect_bad() {
	local name=$1 want=$2 file=$3
	shift 3
	run_tl "$@"
	expect_eq "$name: exit" "$RC" "$want"
	expect_eq "$name: one line" "$(printf '%s\n' "$ERR" | wc -l)" 1
	case "$ERR" in
	"taskleak: "*"$file"*) ok ;;
	*) fail "$name: message does not name $file: $ERR" ;;
	esac
	expect_eq "$name: nothing on stdout" "$OUT" ""
}

# --- bad reports, into an existing database: exit 2, database unchanged
run_tl import --run good "$good"
expect_eq "good import" "$RC" 0
before=$(dump "$TASKLEAK_DB")

expect_bad "truncated plist" 2 "$F/bad-truncated.plist" import "$F/bad-truncated.plist"
expect_match "truncated plist: place" "$ERR" "bad-truncated.plist:[0-9]+: malformed plist XML"
expect_bad "XML that is not a plist" 2 "$F/bad-not-plist.plist" import "$F/bad-not-plist.plist"
expect_match "not a plist: why" "$ERR" "bad-not-plist.plist:2: not a plist \(root element is <html>\)$"
expect_bad "SARIF with wrong types" 2 "$F/bad-types.sarif" import "$F/bad-types.sarif"
expect_match "wrong types: field" "$ERR" "bad-types.sarif: runs\[0\].results\[1\].locations\[0\].physicalLocation.region.startLine: expected an integer$"
expect_bad "empty file" 2 "$F/bad-empty.plist" import "$F/bad-empty.plist"
expect_match "empty file: why" "$ERR" "bad-empty.plist: empty file"
mkdir -p "$WORK/noreports"
echo "not a report" > "$WORK/noreports/notes.txt"
expect_bad "folder without reports" 2 "$WORK/noreports" import "$WORK/noreports"
expect_match "folder without reports: why" "$ERR" "noreports: no reports in this folder"
expect_bad "missing file" 2 "$WORK/nothere.plist" import "$WORK/nothere.plist"
# a good file with a bad one: all or nothing
expect_bad "good and bad together" 2 "$F/bad-types.sarif" import "$good" "$F/bad-types.sarif"
expect_eq "database unchanged by bad reports" "$(dump "$TASKLEAK_DB")" "$before"
expect_eq "still one run" "$(db "SELECT count(*) FROM runs")" 1

# --- a bad report and no database yet: the database made stays (another
# import may have committed to it meanwhile, see it_hostile.sh), empty
export TASKLEAK_DB="$WORK/fresh/findings.db"
expect_bad "bad report, fresh database" 2 "$F/bad-truncated.plist" import "$F/bad-truncated.plist"
expect_eq "fresh database: no run stored" "$(db "SELECT count(*) FROM runs")" 0

# --- bad databases: exit 3, the file untouched
newer="$WORK/newer.db"
sqlite3 "$newer" "CREATE TABLE future(x); PRAGMA user_version = 99;"
sum=$(sha256sum < "$newer")
export TASKLEAK_DB="$newer"
expect_bad "newer schema (import)" 3 "$newer" import "$good"
expect_match "newer schema: why" "$ERR" "schema version 99 is newer than this taskleak supports"
expect_bad "newer schema (list)" 3 "$newer" list
expect_eq "newer schema: file unchanged" "$(sha256sum < "$newer")" "$sum"

cp "$F/bad-not-sqlite.db" "$WORK/text.db"
sum=$(sha256sum < "$WORK/text.db")
export TASKLEAK_DB="$WORK/text.db"
expect_bad "not SQLite (import)" 3 "$WORK/text.db" import "$good"
expect_match "not SQLite: why" "$ERR" "text.db: not a SQLite database$"
expect_bad "not SQLite (runs)" 3 "$WORK/text.db" runs
expect_eq "not SQLite: file unchanged" "$(sha256sum < "$WORK/text.db")" "$sum"

# a read-only database: chmod for a normal user; root ignores modes, so
# there the file is made immutable (chattr), or, where that is not
# allowed, the path is on a read-only file system
ro="$WORK/ro/findings.db"
mkdir -p "$WORK/ro"
TASKLEAK_DB="$ro" "$TASKLEAK" import --run good "$good" >/dev/null 2>&1
sqlite3 "$ro" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
before=$(dump "$ro")
if [ "$(id -u)" != 0 ]; then
	chmod 0444 "$ro"; chmod 0555 "$WORK/ro"; made_ro=1
elif chattr +i "$ro" 2>/dev/null; then
	made_ro=2
else
	made_ro=0
fi
if [ "$made_ro" != 0 ]; then
	export TASKLEAK_DB="$ro"
	expect_bad "read-only database (import)" 3 "$ro" import "$good"
	expect_match "read-only: why" "$ERR" "read-only"
	expect_bad "read-only database (triage)" 3 "$ro" triage 0000 --as confirmed
	[ "$made_ro" = 2 ] && chattr -i "$ro"
	[ "$made_ro" = 1 ] && chmod 0755 "$WORK/ro" && chmod 0644 "$ro"
	expect_eq "read-only: database unchanged" "$(dump "$ro")" "$before"
else
	echo "note: cannot make a read-only file here; using a read-only file system path"
fi
export TASKLEAK_DB=/proc/self/taskleak/findings.db
expect_bad "database on a read-only file system" 3 "/proc/self/taskleak" import "$good"
finish
