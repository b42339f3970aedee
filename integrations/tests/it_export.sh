#!/usr/bin/env bash
# it_export.sh - `taskleak export` on real scans of testdata/projects/example:
# SARIF that sarif-multitool (GitHub's ingestion rules, "Gh;Sarif") accepts
# with no error, where clang's own SARIF of the same code fails; baselineState
# new / unchanged / absent against an earlier run; suppressed findings left
# out or kept as suppressions; GitLab Code Quality and rdjson field by field;
# usage errors and exit statuses. Needs the plugin and TL_NPM (npm_tools.sh).
. "$(dirname "$0")/it_lib.sh"
: "${TL_NPM:?}" "${TL_PLUGIN:?the export test needs the plugin}"
SM="$TL_NPM/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
[ -x "$SM" ] || { echo "FAIL: no sarif-multitool in $TL_NPM" >&2; exit 1; }

# validate FILE: runs the validator; sets N_ERR, N_WARN from its SARIF log
# (its exit status is 0 even when it reports errors, so the log is read).
validate() {
	local log="$WORK/validate.sarif"
	rm -f "$log"
	if ! "$SM" validate --rule-kind "Gh;Sarif" --log ForceOverwrite -o "$log" "$1" >"$WORK/validate.out" 2>&1 ||
	   [ ! -s "$log" ]; then
		fail "validator did not run on $1: $(tail -3 "$WORK/validate.out")"
		N_ERR=-1 N_WARN=-1
		return
	fi
	N_ERR=$(jq '[.runs[].results[]? | select((.level // "warning") == "error")] | length' "$log")
	N_WARN=$(jq '[.runs[].results[]? | select((.level // "warning") == "warning")] | length' "$log")
	grep -E ': (error|warning) ' "$WORK/validate.out" | sed 's/^/    /' | cut -c1-200
}

cp -r "$TL_PROJECTS/example" "$WORK/example"
cd "$WORK/example" || exit 1

# --- run 1: the example as it is (TL101 in main.c, TL102 in logger.c)
run_tl scan -j 2 --run base -- make
[ "$RC" = 0 ] || echo "scan: $ERR" >&2
expect_eq "scan base exit" "$RC" 0
run_tl export --format sarif -o base.sarif
expect_eq "export exit" "$RC" 0
expect_eq "export stdout" "$OUT" ""
expect_eq "results" "$(jq '.runs[0].results | length' base.sarif)" 2
expect_eq "rule ids" "$(jq -r '[.runs[0].results[].ruleId] | sort | join(" ")' base.sarif)" "TL101 TL102"
expect_eq "uri base" "$(jq -r '[.runs[0].results[].locations[0].physicalLocation.artifactLocation.uriBaseId] | unique | join(" ")' base.sarif)" "%SRCROOT%"
expect_eq "srcroot" "$(jq -r '.runs[0].originalUriBaseIds["%SRCROOT%"].uri' base.sarif)" "file://$PWD/"
expect_eq "line hashes" "$(jq '[.runs[0].results[].partialFingerprints.primaryLocationLineHash | select(test("^[0-9a-f]+:[0-9]+$"))] | length' base.sarif)" 2
expect_eq "own fingerprints" "$(jq -r '[.runs[0].results[].partialFingerprints["taskleak/v1"]] | sort | join(" ")' base.sarif)" \
	"$(db "SELECT group_concat(fingerprint, ' ') FROM (SELECT fingerprint FROM findings ORDER BY fingerprint)")"
expect_eq "code flows" "$(jq '[.runs[0].results[] | .codeFlows[0].threadFlows[0].locations | length > 0] | all' base.sarif)" true
expect_eq "automation id" "$(jq -r '.runs[0].automationDetails.id' base.sarif)" "taskleak/base"
expect_eq "no baseline state" "$(jq '[.runs[0].results[] | has("baselineState")] | any' base.sarif)" false
expect_match "rule help" "$(jq -r '.runs[0].tool.driver.rules[] | select(.id == "TL101") | .help.markdown' base.sarif)" '^# TL101 UnjoinedTask'
validate base.sarif
expect_eq "validator errors on our export" "$N_ERR" 0
ours="$N_ERR errors, $N_WARN warnings"

# --- clang's own SARIF of the same code, for contrast: the validator must
# find GitHub errors there (rules without descriptions or help), which also
# shows that it does apply GitHub's rules.
clang_err=0 clang_warn=0
for f in main.c logger.c; do
	if ! "$TL_CLANG" --analyze -Xclang -load -Xclang "$TL_PLUGIN" -Xclang -analyzer-checker=taskleak \
		--analyzer-output sarif -o "clang-$f.sarif" "$f" 2>"$WORK/clang.err"; then
		fail "clang --analyze with the plugin failed on $f: $(grep -m1 error "$WORK/clang.err")"
		continue
	fi
	validate "clang-$f.sarif"
	clang_err=$((clang_err + N_ERR)) clang_warn=$((clang_warn + N_WARN))
