#!/usr/bin/env bash
# Builds the package, installs its pinned dev dependencies (jose, standardwebhooks) and
# runs bench.mjs and diagnose.mjs. Usage: bash pkg/bench/run.sh [--quick]   (SMSHOOK_SKIP_BUILD=1 reuses dist)
set -euo pipefail
PKG=$(cd "$(dirname "$0")/.." && pwd)
[ "${SMSHOOK_SKIP_BUILD:-}" = 1 ] || bash "$PKG/build.sh"
if [ ! -f "$PKG/node_modules/.package-lock.json" ] || [ "$PKG/package-lock.json" -nt "$PKG/node_modules/.package-lock.json" ]; then
  (cd "$PKG" && npm ci --no-audit --no-fund --loglevel=error --prefer-offline)
fi
cd "$PKG" && node bench/bench.mjs "$@"
node bench/diagnose.mjs "$@"
