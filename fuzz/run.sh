#!/usr/bin/env bash
# fuzz/run.sh SECONDS [HARNESS...]: builds the libFuzzer harnesses with
# clang-14 (build-fuzz, ASan+UBSan, no plugin) and runs each for SECONDS,
# starting from the seeds in fuzz/corpus/HARNESS (kept; what a run adds
# goes to build-fuzz/corpus/HARNESS). Harnesses: plist, sarif, model
# (default: all three). Exit status 0 only when none crashed, hung (one
# input over 10 s), leaked or went over 2 GB.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
secs=${1:?usage: fuzz/run.sh SECONDS [plist|sarif|model]...}
shift
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(plist sarif model)

CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -DLLVM_VERSION=14 -DTASKLEAK_FUZZ=ON >/dev/null
targets=()
for h in "${harnesses[@]}"; do targets+=("fuzz_$h"); done
cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]}" >/dev/null

for h in "${harnesses[@]}"; do
	work="build-fuzz/corpus/$h" artifacts="build-fuzz/artifacts/$h/"
	mkdir -p "$work" "$artifacts"
	dict=()
	[ -f "fuzz/$h.dict" ] && dict=(-dict="fuzz/$h.dict")
	echo "== fuzz $h for ${secs}s"
	# libFuzzer exits non-zero on a crash, a timeout, a leak or the RSS limit
	if ! "build-fuzz/fuzz/fuzz_$h" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$artifacts" "${dict[@]}" \
		"$work" "fuzz/corpus/$h" > "build-fuzz/fuzz-$h.log" 2>&1; then
		tail -n 60 "build-fuzz/fuzz-$h.log"
		echo "== fuzz $h FAILED: reproducer in $artifacts"
		exit 1
	fi
	grep -E '^stat::number_of_executed_units|^Done' "build-fuzz/fuzz-$h.log" || true
done
