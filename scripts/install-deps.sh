#!/usr/bin/env bash
# Installs every Debian 12 package taskleak needs to build, run and test.
# Idempotent: packages already present are skipped, so a second run is quick.
# Usage: scripts/install-deps.sh [--with-clang15] [--with-clang16] [--with-clang19] [--with-npm]
#                                [--with-valgrind]
# (--with-valgrind: for bench/analyzer_instructions.sh, which counts
# instructions with callgrind; no test needs it.)
set -euo pipefail

pkgs=(
  build-essential cmake pkg-config python3 make time
  clang-14 clang-tools-14 libclang-14-dev llvm-14-dev llvm-14-tools
  libsqlite3-dev sqlite3 libpq-dev postgresql libcjson-dev libxml2-dev libcmocka-dev
  zlib1g-dev jq libdw-dev
  libglib2.0-dev libuv1-dev libevent-dev
  chromium man-db
)
want_npm=0
for a in "$@"; do
  case "$a" in
    --with-clang15) pkgs+=(clang-15 clang-tools-15 libclang-15-dev llvm-15-dev llvm-15-tools) ;;
    --with-clang16) pkgs+=(clang-16 clang-tools-16 libclang-16-dev llvm-16-dev llvm-16-tools) ;;
    --with-clang19) pkgs+=(clang-19 clang-tools-19 libclang-19-dev llvm-19-dev llvm-19-tools) ;;
    --with-npm) want_npm=1; pkgs+=(nodejs npm) ;;
    --with-valgrind) pkgs+=(valgrind) ;;
    *) echo "install-deps: unknown option '$a'" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

# node/npm may come from outside Debian on some machines: accept a working one.
if [ "$want_npm" = 1 ] && command -v npm >/dev/null 2>&1; then
  tmp=(); for p in "${missing[@]}"; do case "$p" in nodejs|npm) ;; *) tmp+=("$p");; esac; done
  missing=("${tmp[@]+"${tmp[@]}"}")
fi

if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  echo "install-deps: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
