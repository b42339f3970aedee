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

# --- 5. control characters from a report never reach the terminal raw:
# not in import's summary, list, show, diff, stats or runs
export TASKLEAK_DB="$WORK/ctl/findings.db"
mkdir -p "$WORK/ctl/src"
printf 'int x;\nint y;\nint z;\n' > "$WORK/ctl/src/a"$'\033'"[31m.c"
# raw controls (other than newline) and UTF-8 C1 controls (U+0080..U+009F)
has_raw_controls() { printf '%s' "$1" | LC_ALL=C grep -q $'[\x01-\x09\x0b-\x1f\x7f]\|\xc2[\x80-\x9f]'; }
expect_clean() {
	if has_raw_controls "$2"; then fail "$1: raw control characters in the output"; else ok; fi
}
run_tl import --run ctl --root "$WORK/ctl" "$H/control-chars.sarif"
expect_eq "control chars: import" "$RC" 0
expect_clean "import summary" "$OUT"
expect_match "import summary: escape shown" "$OUT" 'R\\x1b\[2J'
run_tl list
expect_clean "list" "$OUT"
expect_eq "list: one finding, one line" "$(printf '%s\n' "$OUT" | wc -l)" 1
expect_match "list: the newline is shown" "$OUT" 'ok\\nfa1e000000'
id=$(printf '%s' "$OUT" | cut -c1-10)
run_tl show "$id"
expect_eq "show: exit" "$RC" 0
expect_clean "show" "$OUT"
expect_match "show: the function" "$OUT" 'in fn\\x08\\x08x'
expect_match "show: C1 control" "$OUT" '\\u009b31m'
run_tl diff ctl ctl --unchanged
expect_clean "diff" "$OUT"
run_tl stats
expect_clean "stats" "$OUT"
run_tl runs
expect_clean "runs" "$OUT"
# CSV and JSON keep the text as it is, in their own quoting
run_tl list --format json
expect_match "json keeps its escapes" "$OUT" '\\u001b'

# --- 6. absurd numbers are clamped at import (docs/cli.md, Limits): line
# 1..10^7, column 0..10^5, depth 0..64; show stays small
export TASKLEAK_DB="$WORK/absurd/findings.db"
run_tl import --run absurd --root "$WORK" --base "$WORK" "$H/absurd.sarif" "$H/absurd.plist"
expect_eq "absurd: import" "$RC" 0
expect_eq "absurd: lines and columns" \
	"$(db "SELECT group_concat(line || ':' || col, ' ') FROM (SELECT line, col FROM occurrences ORDER BY message)")" \
	"1:100000 1:100000"
expect_eq "absurd: steps" \
	"$(db "SELECT group_concat(json_extract(j.value, '$.line') || ':' || json_extract(j.value, '$.col') || ':' || json_extract(j.value, '$.depth'), ' ') FROM occurrences, json_each(occurrences.path) j")" \
	"10000000:0:64 2:0:0 10000000:0:64"
for id in $(db "SELECT substr(fingerprint, 1, 10) FROM findings"); do
	size=$(timeout 60 "$TASKLEAK" show "$id" 2>/dev/null | head -c 100000 | wc -c)
	if [ "$size" -gt 0 ] && [ "$size" -lt 2000 ]; then ok; else fail "absurd: show $id printed $size bytes"; fi
done

# --- 7. show prints source lines from under the root only, unless asked:
# an absolute path, a ../ path and a symlink out of the tree are refused
export TASKLEAK_DB="$WORK/outside/findings.db"
mkdir -p "$WORK/outside/proj/src"
printf 'int inside_line;\n' > "$WORK/outside/proj/src/in.c"
ln -s /etc/passwd "$WORK/outside/proj/src/link.c"
first=$(head -n 1 /etc/passwd)
run_tl import --run out --root "$WORK/outside/proj" --base "$WORK/outside/proj" "$H/outside-root.sarif"
expect_eq "outside: import" "$RC" 0
expect_eq "outside: paths stored as they are" "$(db "SELECT path FROM files ORDER BY path")" "/etc/passwd"
id=$(db "SELECT substr(fingerprint, 1, 10) FROM findings")
run_tl show "$id"
expect_eq "outside: show exit" "$RC" 0
case "$OUT" in *"$first"*) fail "outside: show printed /etc/passwd" ;; *) ok ;; esac
expect_match "outside: says so" "$OUT" "not shown: outside the root; --allow-outside-root shows it"
expect_match "outside: source inside still shown" "$OUT" "int inside_line;"
run_tl show --allow-outside-root "$id"
expect_match "outside: shown when asked" "$OUT" "$(printf '%s' "$first" | sed 's/[].[*^$\\/]/\\&/g')"

