#!/usr/bin/env bash
# infer_cost.sh: what does the whole-program inference cost a scan?
#
# On a project with a compilation database, measures the CPU time (user +
# system, summed over every process) of
#   baseline   the plain analysis: taskleak scan --no-infer (clang --analyze
#              with the plugin on every unit)
#   cold       taskleak models infer with an empty facts cache
#   warm       the same after one source file changed (the cache holds
#              every other unit's facts)
# RUNS times each, and prints the medians, the ratios to the baseline and
# the verdicts against the budgets of issue 12 (cold <= 0.25x, warm one
# unit changed <= 0.05x).
#
# Usage:
#   bench/infer_cost.sh [--runs N] [--jobs N] [--taskleak FILE] [--touch FILE]
#                       compile_commands.json
#   e.g. bench/infer_cost.sh --runs 3 /tmp/pigz/compile_commands.json
#
#   --touch FILE   the source file changed for the warm run (default: the
#                  first unit of the database); a comment is appended and
#                  removed again at the end
#
# Exit status: 0 measured; 2 usage; 3 a run failed.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
taskleak="${TASKLEAK:-$repo/build/integrations/taskleak}"
runs=3 jobs=1 touch_file=""

while [ $# -gt 0 ]; do
	case "$1" in
	--runs) runs=$2; shift 2 ;;
	--jobs) jobs=$2; shift 2 ;;
	--taskleak) taskleak=$2; shift 2 ;;
	--touch) touch_file=$2; shift 2 ;;
	-h|--help) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	-*) echo "infer_cost.sh: unknown option '$1'" >&2; exit 2 ;;
	*) break ;;
	esac
done
[ $# = 1 ] && [ -f "$1" ] || { echo "infer_cost.sh: give one compile_commands.json" >&2; exit 2; }
cdb=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
if [ -z "$touch_file" ]; then
	touch_file=$(python3 -c 'import json,os,sys; e=json.load(open(sys.argv[1]))[0]; print(os.path.join(e["directory"], e["file"]))' "$cdb")
fi
work=$(mktemp -d /tmp/tl-infer-cost-XXXXXX)
backup="$work/touched.orig"
cp "$touch_file" "$backup"
trap 'cp "$backup" "$touch_file"; rm -rf "$work"' EXIT

# cpu CMD...: prints the CPU seconds of CMD and its children; fails with it
cpu() {
	/usr/bin/time -f '%U %S' -o "$work/time" "$@" > "$work/out" 2> "$work/err" ||
		{ echo "infer_cost.sh: failed: $*" >&2; cat "$work/err" >&2; exit 3; }
	awk '{ printf "%.2f\n", $1 + $2 }' "$work/time"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

for i in $(seq "$runs"); do
	rm -rf "$work/db"
	TASKLEAK_DB="$work/db/findings.db" cpu "$taskleak" scan --no-infer -j "$jobs" -p "$cdb" >> "$work/baseline"
	rm -rf "$work/cache"
	cpu "$taskleak" models infer -j "$jobs" --cache "$work/cache" -p "$cdb" -o "$work/model.json" >> "$work/cold"
	echo "/* infer_cost.sh run $i */" >> "$touch_file"
	cpu "$taskleak" models infer -j "$jobs" --cache "$work/cache" -p "$cdb" -o "$work/model.json" >> "$work/warm"
	grep -q "(1 parsed," "$work/err" || echo "note: warm run parsed more than one unit: $(tail -1 "$work/err")" >&2
done
summary=$(grep "wrappers inferred from" "$work/err")
base=$(median < "$work/baseline") cold=$(median < "$work/cold") warm=$(median < "$work/warm")
units=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$cdb")
echo "project: $cdb ($units units, $runs runs, -j $jobs, medians of CPU seconds)"
echo "inference: ${summary#taskleak: }"
awk -v b="$base" -v c="$cold" -v w="$warm" 'BEGIN {
	printf "baseline analysis  %8.2f s\n", b
	printf "infer, cold cache  %8.2f s  %.3fx  budget 0.25x  %s\n", c, c / b, c / b <= 0.25 ? "ok" : "OVER"
	printf "infer, one changed %8.2f s  %.3fx  budget 0.05x  %s\n", w, w / b, w / b <= 0.05 ? "ok" : "OVER"
}'
