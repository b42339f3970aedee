#!/usr/bin/env bash
# The README's first command: install what taskleak needs (Debian 12
# packages), build the plugin and the taskleak command, then scan the bundled
# example project (testdata/projects/example) into a findings database and
# print what was found.  Run it as root on a fresh machine; it is quick to
# run again.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

case "${1:-}" in
  -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac

step() { printf '\n== %s\n' "$*"; }

step "installing Debian packages (skipped when present)"
scripts/install-deps.sh

step "building taskleak for clang 14"
cmake -S . -B build -DLLVM_VERSION=14 >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
echo "plugin:  $root/build/checker/taskleak-plugin.so"
echo "command: $root/build/integrations/taskleak"

step "scanning the example project (testdata/projects/example)"
work=$(mktemp -d "${TMPDIR:-/tmp}/taskleak-example.XXXXXX")
cp -r testdata/projects/example "$work/"
cd "$work/example"
tl="$root/build/integrations/taskleak"
"$tl" scan --run example -- make
step "findings (stored in $work/example/.taskleak/findings.db)"
"$tl" list --status open
first=$("$tl" list --status open --format csv | sed -n '2p' | cut -d, -f1)
if [ -n "$first" ]; then
  step "the first finding, with its path"
  "$tl" show "$first"
fi
