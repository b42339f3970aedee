#!/usr/bin/env bash
# Fingerprints on real clang output: lines added above findings and a
# reindented file give no new finding; a changed flagged line gives one.
. "$(dirname "$0")/it_lib.sh"

project scanbasic
if [ -n "${TL_PLUGIN:-}" ]; then
	args=(--plugin "$TL_PLUGIN" --clang "$TL_CLANG")   # taskleak + clang's defaults
	n=3
else
	args=(--checkers core,unix)
	n=2
fi
scan() { run_tl scan -j 2 "${args[@]}" -p compile_commands.json "$@"; }

scan
expect_eq "first scan" "$RC" 0
expect_eq "findings" "$(db "SELECT count(*) FROM findings")" "$n"
before=$(db "SELECT fingerprint FROM findings ORDER BY fingerprint")

# add lines above every finding, and reindent: two spaces become a tab
# in the header, four spaces in the sources
for f in include/util.h src/a.c src/b.c; do
	{ printf '/* a licence header\n * added later */\n\n#define UNUSED_%s 1\n' "$(basename "$f" | tr .a-z _A-Z)"; cat "$f"; } > "$f.new"
	mv "$f.new" "$f"
done
sed -i 's/^  /\t/' include/util.h
sed -i 's/^  /    /; s/^    \(  *\)/        \1/' src/a.c src/b.c
scan --fail-on new
expect_eq "after moving and reindenting: gate" "$RC" 0
expect_match "after moving and reindenting: summary" "$OUT" "total +0 +$n +0 +0"
expect_eq "same fingerprints" "$(db "SELECT fingerprint FROM findings ORDER BY fingerprint")" "$before"
expect_eq "locations followed the code" "$(db "SELECT o.line FROM occurrences o JOIN findings f ON f.id = o.finding_id WHERE f.rule = 'unix.Malloc' ORDER BY o.run_id")" "$(printf '7\n11')"
# clang's own hash did change with the indentation: why we use our own
expect_eq "clang's issue hash changed" "$(db "SELECT count(DISTINCT o.issue_hash) FROM occurrences o JOIN findings f ON f.id = o.finding_id WHERE f.rule = 'core.DivideZero'")" 2

# change the flagged line itself: a new finding, the old one resolved
sed -i 's|return total / parts;|return (total + 1) / parts;|' include/util.h
scan --fail-on new
expect_eq "changed flagged line: gate" "$RC" 1
expect_match "changed flagged line: DivideZero" "$OUT" "core.DivideZero +1 +0 +0 +1"
expect_match "changed flagged line: leak untouched" "$OUT" "unix.Malloc +0 +1 +0 +0"
expect_eq "findings now" "$(db "SELECT count(*) FROM findings")" "$((n + 1))"
finish
