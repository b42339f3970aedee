#!/usr/bin/env bash
# Triage survives re-scans; a false-positive stays suppressed even when
# the finding goes away and comes back; taskleak-ignore comments.
. "$(dirname "$0")/it_lib.sh"

project scanbasic
scan_core
leak=$(db "SELECT substr(fingerprint, 1, 10) FROM findings WHERE rule = 'unix.Malloc'")
run_tl triage "$leak" --as false-positive --note "the caller frees it" --by ann
expect_eq "triage exit" "$RC" 0
expect_eq "triage output" "$OUT" "$leak: unreviewed -> false-positive"

scan_core --fail-on any
expect_eq "rescan: divide-by-zero still gates" "$RC" 1
expect_eq "rescan: triage kept" "$(db "SELECT triage || '/' || triage_note FROM findings WHERE rule = 'unix.Malloc'")" "false-positive/the caller frees it"
run_tl list
expect_eq "list open: only the unsuppressed one" "$(printf '%s\n' "$OUT" | awk '{print $4}')" "core.DivideZero"
run_tl list --status suppressed
expect_match "list suppressed" "$OUT" "^$leak unchanged +false-positive +unix.Malloc"

# fixed, then back: reopened, still a false positive, does not gate
cp src/b.c "$WORK/b.c.orig"
sed -i 's|    return NULL;|    { free(p); return NULL; }|' src/b.c
scan_core
expect_match "fixed: resolved" "$OUT" "unix.Malloc +0 +0 +0 +1"
cp "$WORK/b.c.orig" src/b.c
scan_core --fail-on new
expect_eq "back again: gate ignores the false positive" "$RC" 0
expect_match "back again: reopened" "$OUT" "unix.Malloc +0 +0 +1 +0"
expect_eq "back again: still false-positive" "$(db "SELECT detection || '/' || triage FROM findings WHERE rule = 'unix.Malloc'")" "reopened/false-positive"

# in-source suppression on the line above the finding
sed -i 's|^  return total / parts;|  // taskleak-ignore[core.DivideZero]: parts is set by the caller\n  return total / parts;|' include/util.h
scan_core --fail-on any
expect_eq "ignore comment: nothing left to gate" "$RC" 0
expect_eq "ignore comment: intentional with the reason" "$(db "SELECT triage || '/' || triage_note || '/' || triage_in_source FROM findings WHERE rule = 'core.DivideZero'")" "intentional/parts is set by the caller/1"
run_tl list --status suppressed
expect_eq "two suppressed" "$(printf '%s\n' "$OUT" | wc -l)" 2
# a comment for another rule does not count
sed -i 's|taskleak-ignore\[core.DivideZero\]|taskleak-ignore[TL101]|' include/util.h
scan_core --fail-on any
expect_eq "comment for another rule: gates again" "$RC" 1
expect_eq "comment removed: back to unreviewed" "$(db "SELECT triage || '/' || triage_in_source FROM findings WHERE rule = 'core.DivideZero'")" "unreviewed/0"

run_tl show "$leak"
expect_match "history: who, from, to, note" "$OUT" "ann: unreviewed -> false-positive  the caller frees it"
expect_eq "events" "$(db "SELECT count(*) FROM triage_events")" 3

# stats: by detection and triage; open ones by rule leave the suppressed out
run_tl stats
expect_match "stats: false positive counted" "$OUT" "false-positive +1"
expect_match "stats: unreviewed counted" "$OUT" "unreviewed +1"
expect_eq "stats: open by rule" "$(printf '%s\n' "$OUT" | sed -n '/^open findings by rule:/,$p' | tail -n +2 | awk '{print $1 "=" $2}' | tr '\n' ' ')" "core.DivideZero=1 "

# bad triage input
run_tl triage "$leak" --as maybe
expect_eq "unknown status exit" "$RC" 2
run_tl triage 0000000 --as confirmed
expect_eq "unknown id exit" "$RC" 2
expect_match "unknown id message" "$ERR" "^taskleak: no finding with id '0000000' in $TASKLEAK_DB$"
finish
