#!/usr/bin/env bash
# scan_overhead.sh: what does enabling taskleak cost a scan-build run?
#
# Builds a project N times under scan-build with the default checkers alone
# (baseline) and N times with the default checkers plus the taskleak plugin
# (-load-plugin FILE -enable-checker taskleak), cleaning before every build,
# and prints the median wall time and peak RSS of each configuration, their
# ratio, and the verdict against the budget (design.md section 8: 1.10x).
#
# Usage:
#   bench/scan_overhead.sh [options] DIR -- BUILD COMMAND...
#   e.g. bench/scan_overhead.sh --plugin build/checker/taskleak-plugin.so \
#          --runs 3 testdata/projects/example -- make -j1
#
# Options:
#   --plugin FILE      the taskleak plugin (default: $TASKLEAK_PLUGIN, else
#                      build/checker/taskleak-plugin.so in this repository)
#   --runs N           builds per configuration (default 3)
#   --clean CMD        run in DIR (through sh -c) before every build
#                      (default: "make clean"); --clean '' skips cleaning
#   --scan-build PATH  scan-build to use (default: $SCAN_BUILD, else scan-build)
#   --clang PATH       clang the analysis runs with, passed to both
#                      configurations as --use-analyzer (default: $CLANG,
#                      else clang)
#   --budget R         allowed ratio (default 1.10)
#   --checkers LIST    what the taskleak configuration enables, comma
#                      separated (default: taskleak; all families, the alpha
#                      ones too: taskleak,alpha.taskleak)
#   --sb-arg ARG       extra scan-build option for both configurations
#                      (repeatable), e.g. --sb-arg -analyzer-config ...
#   --models FILE      a project model (taskleak models infer) for the
#                      taskleak configuration only, as taskleak scan passes
#                      it (-analyzer-config taskleak.lifetime.UnjoinedTask:
#                      Models=FILE; the baseline has no such checker)
#   --keep DIR         keep the scan-build logs and reports under DIR
#   --strict           exit 1 when a median ratio is over the budget
#   -h, --help         this text
#
# Measures: wall time of the whole scan-build run; CPU time (user + system,
# summed over every process of the run: steadier than wall time on a
# machine shared with other work); peak RSS = the largest
# maximum resident set of any single process of the run (getrusage's
# ru_maxrss over the waited-for children, i.e. in practice the heaviest
# analysed translation unit), taken from GNU time (Debian package "time")
# or, when /usr/bin/time is absent, from a python3 wrapper with the same
# semantics.  Runs alternate baseline / taskleak so that drift (caches,
# thermal, other load) hits both alike.
#
# Exit status: 0 measured (1 with --strict and over budget); 2 usage;
# 3 a build failed, the analyzer crashed, or the plugin did not load.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)

plugin="${TASKLEAK_PLUGIN:-$repo/build/checker/taskleak-plugin.so}"
runs=3
clean_cmd="make clean"
scan_build="${SCAN_BUILD:-scan-build}"
clang="${CLANG:-clang}"
budget=1.10
tl_checkers=taskleak
keep=""
strict=0
sb_args=()
models=""

usage() { sed -n '2,/^set -uo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }
die() { echo "scan_overhead: $*" >&2; exit 3; }
bad_usage() { echo "scan_overhead: $*" >&2; echo "see: $0 --help" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --plugin) [ $# -ge 2 ] || bad_usage "--plugin needs a file"; plugin=$2; shift 2 ;;
    --runs) [ $# -ge 2 ] || bad_usage "--runs needs a number"; runs=$2; shift 2 ;;
    --clean) [ $# -ge 2 ] || bad_usage "--clean needs a command"; clean_cmd=$2; shift 2 ;;
    --scan-build) [ $# -ge 2 ] || bad_usage "--scan-build needs a path"; scan_build=$2; shift 2 ;;
    --clang) [ $# -ge 2 ] || bad_usage "--clang needs a path"; clang=$2; shift 2 ;;
    --budget) [ $# -ge 2 ] || bad_usage "--budget needs a ratio"; budget=$2; shift 2 ;;
    --checkers) [ $# -ge 2 ] || bad_usage "--checkers needs a list"; tl_checkers=$2; shift 2 ;;
    --sb-arg) [ $# -ge 2 ] || bad_usage "--sb-arg needs an argument"; sb_args+=("$2"); shift 2 ;;
    --models) [ $# -ge 2 ] || bad_usage "--models needs a file"; models=$2; shift 2 ;;
    --keep) [ $# -ge 2 ] || bad_usage "--keep needs a directory"; keep=$2; shift 2 ;;
    --strict) strict=1; shift ;;
    -h|--help) usage; exit 0 ;;
    --) bad_usage "no project directory before --" ;;
    -*) bad_usage "unknown option '$1'" ;;
    *) break ;;
  esac
done

