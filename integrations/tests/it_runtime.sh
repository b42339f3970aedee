#!/usr/bin/env bash
# import --runtime end to end: a program scanned with the plugin and run
# under libtaskleak-rt; the static finding its run shows is confirmed, the
# leak the analysis missed becomes TL101R; list, show and SARIF say so; the
# two kinds of run leave each other's findings alone; bad reports fail.
# Needs TL_PLUGIN, RT_LIB and TL_RT_SRC (testdata/runtime).
. "$(dirname "$0")/it_lib.sh"
: "${RT_LIB:?}" "${TL_RT_SRC:?}"
if [ -z "${TL_PLUGIN:-}" ]; then
	echo "note: plugin not built; nothing to match against"
	finish
fi

mkdir -p "$WORK/rtproj/src"
cp "$TL_RT_SRC/leak.c" "$WORK/rtproj/src/leak.c"
cd "$WORK/rtproj" || exit 1
write_cdb
"$TL_CLANG" -g -O0 -o leak src/leak.c -lpthread || exit 1
TASKLEAK_RT_OUT="$WORK/rt.jsonl" env LD_PRELOAD="$RT_LIB" ./leak
expect_eq "the run shows two leaks" "$(jq -rs 'map(select(.type=="leak")) | length' "$WORK/rt.jsonl")" 2

run_tl scan -j 1 --plugin "$TL_PLUGIN" --clang "$TL_CLANG" -p compile_commands.json
expect_eq "scan exit" "$RC" 0
expect_match "the analysis finds start_one's leak" "$OUT" "TL101 +1 "
expect_eq "its spawn step is the call" "$(db "SELECT count(*) FROM findings f JOIN occurrences o ON o.finding_id = f.id, json_each(o.path) j WHERE f.rule = 'TL101' AND json_extract(j.value, '$.line') = 24 AND json_extract(j.value, '$.message') LIKE '%spawned here%'")" 1

run_tl import --runtime "$WORK/rt.jsonl"
expect_eq "import --runtime exit" "$RC" 0
expect_match "summary" "$OUT" "run time: 2 leak sites, 1 confirmed 1 static findings, 1 missed by the analysis \(TL101R\)"
expect_match "the miss counted as a new TL101R" "$OUT" "TL101R +1 +0 +0 +0"
expect_eq "TL101 confirmed" "$(db "SELECT runtime_tasks FROM findings WHERE rule = 'TL101'")" 1
expect_eq "TL101R at the spawn call of start_saved" "$(db "SELECT fi.path || ':' || o.line || ' ' || f.function FROM findings f JOIN files fi ON fi.id = f.file_id JOIN occurrences o ON o.finding_id = f.id AND o.run_id = f.last_run WHERE f.rule = 'TL101R'")" "src/leak.c:31 start_saved"
expect_eq "run-time rows" "$(db "SELECT group_concat(line || ':' || confirmed || ':' || running || ':' || finished, ' ') FROM (SELECT * FROM runtime_leaks ORDER BY line)")" "24:1:0:1 31:0:1:0"
expect_eq "run source" "$(db "SELECT source FROM runs ORDER BY id DESC LIMIT 1")" "runtime"

run_tl list
expect_match "list marks the confirmed finding" "$OUT" "TL101 .*src/leak.c:[0-9]+:[0-9]+: .*\[rt: 1 tasks leaked at run time\]"
expect_match "list shows the TL101R" "$OUT" "TL101R .*src/leak.c:31:"
id=$(db "SELECT substr(fingerprint, 1, 8) FROM findings WHERE rule = 'TL101'")
run_tl show "$id"
expect_match "show says confirmed" "$OUT" "confirmed at run time: 1 tasks"
run_tl export --format sarif --run run-1 --out "$WORK/out.sarif"
expect_eq "export exit" "$RC" 0
expect_eq "SARIF property" "$(jq -r '.runs[0].results[] | select(.ruleId=="TL101") | .properties["taskleak/runtimeTasks"]' "$WORK/out.sarif")" 1

# a second analysis leaves the TL101R open; a run-time import that no
# longer shows it resolves it, and leaves the static finding alone
run_tl scan -j 1 --plugin "$TL_PLUGIN" --clang "$TL_CLANG" -p compile_commands.json
expect_eq "TL101R survives a scan" "$(db "SELECT detection FROM findings WHERE rule = 'TL101R'")" "new"
expect_eq "confirmation survives a scan" "$(db "SELECT runtime_tasks FROM findings WHERE rule = 'TL101'")" 1
TASKLEAK_RT_OUT="$WORK/rt2.jsonl" TASKLEAK_RT_IGNORE=forever env LD_PRELOAD="$RT_LIB" ./leak
run_tl import --runtime "$WORK/rt2.jsonl"
expect_match "second run-time import" "$OUT" "1 leak sites, 1 confirmed"
expect_eq "TL101R resolved by it" "$(db "SELECT detection FROM findings WHERE rule = 'TL101R'")" "resolved"
expect_eq "TL101 untouched by it" "$(db "SELECT detection FROM findings WHERE rule = 'TL101'")" "unchanged"

# path spelling: the same report from a build in another folder
sed "s|$WORK/rtproj/|/elsewhere/build/tree/|g" "$WORK/rt.jsonl" > "$WORK/moved.jsonl"
expect_eq "moved paths" "$(grep -c /elsewhere/build/tree/src/leak.c "$WORK/moved.jsonl")" 4
TASKLEAK_DB="$WORK/db3/findings.db" run_tl scan -j 1 --plugin "$TL_PLUGIN" --clang "$TL_CLANG" -p compile_commands.json
TASKLEAK_DB="$WORK/db3/findings.db" run_tl import --runtime "$WORK/moved.jsonl"
expect_match "matched by path tail" "$OUT" "2 leak sites, 1 confirmed 1 static findings, 1 missed"

# bad input: one line naming file and line, exit 2, nothing stored
runs=$(db "SELECT count(*) FROM runs")
{ head -1 "$WORK/rt.jsonl"; echo '{"type": "leak", oops'; } > "$WORK/bad.jsonl"
run_tl import --runtime "$WORK/bad.jsonl"
expect_eq "bad report exit" "$RC" 2
expect_match "bad report named" "$ERR" "bad.jsonl:2: not JSON"
expect_eq "no run stored" "$(db "SELECT count(*) FROM runs")" "$runs"
run_tl import --runtime "$WORK/missing.jsonl"
expect_eq "missing report exit" "$RC" 2
finish
