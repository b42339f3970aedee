#!/usr/bin/env bash
# it_report.sh - `taskleak report --html` on real scans of the bundled
# example project, opened in headless Chromium: two runs (the logger fixed,
# then as shipped) give TL101 unchanged and TL102 new; a triage note and a
# source comment hold <script> that must show as text and never run; the
# DOM after the page's own script ran lists the findings, the finding page
# draws the path's notes beside the source; screenshots are taken (the one
# in docs/img/report.png comes from here). Needs the plugin and chromium.
. "$(dirname "$0")/it_lib.sh"
: "${TL_PLUGIN:?the report test needs the plugin}"
CHROMIUM=${CHROMIUM:-chromium}
command -v "$CHROMIUM" >/dev/null || { echo "FAIL: no $CHROMIUM (scripts/install-deps.sh installs it)" >&2; exit 1; }
SHOTS=${TL_SCREENSHOT_DIR:-$WORK/shots}
mkdir -p "$SHOTS"

# browse WHAT FILE: the DOM of FILE after its scripts ran, into $DOM
browse() {
	DOM=$(timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --user-data-dir="$WORK/chrome" \
		--dump-dom "file://$2" 2>"$WORK/chromium.err")
	[ -n "$DOM" ] || fail "$1: chromium printed no DOM: $(grep -v 'unexpected operator' "$WORK/chromium.err" | tail -3)"
}
# shot FILE PNG W H: a screenshot, checked to be a PNG of that size
shot() {
	rm -f "$2"
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --user-data-dir="$WORK/chrome" \
		--hide-scrollbars --window-size="$3,$4" --screenshot="$2" "file://$1" >/dev/null 2>&1
	expect_eq "screenshot $(basename "$2")" \
		"$(python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print("%dx%d" % struct.unpack(">II", d[16:24]) if d[:8]==b"\x89PNG\r\n\x1a\n" else "none")' "$2" 2>/dev/null)" "${3}x${4}"
}

cp -r "$TL_PROJECTS/example" "$WORK/example"
cd "$WORK/example" || exit 1
cp logger.c "$WORK/logger.c.orig"
sed -i 's|pthread_detach(t);|pthread_join(t, 0);|' logger.c
run_tl scan -j 2 --run base -- make
expect_eq "scan base" "$RC" 0
make -s clean >/dev/null
cp "$WORK/logger.c.orig" logger.c
echo "/* <script>document.title='PWNED-SRC'</script> \"quoted\" & more */" >> main.c
run_tl scan -j 2 --run head -- make
expect_eq "scan head" "$RC" 0
t101=$(db "SELECT fingerprint FROM findings WHERE rule = 'TL101'")
t102=$(db "SELECT fingerprint FROM findings WHERE rule = 'TL102'")
expect_match "two findings" "$t101 $t102" '^[0-9a-f]{64} [0-9a-f]{64}$'
run_tl triage "${t101:0:12}" --as confirmed --note "<script>document.title='PWNED-NOTE'</script>" --by "<b>ann</b>"
expect_eq "triage" "$RC" 0

# --- usage
run_tl report
expect_eq "no --html" "$RC" 2
run_tl report --html "$WORK/r" --run nosuchrun
expect_eq "no such run" "$RC" 2
run_tl report --help
expect_match "help" "$OUT" '^usage: taskleak report --html DIR'
: > "$WORK/afile"
run_tl report --html "$WORK/afile/r"
expect_eq "output under a file" "$RC" 3

# --- the report (the baseline is the previous run, base)
run_tl report --html "$WORK/r"
expect_eq "report exit" "$RC" 0
expect_match "report says" "$OUT" 'index.html: 2 finding\(s\), 1 index page\(s\)'
p101="$WORK/r/f/${t101:0:24}.html" p102="$WORK/r/f/${t102:0:24}.html"
[ -f "$p101" ] && [ -f "$p102" ] && ok || fail "finding pages missing: $(ls "$WORK/r/f")"
expect_eq "no network" "$(grep -lE '(src|href)="(https?:)?//' "$WORK"/r/*.html "$WORK"/r/f/*.html)" ""

browse index "$WORK/r/index.html"
expect_match "index title (not replaced by a script)" "$DOM" '<title>taskleak: run head</title>'
expect_eq "index rows" "$(printf '%s' "$DOM" | grep -c '<tr data-status=')" 2
expect_match "TL102 new" "$DOM" '<tr data-status="new" data-rule="TL102"[^>]*data-file="logger.c"'
expect_match "TL101 unchanged, confirmed" "$DOM" '<tr data-status="unchanged" data-rule="TL101" data-triage="confirmed" data-file="main.c"'
expect_match "the page's script ran (shown count)" "$DOM" '<span id="shown">2</span>'
expect_match "baseline named" "$DOM" '<td>baseline</td><td>base</td>'
expect_match "analyzer version" "$DOM" '<td>analyzer</td><td>[^<]*[0-9]+\.[0-9]+'
shot "$WORK/r/index.html" "$SHOTS/index.png" 1200 800

browse TL101 "$p101"
expect_match "TL101 title" "$DOM" '<title>TL101: '
expect_match "note escaped, shown as text" "$DOM" "&lt;script&gt;document.title='PWNED-NOTE'&lt;/script&gt;"
expect_match "source comment escaped" "$DOM" "&lt;script&gt;document.title='PWNED-SRC'&lt;/script&gt; \"quoted\" &amp; more"
expect_eq "no injected script ran" "$(printf '%s' "$DOM" | grep -c 'PWNED[^<]*</title>')" 0
expect_match "who triaged, escaped" "$DOM" '&lt;b&gt;ann&lt;/b&gt;'

browse TL102 "$p102"
notes=$(printf '%s' "$DOM" | grep -o 'class="note[ a-z]*" id="s[0-9]*"' | wc -l)
[ "$notes" -ge 2 ] && ok || fail "TL102 page: $notes path notes, want 2 or more"
expect_match "the detach line in the source" "$DOM" '<tr class="hit"><td>[0-9]+</td><td>	pthread_detach\(t\);</td>'
expect_match "warning note last" "$DOM" 'class="note last"'
expect_match "suppression comment" "$DOM" '// taskleak-ignore\[TL102\]: reason'
expect_match "rule help" "$DOM" '# TL102 '
expect_match "back to the index" "$DOM" 'href="../index.html"'
shot "$p102" "$SHOTS/finding.png" 1100 1450

echo "screenshots in $SHOTS"
finish
