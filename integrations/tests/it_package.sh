#!/usr/bin/env bash
# it_package.sh - the Debian package, end to end, on this machine (root,
# dpkg; scripts/test.sh runs it on CI's throwaway machine):
#   it_package.sh BUILD_DIR
# builds taskleak_<version>_amd64.deb with cpack in BUILD_DIR, checks what
# it holds and depends on, installs it with dpkg -i, scans a copy of the
# example project with nothing but the installed files (PATH without the
# build tree, no TASKLEAK_* variables), checks the findings, the rule pages,
# the HTML report and the man page, refuses a clang no plugin was built for
# (exit 3), then dpkg -r and checks that nothing is left.
set -u
build=$(cd "${1:?usage: it_package.sh BUILD_DIR}" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
[ "$(id -u)" = 0 ] || { echo "it_package: needs root (dpkg -i)" >&2; exit 1; }
WORK=$(mktemp -d /tmp/tl-pkg-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
failures=0 checks=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { checks=$((checks + 1)); }
expect_eq() { if [ "$2" = "$3" ]; then ok; else fail "$1: got '$2', want '$3'"; fi; }
expect_match() { if printf '%s' "$2" | grep -Eq -- "$3"; then ok; else fail "$1: '$2' does not match /$3/"; fi; }
# clean: what runs the installed taskleak gets, and nothing else
clean() { env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$WORK" NO_COLOR=1 "$@"; }

# --- build the package
cmake --build "$build" --target taskleak taskleak_plugin taskleak_man >/dev/null || { echo "FAIL: build" >&2; exit 1; }
(cd "$build" && cpack -G DEB >"$WORK/cpack.out" 2>&1) || { cat "$WORK/cpack.out" >&2; echo "FAIL: cpack" >&2; exit 1; }
version=$(sed -n 's/^project(taskleak VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
deb="$build/taskleak_${version}_amd64.deb"
[ -f "$deb" ] && ok || { fail "no $deb ($(ls "$build"/*.deb 2>/dev/null))"; exit 1; }
contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for f in ./usr/bin/taskleak ./usr/share/taskleak/rules/catalog.json ./usr/share/taskleak/rules/docs/TL101.md \
	 ./usr/share/taskleak/rules/models/pthread.json ./usr/share/man/man1/taskleak.1.gz; do
	printf '%s\n' "$contents" | grep -qx -- "$f" && ok || fail "package lacks $f"
done
plugins=$(printf '%s\n' "$contents" | sed -n 's|^\./usr/lib/taskleak/clang-\([0-9]*\)/taskleak-plugin.so$|\1|p' | sort -n | tr '\n' ' ')
expect_match "plugins carried" "$plugins" '(^| )14 '
echo "it_package: $deb carries plugins for clang $plugins"
# every clang built beside this build (scripts/test.sh's build-15, build-16 ...)
for b in "$root"/build-*/checker/taskleak-plugin.clang; do
	[ -f "$b" ] && [ -f "${b%.clang}.so" ] || continue
	v=$(sed -n 's/.* \([0-9]*\)\..*/\1/p' "$b")
	expect_match "plugin of $(basename "$(dirname "$(dirname "$b")")") carried" "$plugins" "(^| )$v "
done
depends=$(dpkg-deb -f "$deb" Depends)
for d in libsqlite3-0 libcjson1 libxml2 clang-14 clang-tools-14 libclang1-14; do
	expect_match "Depends $d" "$depends" "(^|, )$d(,|$)"
done

# --- install and use it with nothing but the installed files
dpkg -r taskleak >/dev/null 2>&1
dpkg -i "$deb" >"$WORK/dpkg.out" 2>&1 || { cat "$WORK/dpkg.out" >&2; fail "dpkg -i"; exit 1; }
expect_eq "installed command" "$(command -v taskleak)" /usr/bin/taskleak
cp -r "$root/testdata/projects/example" "$WORK/example"
cd "$WORK/example" || exit 1
clean taskleak scan -j 2 -- make >"$WORK/scan.out" 2>"$WORK/scan.err"
expect_eq "installed scan exit" "$?" 0
expect_match "installed scan findings" "$(clean taskleak list --format csv)" 'TL101'
expect_eq "two findings (TL101, TL102)" "$(clean taskleak list --format csv | sed 1d | grep -c 'TL10[12]')" 2
expect_match "rule page from /usr/share" "$(clean taskleak rules TL102)" 'TL102'
clean taskleak report --html "$WORK/report" >/dev/null 2>"$WORK/report.err"
expect_eq "installed report exit" "$?" 0
expect_match "report rule help" "$(cat "$WORK"/report/f/*.html)" '# TL10[12] '
# each other clang carried: scan picks its plugin from /usr/lib/taskleak/clang-N
for v in $plugins; do
	[ "$v" = 14 ] && continue
	[ -x "/usr/lib/llvm-$v/bin/clang" ] || { echo "note: clang-$v not installed; its plugin not run"; continue; }
	rm -rf "$WORK/example-$v"
	cp -r "$root/testdata/projects/example" "$WORK/example-$v"
	(cd "$WORK/example-$v" && clean taskleak scan -j 2 --clang "/usr/lib/llvm-$v/bin/clang" -- make \
		>"$WORK/scan-$v.out" 2>"$WORK/scan-$v.err")
	expect_eq "scan with clang $v exit" "$?" 0
	expect_eq "clang $v: two findings" \
		"$(cd "$WORK/example-$v" && clean taskleak list --format csv | sed 1d | grep -c 'TL10[12]')" 2
done
expect_match "man page" "$(MANWIDTH=80 clean man taskleak 2>&1 | head -5)" 'taskleak - find threads'

# a clang no plugin was built for: refused with the installed versions
printf '#!/bin/sh\necho 99.1.0\n' > "$WORK/clang"
chmod +x "$WORK/clang"
clean taskleak scan --clang "$WORK/clang" -p /dev/null >/dev/null 2>"$WORK/mismatch.err"
expect_eq "mismatched clang exit" "$?" 3
expect_match "mismatch message" "$(cat "$WORK/mismatch.err")" 'no taskleak plugin for clang 99 .*installed for clang 14'

# --- remove: nothing left
cd "$WORK" || exit 1
dpkg -r taskleak >"$WORK/dpkg.out" 2>&1 || fail "dpkg -r: $(cat "$WORK/dpkg.out")"
[ ! -e /usr/lib/taskleak ] && ok || fail "left behind: $(find /usr/lib/taskleak | head)"
[ ! -e /usr/share/taskleak ] && ok || fail "left behind: $(find /usr/share/taskleak | head)"
[ ! -e /usr/bin/taskleak ] && ok || fail "left behind: /usr/bin/taskleak"

echo "it_package: $checks checks, $failures failures"
[ "$failures" = 0 ]
