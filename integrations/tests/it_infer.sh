#!/usr/bin/env bash
# Whole-program inference end to end: `taskleak scan` infers the project's
# wrappers first (testdata/projects/infer, one pattern per folder, a bug
# and a correct variant each) and the plugin then sees through them;
# --no-infer shows what the scan missed before. Also: the facts cache
# re-parses only the changed unit, and a unit libclang cannot parse is one
# line and does not stop the scan's inference.
. "$(dirname "$0")/it_lib.sh"
[ -n "${TL_PLUGIN:-}" ] || { echo "note: no plugin built, skipped"; finish; }

# variant PATTERN bug|ok: src/ and include/ plus the variant's files
variant() {
	local dir="$WORK/$1-$2"
	rm -rf "$dir"
	mkdir -p "$dir"
	cp -r "$TL_PROJECTS/infer/$1/src" "$TL_PROJECTS/infer/$1/include" "$dir/"
	cp "$TL_PROJECTS/infer/$1/$2/"* "$dir/src/"
	cp "$TL_PROJECTS/../../rules/include/taskleak.h" "$dir/include/"
	cd "$dir" || exit 1
	write_cdb
}

# tl101 PATTERN VARIANT [SCAN ARGS]: N = the number of TL101 findings
tl101() {
	variant "$1" "$2"
	export TASKLEAK_DB="$WORK/db-$1-$2-$#/findings.db"
	shift 2
	run_tl scan -j 2 --plugin "$TL_PLUGIN" --clang "$TL_CLANG" -p compile_commands.json "$@"
	[ "$RC" = 0 ] || fail "scan exit $RC: $ERR"
	N=$(db "SELECT count(*) FROM findings WHERE rule = 'TL101'")
}

# PATTERN:TL101 IN THE BUG VARIANT:THE SAME WITHOUT THE INFERENCE
for p in cross_file:1:0 nested:1:0 macro:1:0 struct_handle:1:0 borrow:1:0 free_owner:1:0 annotated:1:0 \
	owner_across:1:0 entry_across:1:0 loop_thread:1:0 cxx_dtor:1:0 owner_local:1:0 trampoline:1:0 \
	ender_inlined:1:0 run_only:1:0; do
	IFS=: read -r name bug before <<<"$p"
	tl101 "$name" bug
	expect_eq "$name: bug found" "$N" "$bug"
	tl101 "$name" bug --no-infer
	expect_eq "$name: bug before inference" "$N" "$before"
	tl101 "$name" ok
	expect_eq "$name: correct variant silent" "$N" 0
done
# TL403 across files: the entry's loop is in worker.c, the join in owner.c
for v in bug:1 ok:0; do
	IFS=: read -r which want <<<"$v"
	variant stop_across "$which"
	export TASKLEAK_DB="$WORK/db-stop-$which/findings.db"
	run_tl scan -j 2 --plugin "$TL_PLUGIN" --clang "$TL_CLANG" -p compile_commands.json
	[ "$RC" = 0 ] || fail "scan exit $RC: $ERR"
	expect_eq "stop_across $which: TL403" "$(db "SELECT count(*) FROM findings WHERE rule = 'TL403'")" "$want"
done
expect_match "stops_on written" "$(cat "$WORK/db-stop-ok/project-model.json")" \
	'"name": "q_loop", "detaches_self": false, "stops_on": \[\{"record": "q_t", "field": "exit"\}\]'
variant stop_across bug
export TASKLEAK_DB="$WORK/db-stop-noinfer/findings.db"
run_tl scan -j 2 --plugin "$TL_PLUGIN" --clang "$TL_CLANG" -p compile_commands.json --no-infer
expect_eq "stop_across bug: silent without the inference" "$(db "SELECT count(*) FROM findings WHERE rule = 'TL403'")" 0
# issue 12: two inferred rows that made TL102 report correct code: a join
# of c->threads[i] (pool_join, zstd's POOL_join) read as a keep, and a free
# just before exit(1) (check, chan's assert_true) read as a free row.  The
# bug variants really free the object under a running thread.
for name in exit_branch pool_join; do
	tl101 "$name" bug
	expect_eq "$name: bug found" "$(db "SELECT count(*) FROM findings WHERE rule = 'TL102'")" 1
	tl101 "$name" bug --no-infer
	expect_eq "$name: bug unseen without inference" "$(db "SELECT count(*) FROM findings WHERE rule = 'TL102'")" 0
	tl101 "$name" ok
	expect_eq "$name: correct variant silent" "$(db "SELECT count(*) FROM findings WHERE rule IN ('TL101', 'TL102')")" 0
done
# the enders are the models' process_exit rows: the project's die() (in
# another file, no noreturn) ends the process once its model file says so.
# The facts cached without that file decide again with it.
DIE_MODEL="$TL_PROJECTS/infer/exit_branch/die.json"
tl101 exit_branch die_bug --model "$DIE_MODEL"
expect_eq "exit_branch die_bug: bug found" "$(db "SELECT count(*) FROM findings WHERE rule = 'TL102'")" 1
variant exit_branch die_ok
export TASKLEAK_DB="$WORK/db-exit_branch-die_ok/findings.db"
run_tl scan -j 2 --plugin "$TL_PLUGIN" --clang "$TL_CLANG" -p compile_commands.json
expect_eq "exit_branch die_ok without the row: check is a free" "$(db "SELECT count(*) FROM findings WHERE rule = 'TL102'")" 1
run_tl scan -j 2 --plugin "$TL_PLUGIN" --clang "$TL_CLANG" -p compile_commands.json --model "$DIE_MODEL"
expect_match "exit_branch die_ok: facts from the cache" "$ERR" "\(0 units parsed, 3 cached\)"
expect_eq "exit_branch die_ok with the row: silent" \
	"$(db "SELECT count(*) FROM findings WHERE rule IN ('TL101', 'TL102') AND detection != 'resolved'")" 0
