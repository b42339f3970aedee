#!/usr/bin/env bash
# The README's second command: the whole test suite.  Installs what the tests
# need (clang 14, 15, 16 and 19, npm), builds everything for clang 14 and runs
# ctest (cmocka units, lit, end-to-end), then builds the plugin for clang 15,
# 16 and 19 and runs the lit suite against each, then the sanitizer build,
# then builds, installs, uses and removes the Debian package.  Exit status 0
# only when all of it passed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jobs=$(nproc)

scripts/install-deps.sh --with-clang15 --with-clang16 --with-clang19 --with-npm

echo "== clang 14: build and ctest"
cmake -S . -B build -DLLVM_VERSION=14 >/dev/null
cmake --build build -j"$jobs" >/dev/null
ctest --test-dir build -j"$jobs" --output-on-failure

lit=/usr/lib/llvm-14/build/utils/lit/lit.py
for v in 15 16 19; do
  echo "== clang $v: plugin build and lit"
  # no debug info: these plugins serve lit and the package, and -g costs
  # a quarter of the compile time (clang's headers are most of it)
  cmake -S . -B "build-$v" -DLLVM_VERSION="$v" -DTASKLEAK_BUILD_TOOLS=OFF \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" \
    -DCMAKE_C_FLAGS_RELEASE="-O2 -DNDEBUG" >/dev/null
  cmake --build "build-$v" -j"$jobs" --target taskleak_plugin >/dev/null
  cmake --build "build-$v" -j"$jobs" >/dev/null
  python3 "$lit" -sv "build-$v/testdata/lit"
done
# ---- sanitizers (issue 13) -------------------------------------------
# The C code (command, store, readers, model loader and their tests) built
# with AddressSanitizer, LeakSanitizer and UBSan, stopping at the first
# report; the whole ctest suite of that build (no plugin, no lit: clang
# cannot load a sanitized module). Reports go to files, so that one from a
# process whose exit status a test ignores still fails this step.
echo "== sanitizers: C code under ASan+UBSan, whole ctest"
cmake -S . -B build-asan -DLLVM_VERSION=14 -DTASKLEAK_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs" >/dev/null
san="$root/build-asan/sanitizer-reports"
rm -rf "$san" && mkdir -p "$san"
ASAN_OPTIONS="detect_leaks=1:log_path=$san/asan" \
UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$san/ubsan" \
	ctest --test-dir build-asan -j"$jobs" --output-on-failure
if [ -n "$(ls -A "$san")" ]; then
	cat "$san"/*
	echo "== sanitizer reports (above)"
	exit 1
fi
# libFuzzer (clang-14) on the plist reader, the SARIF reader and the model
# loader, half a minute each (bench/fuzz_long.sh runs them longer)
fuzz/run.sh 30
# ---- end of sanitizers ---------------------------------------------------

# --- Debian package (issue 16): built from build/ with the plugin of every
# build-N/ above, installed with dpkg, a scan with only the installed files,
# removed again. Needs root: CI runs on a throwaway machine.
echo "== Debian package: build, install, scan, remove"
bash integrations/tests/it_package.sh build

echo "== all test suites passed"
