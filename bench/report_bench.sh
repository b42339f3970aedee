#!/usr/bin/env bash
# report_bench.sh - `taskleak report --html` on N findings (default 100,000):
# generation time (target: under 10 s), peak memory, size and file count,
# then headless Chromium opens the first index page and must list its rows.
#
#   bench/report_bench.sh TASKLEAK TL_GEN_SARIF [N]
#
# The findings come from the synthetic SARIF of integrations/tests/gen_sarif.c
# (20 rules, 50 findings a file, a two-step path each); the source files
# they name are written too (360 lines each), so every page embeds source.
set -euo pipefail
tl=${1:?usage: report_bench.sh TASKLEAK TL_GEN_SARIF [N]}
gen=${2:?usage: report_bench.sh TASKLEAK TL_GEN_SARIF [N]}
n=${3:-100000}
chromium=${CHROMIUM:-chromium}
# the output goes under $TMPDIR: TMPDIR=/dev/shm leaves the disk out
work=$(mktemp -d "${TMPDIR:-/tmp}/tl-report-bench-XXXXXX")
export work
trap 'rm -rf "$work"' EXIT
export NO_COLOR=1 TASKLEAK_DB="$work/findings.db"

per=$(( n < 10000 ? n : 10000 ))
mkdir -p "$work/in" "$work/root/src"
"$gen" "$work/in" $(( (n + per - 1) / per )) "$per"
awk -v files=$(( (n + 49) / 50 )) -v dir="$work/root/src" 'BEGIN {
	for (f = 0; f < files; f++) {
		out = dir "/f" f ".c"
		for (l = 1; l <= 360; l++)
			printf "static int v%d_%d = %d; /* line %d of f%d.c <&> */\n", f, l, l, l, f > out
		close(out)
	}
}'
t0=$(date +%s.%N)
"$tl" import --run bench --root "$work/root" "$work/in" >/dev/null
t1=$(date +%s.%N)
/usr/bin/time -f '%e %M %U %S' -o "$work/time" "$tl" report --html "$work/out" >"$work/report.out"
read -r secs kb usr sys < "$work/time"
bytes=$(du -sb "$work/out" | cut -f1)
files=$(find "$work/out" -type f | wc -l)
pages=$(ls "$work/out"/index*.html | wc -l)
awk -v n="$n" -v imp="$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" -v s="$secs" \
	-v kb="$kb" -v usr="$usr" -v sys="$sys" -v files="$files" -v pages="$pages" -v bytes="$bytes" 'BEGIN {
	printf "report_bench: %d findings (import %.1f s, not counted)\n", n, imp
	printf "  report --html: %.2f s (cpu: %.2f s user, %.2f s system), peak %d MB\n", s, usr, sys, kb / 1024
	printf "  output: %d files (%d index pages), %.1f MB (%.1f KB a finding) in %s\n",
		files, pages, bytes / 1e6, bytes / 1e3 / n, ENVIRON["work"]
	printf "  target < 10 s: %s\n", s < 10 ? "met" : "MISSED"
}'

want=$(( n < 1000 ? n : 1000 ))
dom=$(timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --user-data-dir="$work/chrome" \
	--dump-dom "file://$work/out/index.html" 2>/dev/null || true)
rows=$(printf '%s' "$dom" | grep -c '<tr data-status=' || true)
if [ "$rows" = "$want" ] && grep -q "<span id=\"shown\">$want</span>" <<<"$dom"; then
	echo "  chromium: index.html opened, $rows rows listed and counted by its script"
else
	echo "report_bench: FAIL: chromium listed $rows rows of index.html, want $want" >&2
	exit 1
fi