expect_eq "exit_branch die_ok: no row for check" "$(grep -c '"name": "check"' "$WORK/db-exit_branch-die_ok/project-model.json")" 0
expect_eq "pool_join: no row" "$(grep -c '"name": "pool_join"' "$WORK/db-pool_join-ok-2/project-model.json")" 0

# struct handles are written by default; --no-handle-fields holds them back
variant struct_handle bug
run_tl models infer -p compile_commands.json
expect_match "struct handle inferred" "$OUT" '"name": "thr_start", "role": "spawn", "handle_out": 0, "success": "zero", "entry": 1, "entry_arg": 2, "handle_field": "id"'
run_tl models infer -p compile_commands.json --no-handle-fields
expect_match "struct handle held back" "$ERR" "2 wrappers of a struct's handle field not written"

# across files: the report names where the thread was started
variant owner_across bug
export TASKLEAK_DB="$WORK/db-across/findings.db"
run_tl scan -j 2 --plugin "$TL_PLUGIN" --clang "$TL_CLANG" -p compile_commands.json
expect_match "owner across files: both places" "$(db "SELECT message FROM finding_details WHERE rule = 'TL101'")" \
	"Thread running 'client_loop' is never joined or detached before its owner is freed \(handle 'c->loop', started in 'client_loop_start' \(src/loop.c:11\)\)"
expect_match "owners and entries written" "$(cat "$WORK/db-across/project-model.json")" '"entries": \['

# the ender inlined into a constructor is analysed on its own, and the
# helpers in another file that it hands the owner to keep the tracking
variant ender_inlined bug
export TASKLEAK_DB="$WORK/db-ender/findings.db"
run_tl scan -j 2 --plugin "$TL_PLUGIN" --clang "$TL_CLANG" -p compile_commands.json
expect_eq "ender: keep rows" "$(grep -cE '"name": "client_(sock_close|will_clear)", "role": "keep"' "$WORK/db-ender/project-model.json")" 2
expect_eq "ender: the thread's files are no keep" "$(grep -cE '"name": "client_(loop_start|main|free)", "role": "keep"' "$WORK/db-ender/project-model.json")" 0
expect_eq "ender: found in client_destroy" "$(db "SELECT DISTINCT function FROM findings WHERE rule IN ('TL101', 'TL102')")" "client_destroy"
expect_match "ender: both places named" "$(db "SELECT message FROM finding_details WHERE rule = 'TL102'")" \
	"The unjoined thread running 'client_main' may use its owner after it is freed \(handle 'c->thread', started in 'client_loop_start' \(src/thread.c:16\)\)"

# the message names the wrapper's caller and the handle
variant free_owner bug
export TASKLEAK_DB="$WORK/db-msg/findings.db"
run_tl scan -j 2 --plugin "$TL_PLUGIN" --clang "$TL_CLANG" -p compile_commands.json
expect_match "inference summary" "$ERR" "taskleak: inferred 2 project wrappers, [0-9]+ owner fields, [0-9]+ entry summaries \(2 units parsed, 0 cached\)"
expect_eq "TL101 in server_free" "$(db "SELECT function FROM findings WHERE rule = 'TL101'")" "server_free"
expect_eq "project model kept beside the database" "$(grep -c '"name": "xfree", "role": "free", "object": 0, "origin": "src/mem.c:4"' "$WORK/db-msg/project-model.json")" 1

# cache: a re-scan parses nothing; a changed file re-parses its unit only
run_tl scan -j 2 --plugin "$TL_PLUGIN" --clang "$TL_CLANG" -p compile_commands.json
expect_match "re-scan all cached" "$ERR" "\(0 units parsed, 2 cached\)"
echo '/* touched */' >> src/mem.c
run_tl scan -j 2 --plugin "$TL_PLUGIN" --clang "$TL_CLANG" -p compile_commands.json
expect_match "one unit re-parsed" "$ERR" "\(1 units parsed, 1 cached\)"

# a unit libclang cannot parse: one line, the inference goes on
variant cross_file bug
printf 'int broken(void) { return undeclared; }\n' > src/broken.c
write_cdb
run_tl models infer -p compile_commands.json -o project.json
expect_eq "bad unit: exit" "$RC" 0
expect_match "bad unit named with clang's error" "$ERR" "taskleak: skipping $PWD/src/broken.c:1:27: error: use of undeclared identifier 'undeclared'"
expect_match "bad unit counted" "$ERR" "2 wrappers inferred from 3 units \(2 parsed, 0 cached, 1 skipped\)"
run_tl models infer -p nonexistent.json
expect_eq "no database: exit 2" "$RC" 2
run_tl models infer
expect_eq "no -p: exit 2" "$RC" 2
finish
