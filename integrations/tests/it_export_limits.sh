#!/usr/bin/env bash
# it_export_limits.sh - GitHub's 25,000 results per run, end to end: a run
# of 25,100 (synthetic SARIF, imported) exports 25,000 results with a
# warning on stderr saying so; GitLab and rdjson, which have no such limit,
# keep all. Needs TL_GEN_SARIF.
. "$(dirname "$0")/it_lib.sh"
: "${TL_GEN_SARIF:?}"
mkdir -p "$WORK/gen"
cd "$WORK" || exit 1
"$TL_GEN_SARIF" "$WORK/gen" 1 25100 || { echo "FAIL: cannot generate SARIF" >&2; exit 1; }
run_tl import --run big gen
expect_eq "import exit" "$RC" 0
run_tl export --format sarif -o big.sarif
expect_eq "export exit" "$RC" 0
expect_match "limit warning" "$ERR" "^taskleak export: warning: 25100 results exceed GitHub's limit of 25000 per run: kept the 25000 most severe$"
expect_eq "results kept" "$(jq '.runs[0].results | length' big.sarif)" 25000
expect_eq "dropped count" "$(jq '.runs[0].properties.droppedOverLimits' big.sarif)" 100
expect_eq "distinct results" "$(jq '[.runs[0].results[].partialFingerprints["taskleak/v1"]] | unique | length' big.sarif)" 25000
expect_eq "rules for clang-less findings" "$(jq '[.runs[0].tool.driver.rules[] | select(.shortDescription.text and .fullDescription.text and .help.text)] | length' big.sarif)" 20
gz=$(gzip -c big.sarif | wc -c)
if [ "$gz" -le $((10 * 1024 * 1024)) ]; then ok; else fail "gzipped size $gz over 10 MB"; fi
run_tl export --format gitlab -o gl.json
expect_eq "gitlab keeps all" "$(jq 'length' gl.json)" 25100
expect_eq "gitlab no warning" "$ERR" ""
finish