[ $# -ge 1 ] || bad_usage "no project directory given"
dir=$1; shift
[ "${1:-}" = "--" ] || bad_usage "expected -- and a build command after the directory"
shift
[ $# -ge 1 ] || bad_usage "no build command given after --"
build_cmd=("$@")

[[ "$runs" =~ ^[1-9][0-9]*$ ]] || bad_usage "--runs must be a positive integer"
[[ "$budget" =~ ^[0-9]+(\.[0-9]+)?$ ]] || bad_usage "--budget must be a number like 1.10"
[ -d "$dir" ] || bad_usage "project directory '$dir' not found"
dir=$(cd "$dir" && pwd)
if [ -n "$models" ]; then
  [ -r "$models" ] || bad_usage "model file '$models' not found"
  models=$(cd "$(dirname "$models")" && pwd)/$(basename "$models")
fi
[ -r "$plugin" ] || die "plugin '$plugin' not found (build taskleak, or pass --plugin)"
plugin=$(cd "$(dirname "$plugin")" && pwd)/$(basename "$plugin")
command -v "$scan_build" >/dev/null 2>&1 || die "scan-build '$scan_build' not found"
clang_path=$(command -v "$clang" 2>/dev/null) || die "clang '$clang' not found"

# Pre-flight: a plugin only loads into the clang it was built for; otherwise
# every TU would fail with "no analyzer checkers ... associated with
# 'taskleak'" and the with-taskleak runs would measure nothing.
checkers=$("$clang_path" -cc1 -load "$plugin" -analyzer-checker-help 2>&1)
if ! grep -q 'taskleak\.lifetime\.' <<<"$checkers"; then
  why=$(grep -m1 -E 'not compatible|unable to load|error' <<<"$checkers")
  [ -n "$why" ] && echo "scan_overhead: $why" >&2
  die "clang '$clang_path' ($("$clang_path" -dumpversion 2>/dev/null)) cannot load '$plugin'; build the plugin for this clang or pass --clang"
fi

# The measuring wrapper: prints "<wall s> <max RSS KiB> <user+sys s>" into $1.
gnu_time=""
if [ -x /usr/bin/time ] && /usr/bin/time -f '%e %M %U %S' -o /dev/null true 2>/dev/null; then
  gnu_time=/usr/bin/time
elif ! command -v python3 >/dev/null 2>&1; then
  die "need GNU time (Debian package 'time') or python3 to measure peak RSS"
fi
measure() {   # measure OUTFILE CMD...
  local out=$1; shift
  if [ -n "$gnu_time" ]; then
    "$gnu_time" -f '%e %M %U %S' -o "$out" "$@"
  else
    python3 - "$out" "$@" <<'PY'
import os, resource, subprocess, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
t0 = time.monotonic()
rc = subprocess.call(cmd)
wall = time.monotonic() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)  # ru_maxrss: KiB on Linux
with open(out, "w") as f:
    f.write("%.2f %d %.2f %.2f\n" % (wall, ru.ru_maxrss, ru.ru_utime, ru.ru_stime))
sys.exit(rc)
PY
  fi
}

if [ -n "$keep" ]; then
  mkdir -p "$keep" || die "cannot create '$keep'"
  work=$(cd "$keep" && pwd)
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/scan_overhead.XXXXXX") || die "cannot make a temporary directory"
  trap 'rm -rf "$work"' EXIT
fi

echo "scan_overhead: project   $dir"
echo "scan_overhead: build     ${build_cmd[*]}"
echo "scan_overhead: clean     ${clean_cmd:-(none)}"
echo "scan_overhead: plugin    $plugin"
echo "scan_overhead: checkers  $tl_checkers (the taskleak configuration)"
[ -z "$models" ] || echo "scan_overhead: models    $models (the taskleak configuration)"
echo "scan_overhead: analyzer  $clang_path ($("$clang_path" -dumpversion 2>/dev/null)), $(command -v "$scan_build")"
echo "scan_overhead: runs      $runs per configuration, alternating; measuring with ${gnu_time:-python3}"
echo

# fail_run MESSAGE LOG: report a failed run with the end of its log.
fail_run() {
  echo "scan_overhead: $1" >&2
  [ -r "$2" ] && { echo "--- last lines of $2:" >&2; tail -n 25 "$2" >&2; }
  [ -n "$keep" ] || echo "scan_overhead: rerun with --keep DIR to keep logs and reports" >&2
  exit 3
}

# run_one CONFIG INDEX: clean, then one measured scan-build; appends
# "wall rss bugs cpu" to $work/CONFIG.txt.
run_one() {
  local cfg=$1 i=$2 log res out
  log="$work/$cfg-$i.log"; res="$work/$cfg-$i.time"; out="$work/$cfg-$i.reports"
  rm -rf "$out"; mkdir -p "$out"
  if [ -n "$clean_cmd" ]; then
    (cd "$dir" && sh -c "$clean_cmd") >"$work/$cfg-$i.clean.log" 2>&1 ||
      fail_run "clean command '$clean_cmd' failed in $dir" "$work/$cfg-$i.clean.log"
  fi
  local extra=()
  if [ "$cfg" = taskleak ]; then
    extra=(-load-plugin "$plugin")
    IFS=, read -r -a tl_list <<<"$tl_checkers"
    for c in "${tl_list[@]}"; do extra+=(-enable-checker "$c"); done
    [ -z "$models" ] ||
      extra+=(-analyzer-config "taskleak.lifetime.UnjoinedTask:Models=$models")
  fi
  (cd "$dir" && measure "$res" "$scan_build" --use-analyzer "$clang_path" \
      ${sb_args[@]+"${sb_args[@]}"} ${extra[@]+"${extra[@]}"} -o "$out" \
      "${build_cmd[@]}") >"$log" 2>&1
  local rc=$?
  [ $rc -eq 0 ] || fail_run "$cfg run $i: scan-build exited $rc" "$log"
  if grep -q -E "no analyzer checkers or packages are associated with 'taskleak'|unable to load plugin|not compatible with this version" \
       "$log" "$out"/*/failures/*.stderr.txt 2>/dev/null; then
    fail_run "$cfg run $i: the plugin did not load for some files" "$log"
  fi
  if grep -q -E "PLEASE submit a bug report|clang: error: clang frontend command failed" "$log" ||
     compgen -G "$out/*/failures/*" >/dev/null; then
    fail_run "$cfg run $i: the analyzer crashed or failed on a file (see also $out/*/failures)" "$log"
  fi
  local bugs
  bugs=$(grep -o -E 'scan-build: [0-9]+ bugs? found' "$log" | grep -o -E '[0-9]+' | tail -n 1)
  [ -n "$bugs" ] || bugs=0
  local wall rss usr sys cpu
  read -r wall rss usr sys <"$res" || die "$cfg run $i: no measurement"
  # GNU time prints a "Command exited with non-zero status" line first when
  # the build failed; that case has already stopped the run above.
  cpu=$(awk -v u="$usr" -v s="$sys" 'BEGIN{printf "%.2f", u + s}')
  echo "$wall $rss $bugs $cpu" >>"$work/$cfg.txt"
  printf '  %-9s run %d: wall %8.2f s  cpu %8.2f s  peak RSS %8.1f MiB  %s bugs\n' \
    "$cfg" "$i" "$wall" "$cpu" "$(awk -v k="$rss" 'BEGIN{print k/1024}')" "$bugs"
}