# --- 9. a WAL database in a folder that cannot be written (a CI cache
# mounted read-only): list, show, export, diff, stats and runs still read
# it; writes fail with exit 3; nothing changes. A normal user gets chmod;
# root ignores modes, so there the folder is made immutable (chattr), or,
# where that is not allowed, the commands run as nobody after a chmod.
rof="$WORK/rof"
mkdir -p "$rof"
TASKLEAK_DB="$rof/findings.db" "$TASKLEAK" import --run one "$good" >/dev/null 2>&1
expect_eq "read-only folder: WAL mode" "$(sqlite3 "$rof/findings.db" "PRAGMA journal_mode")" wal
expect_eq "read-only folder: no -shm left" "$(ls "$rof")" findings.db
sum=$(sha256sum < "$rof/findings.db")
as=()
if [ "$(id -u)" != 0 ]; then
	chmod 0555 "$rof"; how=chmod
elif chattr +i "$rof" 2>/dev/null; then
	how=chattr
else
	chmod 0555 "$rof"; chmod 0755 "$WORK"; how=nobody
	as=(setpriv --reuid 65534 --regid 65534 --clear-groups)
fi
ro_tl() { RC=0; OUT=$(TASKLEAK_DB="$rof/findings.db" "${as[@]}" "$TASKLEAK" "$@" 2>"$WORK/err") || RC=$?; ERR=$(cat "$WORK/err"); }
ro_tl list
expect_eq "read-only folder ($how): list" "$RC" 0
expect_match "read-only folder: list output" "$OUT" "core.DivideZero"
expect_eq "read-only folder: list stderr" "$ERR" ""
id=$(printf '%s' "$OUT" | head -n 1 | cut -c1-10)
ro_tl show "$id"
expect_eq "read-only folder: show" "$RC" 0
ro_tl export --format sarif
expect_eq "read-only folder: export" "$RC" 0
expect_match "read-only folder: export output" "$OUT" '"version":[[:space:]]*"2.1.0"'
for c in stats runs "diff one one"; do
	ro_tl $c
	expect_eq "read-only folder: $c" "$RC" 0
done
ro_tl import --run two "$good"
expect_eq "read-only folder: import fails" "$RC" 3
ro_tl triage "$id" --as confirmed
expect_eq "read-only folder: triage fails" "$RC" 3
[ "$how" = chattr ] && chattr -i "$rof"
chmod 0755 "$rof"
expect_eq "read-only folder: database unchanged" "$(sha256sum < "$rof/findings.db")" "$sum"
expect_eq "read-only folder: nothing left beside it" "$(ls "$rof")" findings.db

# --- a report naming a device or a FIFO as its source: only regular files
# are read (/dev/zero was read forever, a FIFO blocked the import)
export TASKLEAK_DB="$WORK/dev/findings.db"
mkdir -p "$WORK/dev"
mkfifo "$WORK/dev/fifo.c"
printf '{"version":"2.1.0","runs":[{"results":[%s,%s]}]}\n' \
	'{"ruleId":"D","message":{"text":"zero"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"/dev/zero"},"region":{"startLine":2}}}]}' \
	'{"ruleId":"D","message":{"text":"fifo"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"fifo.c"},"region":{"startLine":2}}}]}' \
	> "$WORK/dev/devices.sarif"
timeout 60 "$TASKLEAK" import --root "$WORK/dev" "$WORK/dev/devices.sarif" >/dev/null 2>&1
expect_eq "devices: import finishes" "$?" 0
for id in $(db "SELECT substr(fingerprint, 1, 10) FROM findings"); do
	timeout 60 "$TASKLEAK" show --allow-outside-root --root "$WORK/dev" "$id" >/dev/null 2>&1
	expect_eq "devices: show $id finishes" "$?" 0
done

finish
