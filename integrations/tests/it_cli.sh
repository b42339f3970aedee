#!/usr/bin/env bash
# The command line as a contract: --help everywhere, usage errors (exit 2,
# one line), list formats, ID prefixes, runs, stats, rules, models check.
. "$(dirname "$0")/it_lib.sh"

for c in scan import list show triage diff runs stats rules models export; do
	run_tl "$c" --help
	expect_eq "$c --help exit" "$RC" 0
	expect_match "$c --help usage" "$OUT" "^usage: taskleak $c"
	expect_eq "$c --help stderr" "$ERR" ""
done
run_tl --help
expect_match "top-level help lists commands" "$OUT" "triage +set a finding's triage status"
run_tl --version
expect_match "version" "$OUT" "^taskleak [0-9]+\.[0-9]+\.[0-9]+ \(clang [0-9.]+\)$"

# usage errors: exit 2, one line
usage() { # NAME ARGS...
	local name=$1; shift
	run_tl "$@"
	expect_eq "$name: exit" "$RC" 2
	expect_eq "$name: one line" "$(printf '%s\n' "$ERR" | wc -l)" 1
}
run_tl
expect_eq "bare taskleak exit" "$RC" 2
expect_match "bare taskleak prints the usage on stderr" "$ERR" "^usage: taskleak"
usage "unknown command" frobnicate
expect_eq "unknown command message" "$ERR" "taskleak: 'frobnicate' is not a taskleak command (see 'taskleak --help')"
usage "unknown option" list --colour
expect_eq "unknown option message" "$ERR" "taskleak list: unknown option or missing value '--colour' (see 'taskleak list --help')"
usage "bad status" list --status maybe
usage "bad format" list --format xml
usage "bad limit" list --limit many
usage "scan without input" scan
usage "scan with both inputs" scan -p x.json -- make
usage "scan bad -j" scan -j 0 -p x.json
usage "scan --fail-on" scan --fail-on sometimes -p x.json
usage "import nothing" import
usage "show two ids" show abcd ef01
usage "triage without --as" triage abcd
usage "models without verb" models

# a database from real clang output
project scanbasic
run_tl import --root . --base . "$TL_FIXTURES/clang14-a.plist" "$TL_FIXTURES/clang14-b.plist"
expect_eq "import exit" "$RC" 0
expect_match "import summary" "$OUT" "TL101 +1 +0 +0 +0"
# the gate on import: the same reports again are not new
TASKLEAK_DB="$WORK/gate.db" run_tl import --fail-on new --base . "$TL_FIXTURES/clang14-b.plist"
expect_eq "import --fail-on new, first time" "$RC" 1
TASKLEAK_DB="$WORK/gate.db" run_tl import --fail-on new --base . "$TL_FIXTURES/clang14-b.plist"
expect_eq "import --fail-on new, again" "$RC" 0
TASKLEAK_DB="$WORK/gate.db" run_tl import --fail-on any --base . "$TL_FIXTURES/clang14-b.plist"
expect_eq "import --fail-on any" "$RC" 1

run_tl list --format json
expect_eq "json is valid" "$(sqlite3 :memory: "SELECT json_valid(readfile('$WORK/out'))")" 1
expect_eq "json has every finding" "$(sqlite3 :memory: "SELECT json_array_length(readfile('$WORK/out'))")" 3
expect_eq "json fields" "$(sqlite3 :memory: "SELECT json_extract(readfile('$WORK/out'), '\$[0].rule') || ' ' || json_extract(readfile('$WORK/out'), '\$[0].file')")" "core.DivideZero include/util.h"
run_tl list --format csv --rule TL101
expect_eq "csv header" "$(printf '%s\n' "$OUT" | head -1)" "id,fingerprint,rule,file,line,col,function,message,detection,triage,runtime_tasks"
expect_match "csv row" "$(printf '%s\n' "$OUT" | tail -1)" '^[0-9a-f]{10},[0-9a-f]{64},"TL101","src/a.c",11,10,"start_worker","Thread running .worker. is never joined or detached \(handle .t.\)",new,unreviewed,0$'
run_tl list --file 'include/*'
expect_eq "--file glob" "$(printf '%s\n' "$OUT" | wc -l)" 1
run_tl list --limit 2
expect_eq "--limit rows" "$(printf '%s\n' "$OUT" | wc -l)" 2
expect_eq "--limit note" "$ERR" "taskleak: showing the first 2 findings; --limit 0 shows all"
run_tl list --status resolved
expect_eq "nothing resolved yet" "$OUT" ""

