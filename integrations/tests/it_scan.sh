#!/usr/bin/env bash
# scan -p with clang's own checkers, with the plugin when built, and
# scan -- BUILD under intercept-build; the --fail-on gate.
. "$(dirname "$0")/it_lib.sh"

project scanbasic
scan_core --fail-on new
expect_eq "first scan, --fail-on new" "$RC" 1
expect_match "summary names the rules" "$OUT" "core.DivideZero +1 +0 +0 +0"
expect_match "summary names the leak" "$OUT" "unix.Malloc +1 +0 +0 +0"
expect_match "summary names the run" "$OUT" "stored as run-1"
# the header finding came from both translation units, stored once
expect_eq "findings stored" "$(db "SELECT count(*) FROM findings")" 2
expect_eq "header finding reports" "$(db "SELECT o.reports FROM occurrences o JOIN findings f ON f.id = o.finding_id WHERE f.rule = 'core.DivideZero'")" 2
expect_eq "header path relative to the root" "$(db "SELECT path FROM files ORDER BY path LIMIT 1")" "include/util.h"
expect_eq "function recorded" "$(db "SELECT function FROM findings WHERE rule = 'unix.Malloc'")" "make_buffer"
expect_eq "steps stored" "$(db "SELECT json_array_length(path) > 1 FROM occurrences WHERE finding_id = 1")" 1
expect_eq "run source" "$(db "SELECT source || ' ' || (tool LIKE '%clang%') FROM runs")" "scan 1"

scan_core --fail-on new
expect_eq "second scan, nothing new" "$RC" 0
expect_match "second scan unchanged" "$OUT" "total +0 +2 +0 +0"
scan_core --fail-on any
expect_eq "--fail-on any with open findings" "$RC" 1

# list, show: the message, the steps, their source lines
run_tl list --format csv
expect_eq "list csv rows" "$(printf '%s\n' "$OUT" | tail -n +2 | wc -l)" 2
id=$(db "SELECT substr(fingerprint, 1, 8) FROM findings WHERE rule = 'unix.Malloc'")
run_tl show "$id"
expect_eq "show exit" "$RC" 0
expect_match "show message" "$OUT" "src/b.c:7:12: warning: Potential leak of memory pointed to by 'p' \[unix.Malloc\]"
expect_match "show a step" "$OUT" "1\. src/b.c:5:12: Memory is allocated"
expect_match "show its source line" "$OUT" "5 \|   int \*p = malloc"

# with the plugin: TL101 from our checker, mapped to its rule id
if [ -n "${TL_PLUGIN:-}" ]; then
	export TASKLEAK_DB="$WORK/db2/findings.db"
	run_tl scan -j 2 --plugin "$TL_PLUGIN" --clang "$TL_CLANG" -p compile_commands.json
	expect_eq "plugin scan exit" "$RC" 0
	expect_match "plugin scan finds TL101" "$OUT" "TL101 +1 "
	expect_eq "TL101 checker" "$(db "SELECT checker FROM findings WHERE rule = 'TL101'")" "taskleak.lifetime.UnjoinedTask"
	expect_eq "default checkers ran too" "$(db "SELECT count(*) FROM findings WHERE rule = 'unix.Malloc'")" 1
	# --model: a project's own spawn API, taught through a model file
	mkdir -p "$WORK/custom/src"
	cat > "$WORK/custom/src/c.c" <<'C'