: >"$work/baseline.txt"; : >"$work/taskleak.txt"
for ((i = 1; i <= runs; i++)); do
  if [ $((i % 2)) -eq 1 ]; then run_one baseline "$i"; run_one taskleak "$i"
  else run_one taskleak "$i"; run_one baseline "$i"; fi
done
# Do not leave objects built under scan-build behind.
if [ -n "$clean_cmd" ]; then (cd "$dir" && sh -c "$clean_cmd") >/dev/null 2>&1; fi

median() {  # median FILE COLUMN
  awk -v c="$2" '{print $c}' "$1" | sort -g |
    awk '{v[NR]=$1} END{ if (NR%2) print v[(NR+1)/2]; else printf "%.6g\n", (v[NR/2]+v[NR/2+1])/2 }'
}
bw=$(median "$work/baseline.txt" 1); tw=$(median "$work/taskleak.txt" 1)
br=$(median "$work/baseline.txt" 2); tr=$(median "$work/taskleak.txt" 2)
bb=$(median "$work/baseline.txt" 3); tb=$(median "$work/taskleak.txt" 3)
bc=$(median "$work/baseline.txt" 4); tc=$(median "$work/taskleak.txt" 4)

over=0
row() {  # row LABEL BASE WITH SCALE FMT
  awk -v l="$1" -v b="$2" -v t="$3" -v s="$4" -v f="$5" -v bud="$budget" 'BEGIN{
    r = (b > 0) ? t / b : 0
    v = (b <= 0) ? "n/a" : (r <= bud + 1e-9 ? "within" : "OVER")
    printf "%-16s " f " " f "   %6.3fx  %5.2fx  %s\n", l, b / s, t / s, r, bud, v
    exit (v == "OVER")
  }' || over=1
}
echo
printf '%-16s %14s %14s   %7s  %6s  %s\n' "median of $runs" "baseline" "with taskleak" "ratio" "budget" "verdict"
row "wall time (s)" "$bw" "$tw" 1 "%14.2f"
row "CPU time (s)" "$bc" "$tc" 1 "%14.2f"
row "peak RSS (MiB)" "$br" "$tr" 1024 "%14.1f"
printf '%-16s %14s %14s\n' "bugs reported" "$bb" "$tb"
if [ -n "$keep" ]; then echo "scan_overhead: logs and reports kept in $work"; fi
if [ $strict -eq 1 ] && [ $over -eq 1 ]; then exit 1; fi
exit 0
