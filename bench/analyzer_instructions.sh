#!/usr/bin/env bash
# analyzer_instructions.sh: what does the taskleak plugin add to the
# analyzer's work, counted in instructions?
#
# For each chosen entry of a compilation database, runs `clang --analyze`
# on it under valgrind's callgrind with the default checkers alone
# (baseline), then with the taskleak plugin loaded and enabled (and, with
# --ref-plugin, with a second plugin: the one of another commit), and
# prints the instructions each configuration executed, their ratio to the
# baseline, the totals over the units, and the verdict against the budget
# (design.md section 8: 1.10x).
#
# Why instructions: CPU seconds on a shared machine swing by 15-35% from
# run to run, more than the overhead being measured; an instruction count
# of the same command is the same in every run (one run per configuration
# is enough).  It is slow: under callgrind a unit that takes 1 s takes
# about a minute.  Not a timed test: nothing here depends on the clock.
#
# Usage:
#   bench/analyzer_instructions.sh [options] -p compile_commands.json [FILE...]
#   e.g. bench/analyzer_instructions.sh --model project.json \
#          -p build/compile_commands.json lib/mosquitto.c
#
# FILE picks the entries whose "file" ends with it (default: every entry).
#
# Options:
#   -p FILE            the compilation database (required)
#   --plugin FILE      the taskleak plugin (default: $TASKLEAK_PLUGIN, else
#                      build/checker/taskleak-plugin.so in this repository)
#   --ref-plugin FILE  a second plugin measured the same way (e.g. main's)
#   --model FILE       a project model for the plugins (repeatable; the
#                      option taskleak.lifetime.UnjoinedTask:Models)
#   --checkers LIST    what the plugin configurations enable (default taskleak)
#   --clang PATH       the clang to analyse with (default: $CLANG, else
#                      clang-14); a plugin loads only into its own clang
#   --budget R         allowed ratio (default 1.10)
#   --keep DIR         keep the callgrind outputs and logs under DIR
#   --strict           exit 1 when the total ratio is over the budget
#   -h, --help         this text
#
# Needs valgrind (Debian package valgrind: scripts/install-deps.sh
# --with-valgrind) and python3 (to read the database).
#
# Exit status: 0 measured (1 with --strict and over budget); 2 usage;
# 3 a run failed (the analyzer exited non-zero, the plugin did not load,
# the database cannot be read, a tool is missing).
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)

plugin="${TASKLEAK_PLUGIN:-$repo/build/checker/taskleak-plugin.so}"
ref_plugin=""
models=""
checkers=taskleak
clang="${CLANG:-clang-14}"
budget=1.10
keep=""
strict=0
db=""

usage() { sed -n '2,/^set -uo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }
die() { echo "analyzer_instructions: $*" >&2; exit 3; }
bad_usage() {
  echo "analyzer_instructions: $*" >&2
  echo "see: $0 --help" >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
    -p) [ $# -ge 2 ] || bad_usage "-p needs a compilation database"; db=$2; shift 2 ;;
    --plugin) [ $# -ge 2 ] || bad_usage "--plugin needs a file"; plugin=$2; shift 2 ;;
    --ref-plugin) [ $# -ge 2 ] || bad_usage "--ref-plugin needs a file"; ref_plugin=$2; shift 2 ;;
    --model) [ $# -ge 2 ] || bad_usage "--model needs a file"
             models="${models:+$models:}$(cd "$(dirname "$2")" 2>/dev/null && pwd)/$(basename "$2")"
             [ -r "$2" ] || bad_usage "model file '$2' not found"; shift 2 ;;
    --checkers) [ $# -ge 2 ] || bad_usage "--checkers needs a list"; checkers=$2; shift 2 ;;
    --clang) [ $# -ge 2 ] || bad_usage "--clang needs a path"; clang=$2; shift 2 ;;
    --budget) [ $# -ge 2 ] || bad_usage "--budget needs a ratio"; budget=$2; shift 2 ;;
    --keep) [ $# -ge 2 ] || bad_usage "--keep needs a directory"; keep=$2; shift 2 ;;
    --strict) strict=1; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) bad_usage "unknown option '$1'" ;;
    *) break ;;
  esac
done

[ -n "$db" ] || bad_usage "no compilation database given (-p FILE)"
[[ "$budget" =~ ^[0-9]+(\.[0-9]+)?$ ]] || bad_usage "--budget must be a number like 1.10"
[ -r "$db" ] || die "cannot read compilation database '$db'"
command -v python3 >/dev/null 2>&1 || die "python3 not found (it reads the database)"
clang_path=$(command -v "$clang" 2>/dev/null) || die "clang '$clang' not found"
for p in "$plugin" ${ref_plugin:+"$ref_plugin"}; do
  [ -r "$p" ] || die "plugin '$p' not found (build taskleak, or pass --plugin)"
done
plugin=$(cd "$(dirname "$plugin")" && pwd)/$(basename "$plugin")
[ -z "$ref_plugin" ] || ref_plugin=$(cd "$(dirname "$ref_plugin")" && pwd)/$(basename "$ref_plugin")

if [ -n "$keep" ]; then
  mkdir -p "$keep" || die "cannot create '$keep'"
  work=$(cd "$keep" && pwd)
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/analyzer_instructions.XXXXXX") ||
    die "cannot make a temporary directory"
  trap 'rm -rf "$work"' EXIT
fi

# One unit a line: DIRECTORY, then FILE, then its arguments, NUL-separated
# into $work/units/N (the compiler, -c, -o X and dependency-file options
# dropped: the analysis writes nothing).
mkdir -p "$work/units"
python3 - "$db" "$work/units" "$@" <<'PY' || exit 3
import json, os, shlex, sys
db, out, picks = sys.argv[1], sys.argv[2], sys.argv[3:]
try:
    with open(db) as f:
        entries = json.load(f)
    assert isinstance(entries, list)
