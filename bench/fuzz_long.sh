#!/usr/bin/env bash
# bench/fuzz_long.sh [SECONDS] [plist|sarif|model]...: the libFuzzer
# harnesses run for longer than CI does (default 30 minutes each). A
# crash leaves its reproducer under build-fuzz/artifacts/HARNESS/; add it to
# fuzz/corpus/HARNESS once fixed. See fuzz/run.sh.
set -euo pipefail
secs=${1:-1800}
[ $# -gt 0 ] && shift
exec "$(dirname "$0")/../fuzz/run.sh" "$secs" "$@"
