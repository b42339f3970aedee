#!/usr/bin/env bash
# it_locate.sh - an installed taskleak finds its files relative to itself:
# the binary copied into PREFIX/bin with PREFIX/lib/taskleak/clang-14/ and
# PREFIX/share/taskleak/rules/ (the package's layout, without root) scans
# the example project with no TASKLEAK_* variables, reads the rule pages
# from PREFIX (a marker in the copy shows it), and refuses a clang it has
# no plugin for (exit 3, naming the versions it has). The build tree's
# taskleak refuses a clang other than its build's the same way.
. "$(dirname "$0")/it_lib.sh"
: "${TL_PLUGIN:?the locate test needs the plugin}" "${TASKLEAK_CATALOG:?}"
rules=$(dirname "$TASKLEAK_CATALOG")
prefix="$WORK/prefix"
mkdir -p "$prefix/bin" "$prefix/lib/taskleak/clang-14" "$prefix/share/taskleak/rules"
cp "$TASKLEAK" "$prefix/bin/taskleak"
cp "$TL_PLUGIN" "${TL_PLUGIN%.so}.clang" "$prefix/lib/taskleak/clang-14/"
cp -r "$TASKLEAK_CATALOG" "$rules/docs" "$prefix/share/taskleak/rules/"
echo "PREFIX-COPY-MARKER" >> "$prefix/share/taskleak/rules/docs/TL101.md"
# installed: what it gets, and nothing else
inst() { env -u TASKLEAK_CATALOG -u TASKLEAK_PLUGIN -u TASKLEAK_CLANG "$prefix/bin/taskleak" "$@" \
	>"$WORK/out" 2>"$WORK/err"; RC=$?; OUT=$(cat "$WORK/out"); ERR=$(cat "$WORK/err"); }

cp -r "$TL_PROJECTS/example" "$WORK/example"
cd "$WORK/example" || exit 1
inst scan -j 2 -- make
expect_eq "installed scan exit" "$RC" 0
[ "$RC" = 0 ] || echo "$ERR" >&2
inst list --format csv
expect_eq "findings" "$(printf '%s\n' "$OUT" | sed 1d | grep -o 'TL10[0-9]' | sort | tr '\n' ' ')" "TL101 TL102 "
inst rules TL101
expect_match "rule page from PREFIX/share" "$OUT" 'PREFIX-COPY-MARKER'

printf '#!/bin/sh\necho 99.1.0\n' > "$WORK/clang"
chmod +x "$WORK/clang"
inst scan --clang "$WORK/clang" -p compile_commands.json
expect_eq "clang 99 exit" "$RC" 3
expect_eq "clang 99 message" "$ERR" "taskleak: no taskleak plugin for clang 99 ($WORK/clang): plugins are installed for clang 14 in $(cd "$prefix/lib/taskleak" && pwd -P); pick one with --clang /usr/lib/llvm-N/bin/clang, or give --plugin FILE"

clang16=/usr/lib/llvm-16/bin/clang
if [ -x "$clang16" ]; then
	inst scan --clang "$clang16" -p compile_commands.json
	expect_eq "installed, clang 16 exit" "$RC" 3
	expect_match "installed, clang 16 message" "$ERR" "no taskleak plugin for clang 16 .*installed for clang 14"
	run_tl scan --clang "$clang16" -p compile_commands.json
	expect_eq "build tree, clang 16 exit" "$RC" 3
	expect_match "build tree, clang 16 message" "$ERR" "this build tree's is for clang 14; build one with -DLLVM_VERSION=16"
else
	echo "note: no clang-16; the other-version cases are not tested"
fi
finish
