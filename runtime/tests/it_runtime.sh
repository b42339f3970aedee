#!/usr/bin/env bash
# The run-time library on the programs of testdata/runtime, run under
# LD_PRELOAD: the JSON-lines reports, the fail mode, the ignore list,
# signal and interval reports, fork and exit with live tasks.
# Environment (from ctest): RT_LIB (libtaskleak-rt.so), RT_BIN (the
# programs, built with -g).
set -u
: "${RT_LIB:?}" "${RT_BIN:?}"
WORK=$(mktemp -d /tmp/tl-rt-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
failures=0
checks=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
expect_eq() { if [ "$2" = "$3" ]; then checks=$((checks + 1)); else fail "$1: got '$2', want '$3'"; fi; }

# rt NAME [ARGS...]: runs a program under the library; its report goes to
# $WORK/NAME.jsonl; sets RC. The timeout is the deadlock check.
rt() {
	local name=$1
	shift
	rm -f "$WORK/$name.jsonl"
	TASKLEAK_RT_OUT="$WORK/$name.jsonl" timeout 30 env LD_PRELOAD="$RT_LIB" "$RT_BIN/rt_$name" "$@"
	RC=$?
}
# q NAME JQ: a jq query over all lines of NAME's report (slurped)
q() { jq -rs "$2" "$WORK/$1.jsonl"; }

rt leak
expect_eq "leak exit" "$RC" 0
expect_eq "leak: every line is JSON with a type" "$(q leak 'map(has("type")) | all')" true
expect_eq "leak: one report" "$(q leak 'map(select(.type=="report")) | length')" 1
expect_eq "leak: counts" "$(q leak '.[0] | [.spawned,.joined,.live] | @csv')" "3,1,2"
expect_eq "leak: the finished one" "$(q leak '.[] | select(.type=="leak" and .kind=="finished") | "\(.entry) \(.line) \(.function)"')" "job 24 start_one"
expect_eq "leak: the running one" "$(q leak '.[] | select(.type=="leak" and .kind=="running") | "\(.entry) \(.line) \(.function)"')" "forever 31 start_saved"
expect_eq "leak: file from DWARF" "$(q leak '[.[] | select(.type=="leak") | .file | endswith("testdata/runtime/leak.c")] | all')" true
expect_eq "leak: end line" "$(q leak '.[-1] | "\(.type) \(.leaks) \(.ignored)"')" "end 2 0"
expect_eq "leak: profile by site" "$(q leak '[.[] | select(.type=="profile") | .count] | add')" 2

TASKLEAK_RT_FAIL=1 rt leak
expect_eq "fail mode: leaks make the exit status 1" "$RC" 1
TASKLEAK_RT_FAIL=3 rt leak
expect_eq "fail mode: the status asked for" "$RC" 3
expect_eq "fail mode: the report is written first" "$(q leak '.[-1].leaks')" 2
TASKLEAK_RT_FAIL=1 TASKLEAK_RT_IGNORE=other,job,forever rt leak
expect_eq "fail mode with the leaks ignored" "$RC" 0
expect_eq "ignored counted" "$(q leak '.[-1] | "\(.leaks) \(.ignored)"')" "0 2"
TASKLEAK_RT_FAIL=1 TASKLEAK_RT_IGNORE=forever rt leak
expect_eq "fail mode with one leak left" "$RC" 1

TASKLEAK_RT_FAIL=1 rt detach
expect_eq "detach: not a leak" "$RC" 0
expect_eq "detach: counts" "$(q detach '.[0] | [.spawned,.detached] | @csv')" "3,3"
expect_eq "detach: no leak line" "$(q detach 'map(select(.type=="leak")) | length')" 0
expect_eq "detach: the live detached task is in the profile" "$(q detach '.[] | select(.type=="profile") | "\(.entry) \(.detached) \(.running)"')" "sleeper 1 1"

TASKLEAK_RT_FAIL=1 rt join
expect_eq "join: every join form" "$RC" 0
expect_eq "join: counts" "$(q join '.[0] | [.spawned,.joined,.finished,.live] | @csv')" "5,5,5,0"

rt exit_live
expect_eq "exit with live tasks: ends" "$RC" 0
expect_eq "exit_live: three at one site" "$(q exit_live '.[] | select(.type=="profile" and .entry=="blocked") | "\(.count) \(.running) \(.line)"')" "3 3 41"
expect_eq "exit_live: the C11 task" "$(q exit_live '.[] | select(.type=="leak" and .api=="c11") | "\(.entry) \(.kind) \(.line)"')" "c11_blocked running 42"
expect_eq "exit_live: report complete" "$(q exit_live '.[-1].type')" "end"

rt many
expect_eq "many spawners: exit" "$RC" 0
expect_eq "many spawners: exact counts" "$(q many '.[0] | [.spawned,.joined,.live] | @csv')" "4016,4008,8"
expect_eq "many spawners: 8 leaks at one site" "$(q many '.[] | select(.type=="profile") | "\(.count) \(.line)"')" "8 22"

rt fork
expect_eq "fork: exit" "$RC" 0
expect_eq "fork: one report per process" "$(q fork 'map(select(.type=="report")) | length')" 21
expect_eq "fork: children report only their own task" "$(q fork '[.[] | select(.type=="leak" and .entry=="child_leak")] | length')" 20
expect_eq "fork: the parent's leak once" "$(q fork '[.[] | select(.type=="leak" and .entry=="parent_leak")] | length')" 1
expect_eq "fork: no parent task in a child" "$(q fork '[.[] | select(.type=="report" and .spawned==1)] | length')" 20

rt signal 300
expect_eq "signal: exit" "$RC" 0
expect_eq "signal: a report on SIGUSR2 with the task running" "$(q signal '.[] | select(.type=="leak" and .kind=="running") | .entry')" "waiter"
expect_eq "signal: triggers" "$(q signal '[.[] | select(.type=="report") | .trigger] | join(",")')" "signal,exit"
TASKLEAK_RT_INTERVAL=1 rt signal 2500
expect_eq "interval: the signal, two interval reports, then exit" "$(q signal '[.[] | select(.type=="report") | .trigger] | join(",")')" "signal,interval,interval,exit"

if [ -x "$RT_BIN/rt_gthread" ]; then
	rt gthread
	expect_eq "gthread: counts (GLib's own pthread not counted)" "$(q gthread '.[0] | [.spawned,.joined,.detached] | @csv')" "3,1,1"
	expect_eq "gthread: the leak at the user's call" "$(q gthread '.[] | select(.type=="leak") | "\(.api) \(.line)"')" "gthread 14"
fi

# a process that never spawns writes nothing (shells, compilers in a test suite)
TASKLEAK_RT_OUT="$WORK/none.jsonl" env LD_PRELOAD="$RT_LIB" true
expect_eq "no spawn, no report" "$(test -e "$WORK/none.jsonl" && echo written || echo none)" none

echo "$checks checks, $failures failures"
[ "$failures" = 0 ]