typedef struct task *task_t;
int my_spawn(task_t *t, void *(*fn)(void *), void *arg);
static void *job(void *arg) { return arg; }
int start_job(void) {
  task_t t;
  if (my_spawn(&t, job, 0) != 0)
    return -1;
  return 0;
}
C
	printf '{"library": "mine", "functions": [{"name": "my_spawn", "role": "spawn", "handle_out": 0, "entry": 1, "entry_arg": 2, "success": "zero"}]}\n' > "$WORK/mine.json"
	printf '{"library": "mine", "functions": [{"name": "my_spawn", "role": "spawn", "handle_out": "first"}]}\n' > "$WORK/broken.json"
	(cd "$WORK/custom" && write_cdb)
	export TASKLEAK_DB="$WORK/db5/findings.db"
	cust=(-j 1 --plugin "$TL_PLUGIN" --clang "$TL_CLANG" --root "$WORK/custom" -p "$WORK/custom/compile_commands.json")
	run_tl scan "${cust[@]}"
	expect_match "unknown API: nothing" "$OUT" "total +0 +0 +0 +0"
	run_tl scan "${cust[@]}" --model "$WORK/mine.json"
	expect_match "--model: the leak is found" "$OUT" "TL101 +1 +0 +0 +0"
	run_tl scan "${cust[@]}" --model "$WORK/broken.json"
	expect_eq "broken model exit" "$RC" 3
	expect_match "broken model named" "$ERR" "broken.json"
	expect_eq "broken model: no run stored" "$(db "SELECT count(*) FROM runs")" 2
	cd "$WORK/scanbasic" || exit 1
else
	echo "note: plugin not built; TL101 end to end skipped"
fi

# on a terminal (script gives the scan a pty): the progress line and colour;
# piped (all of the above), neither
if command -v script >/dev/null; then
	TASKLEAK_DB="$WORK/dbtty/findings.db" TERM=xterm NO_COLOR= script -qec \
		"'$TASKLEAK' scan -j 1 --checkers core,unix -p compile_commands.json" /dev/null > "$WORK/tty.out" 2>&1
	expect_eq "tty scan exit" "$?" 0
	expect_eq "progress on a terminal" "$(grep -c $'\\[2/2\\] src/b.c' "$WORK/tty.out")" 1
	expect_eq "colour on a terminal" "$(grep -c $'\033\\[1;31m' "$WORK/tty.out")" 2
	TASKLEAK_DB="$WORK/dbpipe/findings.db" scan_core
	expect_eq "piped scan exit" "$RC" 0
	expect_eq "no progress when piped" "$(printf '%s' "$ERR" | grep -c '\[1/2\]')" 0
	expect_eq "no colour when piped" "$(printf '%s' "$OUT$ERR" | grep -c $'\033')" 0
else
	echo "note: no script(1); terminal output not tested"
fi

# -- BUILD COMMAND: the build runs under intercept-build
export TASKLEAK_DB="$WORK/db3/findings.db"
make -s clean >/dev/null
run_tl scan -j 2 --checkers core,unix -- make -s CC=cc
expect_eq "scan -- make exit" "$RC" 0
expect_match "scan -- make summary" "$OUT" "total +2 +0 +0 +0"
run_tl scan --checkers core,unix -- false
expect_eq "failing build exit" "$RC" 3
expect_match "failing build message" "$ERR" "^taskleak: build command 'false' failed"

# scan-build's own plist output imports too, and names the leak with the
# same fingerprint as taskleak scan (single-file plists drop reports whose
# path crosses into a header, such as util.h's: why scan writes
# plist-multi-file)
sb="$(dirname "$TL_CLANG")/scan-build"
if [ -x "$sb" ]; then
	make -s clean >/dev/null
	"$sb" --use-cc=cc -plist -o "$WORK/sb-out" make -s CC=cc >/dev/null 2>&1
	export TASKLEAK_DB="$WORK/db-sb/findings.db"
	run_tl import --root . "$WORK/sb-out"
	expect_eq "scan-build plists import" "$RC" 0
	expect_eq "scan-build: same leak fingerprint" "$(db "SELECT fingerprint FROM findings WHERE rule = 'unix.Malloc'")" "$(sqlite3 "$WORK/db/findings.db" "SELECT fingerprint FROM findings WHERE rule = 'unix.Malloc'")"
else
	echo "note: no scan-build next to $TL_CLANG"
fi

# a unit that does not compile fails the scan (exit 3), nothing stored
export TASKLEAK_DB="$WORK/db4/findings.db"
echo 'int broken( {' > src/c.c
write_cdb
scan_core
expect_eq "broken unit exit" "$RC" 3
expect_match "broken unit named" "$ERR" "translation units failed to analyze; first: .*src/c.c: .*error"
expect_eq "no database after a failed first scan" "$(test -e "$TASKLEAK_DB" && echo yes || echo no)" no
finish
