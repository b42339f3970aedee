#!/usr/bin/env bash
# npm_tools.sh DIR - installs the npm tools the export tests use into DIR
# (a ctest fixture): @microsoft/sarif-multitool (the SARIF validator with
# GitHub's ingestion rules), @action-validator/cli (GitHub Actions workflow
# lint) and js-yaml (to read the GitLab CI template). Quick when present.
set -euo pipefail
dir=${1:?usage: npm_tools.sh DIR}
pkgs=(@microsoft/sarif-multitool@5.7.0 @action-validator/cli@0.6.0 js-yaml@4.1.0)
sm="$dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
if [ ! -e "$sm" ] || [ ! -e "$dir/node_modules/.bin/action-validator" ] ||
   [ ! -e "$dir/node_modules/js-yaml/package.json" ]; then
	command -v npm >/dev/null || { echo "npm_tools: npm is missing (scripts/install-deps.sh --with-npm)" >&2; exit 1; }
	mkdir -p "$dir"
	npm install --no-audit --no-fund --loglevel=error --prefix "$dir" "${pkgs[@]}"
fi
# npm may skip the package's postinstall (chmod u+x): do it ourselves
chmod u+x "$sm"
"$sm" --version >/dev/null
echo "npm_tools: ready in $dir"