except (OSError, ValueError, AssertionError) as e:
    sys.exit("analyzer_instructions: %s: not a compilation database (%s)" % (db, e))
n = 0
drop_next = {"-o", "-MF", "-MT", "-MQ"}
for i, e in enumerate(entries):
    try:
        d, f = e["directory"], e["file"]
        args = e["arguments"] if "arguments" in e else shlex.split(e["command"])
    except (KeyError, TypeError, ValueError) as err:
        sys.exit("analyzer_instructions: %s: entry %d: no directory, file or command (%s)" % (db, i, err))
    if picks and not any(f.endswith(p) for p in picks):
        continue
    kept, skip = [], False
    for a in args[1:]:
        if skip:
            skip = False
        elif a in drop_next:
            skip = True
        elif a in ("-c", "-MD", "-MMD") or a == f or os.path.join(d, a) == f:
            pass
        else:
            kept.append(a)
    with open(os.path.join(out, "%04d" % n), "w") as o:
        o.write("\0".join([d, f] + kept))
    n += 1
if n == 0:
    sys.exit("analyzer_instructions: %s: no entry matches %s" % (db, " ".join(picks) or "(any)"))
PY

command -v valgrind >/dev/null 2>&1 ||
  die "valgrind not found (Debian package valgrind; scripts/install-deps.sh --with-valgrind)"

# count TAG DIR FILE ARGS...: instructions of one analysis under callgrind.
# The clang driver runs cc1 in its own process (no fork since clang 10);
# with --trace-children the largest count is cc1's whichever way it runs.
count() {
  local tag=$1 dir=$2 file=$3; shift 3
  local out="$work/$tag"
  mkdir -p "$out" && rm -f "$out"/cg.*
  (cd "$dir" && valgrind --tool=callgrind --trace-children=yes \
      --callgrind-out-file="$out/cg.%p" "$clang_path" --analyze -o /dev/null \
      "$@" "$file") >"$out/log" 2>&1
  local rc=$?
  [ $rc -eq 0 ] || { tail -n 20 "$out/log" >&2; die "$tag: the analysis exited $rc on $file (log: $out/log)"; }
  if grep -q -E "unable to load plugin|not compatible with this version|no analyzer checkers or packages" "$out/log"; then
    die "$tag: the plugin did not load for $file (log: $out/log)"
  fi
  cat "$out"/cg.* | awk '/^totals:/ { if ($2 > m) m = $2 } END { printf "%.0f\n", m + 0 }'
}

configs=(base tl)
[ -z "$ref_plugin" ] || configs+=(ref)
plugin_args() {   # plugin_args FILE: the options that load and enable it
  local a=(-Xclang -load -Xclang "$1" -Xclang "-analyzer-checker=$checkers")
  [ -z "$models" ] || a+=(-Xclang -analyzer-config -Xclang "taskleak.lifetime.UnjoinedTask:Models=$models")
  printf '%s\0' "${a[@]}"
}

echo "analyzer_instructions: database $db"
echo "analyzer_instructions: analyzer $clang_path ($("$clang_path" -dumpversion 2>/dev/null))"
echo "analyzer_instructions: plugin   $plugin"
[ -z "$ref_plugin" ] || echo "analyzer_instructions: ref      $ref_plugin"
[ -z "$models" ] || echo "analyzer_instructions: models   $models"
echo "analyzer_instructions: instructions (callgrind), one run each: counts do not vary between runs"
echo

declare -A total=([base]=0 [tl]=0 [ref]=0)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'; }
printf '%-40s %15s %15s %8s' unit baseline plugin ratio
[ -z "$ref_plugin" ] || printf ' %15s %8s' ref ratio
echo
for u in "$work"/units/*; do
  mapfile -d '' -t ent <"$u"
  dir=${ent[0]}; file=${ent[1]}; args=("${ent[@]:2}")
  declare -A n=()
  for cfg in "${configs[@]}"; do
    extra=()
    case $cfg in
      tl) mapfile -d '' -t extra < <(plugin_args "$plugin") ;;
      ref) mapfile -d '' -t extra < <(plugin_args "$ref_plugin") ;;
    esac
    n[$cfg]=$(count "$cfg-$(basename "$u")" "$dir" "$file" ${args[@]+"${args[@]}"} \
                ${extra[@]+"${extra[@]}"}) || exit 3
    total[$cfg]=$(( ${total[$cfg]} + ${n[$cfg]} ))
  done
  printf '%-40s %15s %15s %8s' "$(basename "$file")" "${n[base]}" "${n[tl]}" "$(ratio "${n[tl]}" "${n[base]}")x"
  [ -z "$ref_plugin" ] || printf ' %15s %8s' "${n[ref]}" "$(ratio "${n[ref]}" "${n[base]}")x"
  echo
done
printf '%-40s %15s %15s %8s' total "${total[base]}" "${total[tl]}" "$(ratio "${total[tl]}" "${total[base]}")x"
[ -z "$ref_plugin" ] || printf ' %15s %8s' "${total[ref]}" "$(ratio "${total[ref]}" "${total[base]}")x"
echo
echo
r=$(ratio "${total[tl]}" "${total[base]}")
if awk -v r="$r" -v b="$budget" 'BEGIN { exit !(r <= b) }'; then
  echo "analyzer_instructions: plugin ${r}x of the baseline: within the budget of ${budget}x"
else
  echo "analyzer_instructions: plugin ${r}x of the baseline: OVER the budget of ${budget}x"
  [ "$strict" = 0 ] || exit 1
fi
exit 0
