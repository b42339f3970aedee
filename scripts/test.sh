#!/usr/bin/env bash
# The README's second command: the whole test suite.  Installs what the tests
# need (clang 14, 15, 16 and 19, npm), builds everything for clang 14 and runs
# ctest (cmocka units, lit, end-to-end), then builds the plugin for clang 15,
# 16 and 19 and runs the lit suite against each.  Exit status 0 only when all
# of it passed.
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
  cmake -S . -B "build-$v" -DLLVM_VERSION="$v" -DTASKLEAK_BUILD_TOOLS=OFF >/dev/null
  cmake --build "build-$v" -j"$jobs" --target taskleak_plugin >/dev/null
  cmake --build "build-$v" -j"$jobs" >/dev/null
  python3 "$lit" -sv "build-$v/testdata/lit"
done
echo "== all test suites passed"
