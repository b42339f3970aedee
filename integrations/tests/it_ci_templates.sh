#!/usr/bin/env bash
# it_ci_templates.sh - the CI templates in integrations/ci: the GitHub
# Actions workflow passes action-validator (npm @action-validator/cli, the
# workflow JSON schema), and a broken copy fails it; both templates, read as
# YAML (js-yaml), have what the spec asks (the sharded ones: a matrix of
# shard scans and a join job that merges them): upload with only
# security-events: write, the database cached, the job failing on new
# findings, a GitLab codequality artifact. Needs TL_NPM (npm_tools.sh), TL_CI.
. "$(dirname "$0")/it_lib.sh"
: "${TL_NPM:?}" "${TL_CI:?}"
AV="$TL_NPM/node_modules/.bin/action-validator"
GH="$TL_CI/github-actions.yml"
GL="$TL_CI/gitlab-ci.yml"

"$AV" "$GH" >"$WORK/av.out" 2>&1
RC=$?
expect_eq "action-validator on the workflow ($(head -c 300 "$WORK/av.out"))" "$RC" 0
# the linter does reject a broken workflow (no runs-on; a misspelt key)
sed '/runs-on:/d' "$GH" > "$WORK/bad1.yml"
"$AV" "$WORK/bad1.yml" >/dev/null 2>&1
expect_eq "action-validator rejects a job without runs-on" "$?" 1
sed 's/^    steps:/    stepz:/' "$GH" > "$WORK/bad2.yml"
"$AV" "$WORK/bad2.yml" >/dev/null 2>&1
expect_eq "action-validator rejects an unknown key" "$?" 1

# yq QUERY FILE: a JavaScript expression on the parsed YAML (as `doc`)
yq() {
	NODE_PATH="$TL_NPM/node_modules" node -e '
		const yaml = require("js-yaml"), fs = require("fs");
		const doc = yaml.load(fs.readFileSync(process.argv[2], "utf8"));
		const v = eval(process.argv[1]);
		console.log(typeof v === "string" ? v : JSON.stringify(v));' "$1" "$2"
}

# GitHub: permissions, steps
expect_eq "workflow permissions" "$(yq 'doc.permissions' "$GH")" '{"security-events":"write"}'
expect_eq "no job-level permissions" "$(yq 'Object.values(doc.jobs).some(j => j.permissions !== undefined)' "$GH")" false
expect_eq "upload step" "$(yq 'doc.jobs.taskleak.steps.filter(s => (s.uses || "").startsWith("github/codeql-action/upload-sarif@")).map(s => s.with.sarif_file)' "$GH")" '["taskleak.sarif"]'
expect_eq "database cached" "$(yq 'doc.jobs.taskleak.steps.filter(s => (s.uses || "").startsWith("actions/cache@")).map(s => s.with.path)' "$GH")" '[".taskleak"]'
expect_match "scan gates on new" "$(yq 'doc.jobs.taskleak.steps.find(s => s.id === "scan").run' "$GH")" 'taskleak scan --fail-on new'
expect_match "export SARIF" "$(yq 'doc.jobs.taskleak.steps.map(s => s.run || "").join("\n")' "$GH")" 'taskleak export --format sarif .*-o taskleak.sarif'
expect_eq "failing step" "$(yq 'doc.jobs.taskleak.steps.filter(s => s.if === "steps.scan.outputs.status == '"'1'"'").length' "$GH")" 1
order=$(yq 'doc.jobs.taskleak.steps.map(s => s.name).join("|")' "$GH")
expect_match "step order" "$order" 'Restore the findings database\|Scan\|Export SARIF\|Upload to code scanning\|Fail on new findings$'

# GitLab: the job's artifact and cache
expect_eq "codequality artifact" "$(yq 'doc.taskleak.artifacts.reports.codequality' "$GL")" gl-code-quality-report.json
expect_eq "artifact always" "$(yq 'doc.taskleak.artifacts.when' "$GL")" always
expect_eq "gitlab cache" "$(yq 'doc.taskleak.cache.paths' "$GL")" '[".taskleak/"]'
script=$(yq 'doc.taskleak.script.join("\n")' "$GL")
expect_match "gitlab scan" "$script" 'taskleak scan --fail-on new'
expect_match "gitlab export" "$script" 'taskleak export --format gitlab -o gl-code-quality-report.json'
expect_match "gitlab exit status" "$script" 'exit "\$status"$'

# the sharded templates: a matrix (parallel) of shard scans, each into its
# own database, and one join job that merges them, gated like the above
GHS="$TL_CI/github-actions-sharded.yml"
GLS="$TL_CI/gitlab-ci-sharded.yml"
"$AV" "$GHS" >"$WORK/av.out" 2>&1
RC=$?
expect_eq "action-validator on the sharded workflow ($(head -c 300 "$WORK/av.out"))" "$RC" 0
expect_eq "sharded: permissions" "$(yq 'doc.permissions' "$GHS")" '{"security-events":"write"}'
shards=$(yq 'doc.env.SHARDS' "$GHS")
expect_eq "sharded: the matrix lists shards 1..SHARDS" "$(yq 'doc.jobs.scan.strategy.matrix.shard.join(",")' "$GHS")" "$(seq -s, 1 "$shards")"
expect_match "sharded: each shard scans its part" "$(yq 'doc.jobs.scan.steps.map(s => s.run || "").join("\n")' "$GHS")" \
	'taskleak --db shard.db scan --shard "\$\{\{ matrix.shard \}\}/\$SHARDS"'
expect_eq "sharded: join needs the scans" "$(yq 'doc.jobs.join.needs' "$GHS")" scan
expect_match "sharded: join merges and gates" "$(yq 'doc.jobs.join.steps.find(s => s.id === "merge").run' "$GHS")" 'taskleak merge --fail-on new shards/\*/shard.db'
expect_eq "sharded: artifact names match" "$(yq 'doc.jobs.join.steps.find(s => (s.uses || "").startsWith("actions/download-artifact@")).with.pattern' "$GHS")" 'taskleak-shard-*'
order=$(yq 'doc.jobs.join.steps.map(s => s.name).join("|")' "$GHS")
expect_match "sharded: join step order" "$order" 'Restore the findings database\|Fetch the shards\|Merge\|Export SARIF\|Upload to code scanning\|Fail on new findings$'
expect_match "gitlab sharded: parallel" "$(yq 'doc["taskleak-shard"].parallel' "$GLS")" '^[2-9][0-9]*$'
expect_match "gitlab sharded: shard scan" "$(yq 'doc["taskleak-shard"].script.join("\n")' "$GLS")" \
	'scan --shard "\$CI_NODE_INDEX/\$CI_NODE_TOTAL"'
expect_eq "gitlab sharded: join needs the shards" "$(yq 'doc["taskleak-join"].needs' "$GLS")" '["taskleak-shard"]'
expect_match "gitlab sharded: join merges" "$(yq 'doc["taskleak-join"].script.join("\n")' "$GLS")" 'taskleak merge --fail-on new shard-\*.db'
expect_eq "gitlab sharded: codequality artifact" "$(yq 'doc["taskleak-join"].artifacts.reports.codequality' "$GLS")" gl-code-quality-report.json

# the commands the templates run exist with these options
for args in "scan --help" "export --help" "diff --help" "merge --help"; do
	run_tl $args
	expect_eq "taskleak $args" "$RC" 0
done
run_tl export --help
expect_match "export documents --category" "$OUT" '--category NAME'

finish
