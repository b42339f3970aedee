#!/usr/bin/env bash
# Enabling taskleak when the plugin cannot load is exit 3 with a clear
# message, never a clean-looking run; nothing is stored.
. "$(dirname "$0")/it_lib.sh"

project scanbasic
no_db() { expect_eq "$1: no database" "$(test -e "$TASKLEAK_DB" && echo yes || echo no)" no; }

run_tl scan --plugin "$WORK/missing.so" -p compile_commands.json
expect_eq "missing plugin exit" "$RC" 3
expect_eq "missing plugin message" "$ERR" "taskleak: cannot load the plugin '$WORK/missing.so': No such file or directory"
no_db "missing plugin"

# a shared object that is not a clang plugin: clang itself rejects the
# checker name; that error must surface
printf 'int not_a_plugin;\n' > "$WORK/fake.c"
cc -shared -fPIC -o "$WORK/fake.so" "$WORK/fake.c"
run_tl scan --plugin "$WORK/fake.so" -p compile_commands.json
expect_eq "fake plugin exit" "$RC" 3
expect_match "fake plugin message" "$(printf '%s\n' "$ERR" | grep -v '^taskleak: inferred ')" "^taskleak: .*src/[ab].c: the taskleak checkers are not available in .*clang.* \(plugin $WORK/fake.so did not load: error: no analyzer checkers or packages are associated with 'taskleak'\)$"
# the inference's one-line account comes first; the error is one line
expect_eq "fake plugin: one line" "$(printf '%s\n' "$ERR" | grep -vc '^taskleak: inferred ')" 1
no_db "fake plugin"

# the same through $TASKLEAK_PLUGIN
TASKLEAK_PLUGIN="$WORK/fake.so" run_tl scan -p compile_commands.json
expect_eq "TASKLEAK_PLUGIN exit" "$RC" 3
no_db "TASKLEAK_PLUGIN"

# the real plugin in a clang it was not built for
clang16=/usr/lib/llvm-16/bin/clang
if [ -n "${TL_PLUGIN:-}" ] && [ -x "$clang16" ]; then
	run_tl scan --plugin "$TL_PLUGIN" --clang "$clang16" -p compile_commands.json
	expect_eq "other clang exit" "$RC" 3
	expect_match "other clang refused by the record beside the plugin" "$ERR" "plugin built for .*, not for $clang16"
	# without that record, clang's own refusal is still caught
	cp "$TL_PLUGIN" "$WORK/copy.so"
	run_tl scan --plugin "$WORK/copy.so" --clang "$clang16" -p compile_commands.json
	expect_eq "other clang, no record, exit" "$RC" 3
	expect_match "other clang, no record, message" "$ERR" "did not load"
	no_db "other clang"
else
	echo "note: plugin or clang-16 missing; version mismatch not tested"
fi

# --model without the taskleak checkers is a usage error
run_tl scan --checkers core --model x.json -p compile_commands.json
expect_eq "--model without taskleak" "$RC" 2
finish
