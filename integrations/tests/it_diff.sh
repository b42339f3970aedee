#!/usr/bin/env bash
# diff on real clang output, in all four statuses, between adjacent runs
# (answered from stored statuses) and between any two runs (compared).
. "$(dirname "$0")/it_lib.sh"

project scanbasic
cp src/b.c "$WORK/b.c.orig"
rows() { printf '%s\n' "$OUT" | awk 'NF {print $1, $3}' | sort | tr '\n' ';'; }

scan_core                                   # run-1: D (header), L (leak)
sed -i 's|    return NULL;|    { free(p); return NULL; }|' src/b.c
printf 'int null_read(void) {\n  int *q = 0;\n  return *q;\n}\n' >> src/b.c
scan_core                                   # run-2: D, N; L resolved
scan_core                                   # run-3: D, N
{ cat "$WORK/b.c.orig"; printf 'int null_read(void) {\n  int *q = 0;\n  return *q;\n}\n'; } > src/b.c
scan_core                                   # run-4: D, N, L reopened
expect_eq "four runs" "$(db "SELECT count(*) FROM runs")" 4

run_tl diff run-1 run-2
expect_eq "1..2 exit" "$RC" 0
expect_eq "1..2 new and resolved" "$(rows)" "new core.NullDereference;resolved unix.Malloc;"
expect_eq "1..2 counts" "$ERR" "1 new, 0 reopened, 1 resolved"
run_tl diff run-1 run-2 --unchanged
expect_eq "1..2 unchanged" "$(rows)" "unchanged core.DivideZero;"
run_tl diff run-2 run-3 --new --resolved --unchanged
expect_eq "2..3 nothing but unchanged" "$(rows)" "unchanged core.DivideZero;unchanged core.NullDereference;"

run_tl diff                                  # default: previous..latest = 3..4
expect_eq "default diff: reopened" "$(rows)" "reopened unix.Malloc;"
run_tl diff 3 latest --new
expect_eq "by number and 'latest'" "$(rows)" "reopened unix.Malloc;"
run_tl diff run-3 run-4 --resolved
expect_eq "--resolved only" "$OUT" ""

# not adjacent: compared by fingerprint
run_tl diff run-2 run-4
expect_eq "2..4 reopened" "$(rows)" "reopened unix.Malloc;"
run_tl diff run-1 run-4 --new --resolved --unchanged
expect_eq "1..4" "$(rows)" "new core.NullDereference;unchanged core.DivideZero;unchanged unix.Malloc;"
run_tl diff run-4 run-1
expect_eq "4..1 (backwards)" "$(rows)" "resolved core.NullDereference;"
expect_match "a diff line names the place" "$OUT" "^resolved +[0-9a-f]{10} core.NullDereference +src/b.c:14:10: Dereference of null pointer"

run_tl diff run-9
expect_eq "unknown run exit" "$RC" 2
expect_eq "unknown run message" "$ERR" "taskleak: no run 'run-9' in $TASKLEAK_DB"
finish
