# it_lib.sh - shared setup for the integration tests (sourced, bash).
#
# Environment (set by ctest, see CMakeLists.txt): TASKLEAK (the binary),
# TL_PROJECTS (testdata/projects), TL_FIXTURES (testdata/store), TL_CLANG,
# TL_PLUGIN (only when the plugin is built), TASKLEAK_CATALOG.
set -u
: "${TASKLEAK:?}" "${TL_PROJECTS:?}" "${TL_FIXTURES:?}" "${TL_CLANG:?}"

WORK=$(mktemp -d /tmp/tl-it-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export TASKLEAK_DB="$WORK/db/findings.db"
export NO_COLOR=1
failures=0
checks=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { checks=$((checks + 1)); }

# expect_eq WHAT GOT WANT
expect_eq() {
	if [ "$2" = "$3" ]; then ok; else fail "$1: got '$2', want '$3'"; fi
}

# expect_match WHAT TEXT REGEX
expect_match() {
	if printf '%s' "$2" | grep -Eq -- "$3"; then ok; else fail "$1: '$2' does not match /$3/"; fi
}

# run_tl [ARGS...]: runs taskleak; sets RC, OUT, ERR
run_tl() {
	"$TASKLEAK" "$@" >"$WORK/out" 2>"$WORK/err"
	RC=$?
	OUT=$(cat "$WORK/out")
	ERR=$(cat "$WORK/err")
}

# project NAME: copies testdata/projects/NAME to $WORK/NAME, writes its
# compile_commands.json (one entry per src/*.c) and cds there.
project() {
	rm -rf "${WORK:?}/$1"
	cp -r "$TL_PROJECTS/$1" "$WORK/$1"
	cd "$WORK/$1" || exit 1
	write_cdb
}

write_cdb() {
	{
		printf '[\n'
		local first=1 f
		for f in src/*.c src/*.cpp; do
			[ -e "$f" ] || continue
			[ $first = 1 ] || printf ',\n'
			first=0
			local cc=cc
			[ "${f%.cpp}" = "$f" ] || cc=c++
			printf '  {"directory": "%s", "file": "%s", "arguments": ["%s", "-Iinclude", "-c", "%s", "-o", "%s"]}' \
				"$PWD" "$f" "$cc" "$f" "${f%.c*}.o"
		done
		printf '\n]\n'
	} > compile_commands.json
}

# scan_core [ARGS...]: a scan with clang's own checkers only (no plugin)
scan_core() {
	run_tl scan -j 2 --checkers core,unix -p compile_commands.json "$@"
}

# db SQL: one query on the test database
db() { sqlite3 -batch -noheader "$TASKLEAK_DB" "$1"; }

# finish: prints the tally and exits 0 only without failures
finish() {
	echo "$checks checks, $failures failures"
	[ "$failures" = 0 ]
	exit $?
}