# IDs: any unique prefix of 4 or more hex digits
db "UPDATE findings SET fingerprint = 'abcd1' || substr(fingerprint, 6) WHERE id = 1;
    UPDATE findings SET fingerprint = 'abcd2' || substr(fingerprint, 6) WHERE id = 2;"
run_tl show abcd
expect_eq "ambiguous prefix exit" "$RC" 2
expect_eq "ambiguous prefix message" "$ERR" "taskleak: finding id 'abcd' is ambiguous: give more digits"
run_tl show ABCD2
expect_eq "unique prefix, any case" "$RC" 0
expect_match "show header" "$OUT" "^finding  abcd2"
run_tl show abc
expect_eq "too short" "$RC" 2

run_tl runs
expect_match "runs" "$OUT" "^ +1  run-1 .* import +3 new +0 unchanged +0 reopened +0 resolved  Debian clang"
run_tl stats
expect_match "stats detection" "$OUT" "new +3"
expect_match "stats by rule" "$OUT" "TL101 +1"

run_tl rules
expect_eq "rules: one line each" "$(printf '%s\n' "$OUT" | wc -l)" "$(grep -c '"id": "TL' "$TASKLEAK_CATALOG")"
run_tl rules TL101
expect_match "rule page" "$OUT" "checker +taskleak.lifetime.UnjoinedTask"
expect_match "rule CWE" "$OUT" "CWE-772"
run_tl rules taskleak.lifetime.DoubleJoin
expect_match "rule by checker name" "$OUT" "^TL104 "
run_tl rules TL999
expect_eq "unknown rule exit" "$RC" 2
expect_eq "unknown rule message" "$ERR" "taskleak: no rule 'TL999' (see 'taskleak rules')"

# models check: the plugin's own loader
models=("$(dirname "$TASKLEAK_CATALOG")"/models/*.json)
printf '{"library": "mine", "functions": [{"name": "my_spawn", "role": "spawn", "handle_out": "zero"}]}\n' > "$WORK/bad-model.json"
run_tl models check "$WORK/bad-model.json"
if [ "$RC" = 3 ] && printf '%s' "$ERR" | grep -q "not available in this build"; then
	echo "note: built without checker/core; models check unavailable"
else
	expect_eq "bad model exit" "$RC" 2
	expect_match "bad model message names the file" "$ERR" "^taskleak: $WORK/bad-model.json:1: "
	printf '{"library": "mine", "functions": [{"name": "my_spawn", "role": "spawn", "handle_out": 0, "entry": 1, "entry_arg": 2, "success": "zero"}]}\n' > "$WORK/good-model.json"
	run_tl models check "$WORK/good-model.json"
	expect_eq "good model exit" "$RC" 0
	expect_eq "good model output" "$OUT" "$WORK/good-model.json: ok, 1 functions"
	printf '{"library": "p", "functions": [],\n "entries": [{"name": "q_loop", "origin": "w.c:5",\n  "stops_on": [{"record": "q_t"}]}]}\n' > "$WORK/bad-stops.json"
	run_tl models check "$WORK/bad-stops.json"
	expect_eq "bad stops_on exit" "$RC" 2
	expect_eq "bad stops_on message" "$ERR" \
		"taskleak: $WORK/bad-stops.json:3: entries[0].stops_on: a test needs \"record\" and \"field\" names"
fi
finish