done
if [ "$clang_err" -gt 0 ]; then ok; else fail "the validator found no error in clang's raw SARIF"; fi
echo "validator (Gh;Sarif): taskleak export: $ours; clang's raw SARIF (2 files): $clang_err errors, $clang_warn warnings"

# --- run 2: lines added above the TL101 and the line reindented, TL102 fixed,
# a new TL101 in a new file
hash_before=$(jq -r '.runs[0].results[] | select(.ruleId == "TL101") | .partialFingerprints.primaryLocationLineHash' base.sarif)
{ printf '/* added */\n/* lines */\n\n'; sed 's/^\t\treturn -1; \/\* Bug/\t\t    return -1; \/* Bug/' main.c; } > main.c.new && mv main.c.new main.c
sed -i 's/job_main/job_entry/g' main.c # another message, same flagged line: updated
sed -i 's/\tpthread_detach(t);/\tpthread_join(t, 0);/' logger.c
cat > extra.c <<'C'
#include "example.h"

static void *idle_main(void *arg)
{
	return arg;
}

int extra_start(void)
{
	pthread_t t;

	if (pthread_create(&t, 0, idle_main, 0) != 0)
		return -1;
	return 0;
}
C
sed -i 's/^OBJS = main.o pool.o logger.o/OBJS = main.o pool.o logger.o extra.o/' Makefile
make clean >/dev/null
run_tl scan -j 2 --run head -- make
expect_eq "scan head exit" "$RC" 0
run_tl export --format sarif --baseline base -o head.sarif
expect_eq "export --baseline exit" "$RC" 0
states=$(jq -r '[.runs[0].results[] | "\(.ruleId):\(.locations[0].physicalLocation.artifactLocation.uri):\(.baselineState)"] | sort | join(" ")' head.sarif)
expect_eq "baseline states" "$states" "TL101:extra.c:new TL101:main.c:updated TL102:logger.c:absent"
expect_eq "line hash survives lines added above" \
	"$(jq -r '.runs[0].results[] | select(.ruleId == "TL101" and .baselineState == "updated") | .partialFingerprints.primaryLocationLineHash' head.sarif)" "$hash_before"
expect_eq "moved line" "$(jq '.runs[0].results[] | select(.baselineState == "updated") | .locations[0].physicalLocation.region.startLine' head.sarif)" 20
validate head.sarif
expect_eq "validator errors with baseline" "$N_ERR" 0
run_tl export --format sarif --run head -o nobase.sarif
expect_eq "without --baseline: the run's 2 findings" "$(jq '.runs[0].results | length' nobase.sarif)" 2
# scan --sarif writes the same as export of that run
make clean >/dev/null
run_tl scan -j 2 --run again --sarif scan.sarif -- make
expect_eq "scan --sarif exit" "$RC" 0
expect_eq "scan --sarif results" "$(jq -c '[.runs[0].automationDetails.id, (.runs[0].results | map(.partialFingerprints["taskleak/v1"]) | sort)]' scan.sarif)" \
	"$(jq -c '["taskleak/again", (.runs[0].results | map(.partialFingerprints["taskleak/v1"]) | sort)]' nobase.sarif)"
run_tl export --format sarif --run again --baseline head -o again.sarif
expect_eq "nothing changed: unchanged" "$(jq -r '[.runs[0].results[].baselineState] | join(" ")' again.sarif)" "unchanged unchanged"
# sources that cannot be read: no line hash, and a warning that says so
mv extra.c extra.c.away
run_tl export --format sarif -o unhashed.sarif
mv extra.c.away extra.c
expect_eq "unreadable source: exit" "$RC" 0
expect_match "unreadable source: warning" "$ERR" "^taskleak export: warning: 1 result\(s\) have no primaryLocationLineHash: their source lines cannot be read under '$PWD'$"
expect_eq "unreadable source: hashes" "$(jq '[.runs[0].results[].partialFingerprints | has("primaryLocationLineHash")] | sort' unhashed.sarif | jq -c .)" '[false,true]'
expect_eq "without --baseline: the run's 2 findings" "$(jq '.runs[0].results | length' nobase.sarif)" 2

# --- suppressed findings
extra=$(db "SELECT substr(fingerprint, 1, 10) FROM findings f JOIN files fi ON fi.id = f.file_id WHERE fi.path = 'extra.c'")
run_tl triage "$extra" --as false-positive --note "the pool owns it"
expect_eq "triage exit" "$RC" 0
run_tl export --format sarif -o supp.sarif
expect_eq "false positive left out" "$(jq -r '[.runs[0].results[].locations[0].physicalLocation.artifactLocation.uri] | join(" ")' supp.sarif)" "main.c"
expect_eq "left-out count" "$(jq '.runs[0].properties.suppressedLeftOut' supp.sarif)" 1
run_tl export --format sarif --include-suppressed -o supp-all.sarif
expect_eq "kept as a suppression" "$(jq -c '[.runs[0].results[] | select(.locations[0].physicalLocation.artifactLocation.uri == "extra.c") | .suppressions[0] | .kind, .status, .justification]' supp-all.sarif)" \
	'["external","accepted","false-positive: the pool owns it"]'
