#!/usr/bin/env bash
# bench/import_memory.sh [SIZE_MB] [BUILD_DIR]: peak memory of `taskleak
# import` against the size of its input, for one clang plist and one SARIF
# file of about SIZE_MB megabytes each (default 200). Prints, per format,
# the input size, the peak RSS (getrusage of the child) and their ratio.
# Budget (issue 13): under 3x the input.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
size=${1:-200}
build=${2:-$root/build}
tl="$build/integrations/taskleak"
gen="$build/integrations/tests/tl_gen_sarif"
[ -x "$tl" ] && [ -x "$gen" ] || { echo "build taskleak and tl_gen_sarif in $build first" >&2; exit 2; }
work=$(mktemp -d /tmp/tl-mem-XXXXXX)
trap 'rm -rf "$work"' EXIT
export TASKLEAK_CATALOG="$root/rules/catalog.json"

python3 "$root/bench/gen_plist.py" "$work/big.plist" "$size"
# tl_gen_sarif writes about 620 bytes a result
mkdir -p "$work/sarif"
"$gen" "$work/sarif" 1 "$(python3 -c "print(int($size * 1e6 / 620))")" 0

# peak_rss FILE: runs the import into a fresh database; prints "bytes peak"
peak_rss() {
	python3 - "$tl" "$1" "$work/db-$(basename "$1").db" <<'PY'
import os, resource, subprocess, sys
tl, inp, db = sys.argv[1:4]
env = dict(os.environ, TASKLEAK_DB=db)
r = subprocess.run([tl, "import", "--root", os.path.dirname(inp), inp], env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
if r.returncode:
    sys.exit("import failed: " + r.stderr.decode())
print(os.path.getsize(inp), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)
PY
}

printf '%-6s %12s %14s %7s\n' format "input (MB)" "peak RSS (MB)" ratio
for f in "$work/big.plist" "$work/sarif/part-0000.sarif"; do
	read -r bytes peak < <(peak_rss "$f")
	python3 -c "import sys; b, p = int(sys.argv[2]), int(sys.argv[3]); print('%-6s %12.1f %14.1f %6.2fx' % (sys.argv[1], b / 1e6, p / 1e6, p / b))" \
		"${f##*.}" "$bytes" "$peak"
done