expect_eq "others carry none" "$(jq '[.runs[0].results[] | select(has("suppressions"))] | length' supp-all.sarif)" 1
validate supp-all.sarif
expect_eq "validator errors with suppressions" "$N_ERR" 0
run_tl export --format gitlab --include-suppressed -o gl-all.json
expect_eq "gitlab --include-suppressed" "$RC" 0
expect_eq "gitlab --include-suppressed issues" "$(jq 'length' gl-all.json)" 2
# -o to something that is not a regular file (a pipe here; /dev/null in
# use) is written in place, never replaced by a renamed temporary file
mkfifo "$WORK/pipe"
cat "$WORK/pipe" > from-pipe.json &
reader=$!
run_tl export --format gitlab -o "$WORK/pipe"
expect_eq "export to a pipe" "$RC" 0
if [ -p "$WORK/pipe" ]; then
	ok
	wait "$reader"
else
	fail "the pipe was replaced by a file"
	kill "$reader"
fi
expect_eq "what came through the pipe" "$(jq -r '.[0].check_name' from-pipe.json)" TL101

# --- GitLab Code Quality, field by field
run_tl export --format gitlab -o gl.json
expect_eq "gitlab exit" "$RC" 0
read -r fp line < <(db "SELECT f.fingerprint || ' ' || o.line FROM findings f JOIN occurrences o ON o.finding_id = f.id AND o.run_id = f.last_run WHERE f.rule = 'TL101' AND f.triage = 'unreviewed'")
expect_eq "gitlab issues" "$(jq 'length' gl.json)" 1
expect_eq "gitlab issue" "$(jq -c '.[0] | [.type, .check_name, .fingerprint, .severity, .location.path, .location.lines.begin]' gl.json)" \
	"[\"issue\",\"TL101\",\"$fp\",\"major\",\"main.c\",$line]"
expect_match "gitlab description" "$(jq -r '.[0].description' gl.json)" "^TL101: Thread running 'job_entry' is never joined"

# --- reviewdog rdjson, field by field (to stdout)
run_tl export --format rdjson --run base
expect_eq "rdjson exit" "$RC" 0
printf '%s\n' "$OUT" > rd.json
expect_eq "rdjson source" "$(jq -r '.source.name' rd.json)" taskleak
expect_eq "rdjson diagnostics" "$(jq -c '[.diagnostics[] | [.code.value, .severity, .location.path]] | sort' rd.json)" \
	'[["TL101","WARNING","main.c"],["TL102","ERROR","logger.c"]]'
expect_eq "rdjson line" "$(jq '.diagnostics[] | select(.code.value == "TL101") | .location.range.start.line' rd.json)" 17
expect_eq "rdjson related" "$(jq '[.diagnostics[] | .related_locations | length > 0] | all' rd.json)" true

# --- usage and failures: one line naming the problem, exit 2 or 3
run_tl export
expect_eq "no --format" "$RC" 2
expect_match "no --format message" "$ERR" "give --format sarif, gitlab or rdjson"
run_tl export --format xml
expect_eq "bad --format" "$RC" 2
run_tl export --format sarif --run nosuch
expect_eq "unknown run" "$RC" 2
expect_match "unknown run message" "$ERR" "no run 'nosuch'"
run_tl export --format sarif --baseline nosuch
expect_eq "unknown baseline" "$RC" 2
run_tl export --format sarif -o "$WORK/no/such/dir/out.sarif"
expect_eq "unwritable output" "$RC" 3
expect_match "unwritable output message" "$ERR" "cannot write '$WORK/no/such/dir/out.sarif'"
expect_eq "one line" "$(printf '%s\n' "$ERR" | wc -l)" 1
TASKLEAK_DB="$WORK/none.db" run_tl export --format sarif
expect_eq "missing database" "$RC" 3

# --- clang's own checkers beside ours (scanbasic: core.DivideZero in a
# header, unix.Malloc, TL101): their rules get text made from the checker's
# name, and the export still validates with no error
export TASKLEAK_DB="$WORK/scanbasic.db"
project scanbasic
run_tl scan -j 2 -p compile_commands.json
expect_eq "scanbasic scan" "$RC" 0
run_tl export --format sarif -o sb.sarif
expect_eq "scanbasic rules" "$(jq -c '[.runs[0].tool.driver.rules[].id] | sort' sb.sarif)" '["TL101","core.DivideZero","unix.Malloc"]'
expect_eq "synthesized descriptions" "$(jq -r '.runs[0].tool.driver.rules[] | select(.id == "unix.Malloc") | .shortDescription.text' sb.sarif)" \
	"Clang Static Analyzer checker unix.Malloc"
expect_eq "scanbasic uris" "$(jq -c '[.runs[0].results[].locations[0].physicalLocation.artifactLocation.uri] | sort' sb.sarif)" '["include/util.h","src/a.c","src/b.c"]'
validate sb.sarif
expect_eq "validator errors with clang's checkers" "$N_ERR" 0

finish
