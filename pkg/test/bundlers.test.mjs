// The default browser build as Vite 8 and webpack 5 users get it, with no smshook-specific
// configuration: each bundles test/bundlers/app (the shared vectors runner importing
// "smshook") through its programmatic API, offline; the output folder is served from
// 127.0.0.1 and loaded in headless Chromium. Checked: every vector passes, the entry
// exports the public API, the .wasm is emitted and fetched as a separate asset (the
// package's exact bytes, once; streamed as application/wasm, or compiled from the bytes
// when the server says application/octet-stream), and the JavaScript does not carry it
// (no base64 run, a small gzip size). The Vite dev server, which pre-bundles "smshook"
// into its cache, is checked too (test/bundlers/dev).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { build as viteBuild, createServer as viteServer } from "vite";
import webpack from "webpack";
import { PROVIDERS } from "smshook";
import { launch, newPage, OPT_OUT } from "./bundlers/chromium.mjs";
import { serve } from "./bundlers/serve.mjs";
import { assertVectorRun, PACKAGE_ROOT } from "./runtimes/expect.mjs";

const require = createRequire(import.meta.url);
const { loadFiles } = require("./vectors-lib.cjs");
const here = path.dirname(fileURLToPath(import.meta.url));
const APP = path.join(here, "bundlers", "app");
const DEV = path.join(here, "bundlers", "dev");
const WASM = fs.readFileSync(path.join(PACKAGE_ROOT, "dist", "web", "smshook_bg.wasm"));
// The app's JavaScript (smshook's glue and JS layer, plus the test's vectors runner) was
// about 7.5 KiB gzip when this was written; with the wasm inlined it is over 150 KiB.
const JS_GZIP_BUDGET = 16 * 1024;
// A run of base64 this long is an inlined binary, never code.
const BASE64_RUN = /[A-Za-z0-9+/]{2048,}/;

const tmp = (name) => fs.mkdtempSync(path.join(os.tmpdir(), `smshook-${name}-`));

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}

/**
 * Checks a bundler's output folder: one .wasm, the package's bytes; JavaScript with no
 * inlined binary and within the gzip budget. Returns the .wasm's URL path.
 */
function inspectOutput(dir, label) {
  const files = walk(dir);
  const rel = (f) => path.relative(dir, f).split(path.sep).join("/");
  const wasm = files.filter((f) => f.endsWith(".wasm"));
  assert.equal(wasm.length, 1, `${label}: one .wasm asset, got ${files.map(rel).join(", ")}`);
  assert.ok(fs.readFileSync(wasm[0]).equals(WASM), `${label}: the asset is the package's smshook_bg.wasm`);
  const js = files.filter((f) => /\.[cm]?js$/.test(f));
  assert.ok(js.length > 0, `${label}: JavaScript output`);
  let total = 0;
  for (const f of js) {
    const text = fs.readFileSync(f, "utf8");
    assert.ok(!BASE64_RUN.test(text), `${label}: ${rel(f)} carries an inlined binary`);
    assert.ok(!text.includes("wasmBase64"), `${label}: ${rel(f)} includes the inline build`);
    const gzip = zlib.gzipSync(text, { level: 9 }).length;
    total += gzip;
    console.log(`${label}: ${rel(f)} ${Buffer.byteLength(text)} B, ${gzip} B gzip`);
  }
  console.log(`${label}: ${rel(wasm[0])} ${WASM.length} B, ${zlib.gzipSync(WASM, { level: 9 }).length} B gzip (fetched separately)`);
  assert.ok(total <= JS_GZIP_BUDGET, `${label}: JavaScript is ${total} B gzip, over ${JS_GZIP_BUDGET} B`);
  return `/${rel(wasm[0])}`;
}

/**
 * Serves `dir` (the .wasm as `wasmType`), loads it in Chromium, runs every vector; checks
 * what was fetched.
 */
async function runApp(dir, wasmPath, label, wasmType) {
  const server = await serve(dir, { ".wasm": wasmType });
  const browser = await launch();
  try {
    const page = await newPage(browser);
    await page.goto(server.url);
    await page.waitForFunction(() => globalThis.smshookReady === true);
    assert.deepEqual(page.errors, []);
    const files = loadFiles();
    const got = await page.evaluate((f) => globalThis.runVectors(f), files);
    assertVectorRun(got, files, `${label} in Chromium`);
    assert.deepEqual(page.errors, []);
    const wasm = server.requests.filter((r) => r.path.endsWith(".wasm"));
    assert.deepEqual(wasm, [{ path: wasmPath, status: 200, type: wasmType, bytes: WASM.length }],
      `${label}: the .wasm fetched once as its own asset`);
    const failed = server.requests.filter((r) => r.status !== 200 && r.path !== "/favicon.ico");
    assert.deepEqual(failed, [], `${label}: every request served`);
    console.log(`${label}: fetched ${server.requests.map((r) => `${r.path} (${r.status})`).join(", ")}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

test("Vite 8 build, no configuration: the .wasm is a separate asset; every vector in Chromium", { skip: OPT_OUT }, async () => {
  const out = tmp("vite");
  try {
    const warnings = [];
    // Only where to read and write: nothing about smshook.
    await viteBuild({
      root: APP,
      configFile: false,
      envDir: false,
      cacheDir: path.join(out, ".cache"),
      logLevel: "silent",
      customLogger: quietLogger(warnings),
      build: { outDir: path.join(out, "dist"), emptyOutDir: true },
    });
    for (const w of warnings) console.log(`vite warning: ${w}`);
    assert.deepEqual(warnings.filter((w) => /smshook|wasm|import\.meta/i.test(w)), [], "no warning about smshook's asset");
    const wasmPath = inspectOutput(path.join(out, "dist"), "vite build");
    await runApp(path.join(out, "dist"), wasmPath, "vite build", "application/wasm"); // compileStreaming
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test("webpack 5, no configuration: the .wasm is a separate asset; every vector in Chromium", { skip: OPT_OUT }, async () => {
  const out = tmp("webpack");
  try {
    // The user's config: mode, entry and output only (top-level await and
    // `new URL(…, import.meta.url)` assets are webpack 5 defaults).
    const compiler = webpack({ mode: "production", context: APP, entry: "./main.js", output: { path: out } });
    const stats = await new Promise((resolve, reject) => compiler.run((e, s) => (e ? reject(e) : resolve(s))));
    await new Promise((resolve) => compiler.close(resolve));
    const info = stats.toJson({ all: false, errors: true, warnings: true });
    assert.deepEqual(info.errors.map((e) => e.message), []);
    // webpack's size hints flag any asset over 244 KiB: here the .wasm itself.
    const PERFORMANCE = new Set(["AssetsOverSizeLimitWarning", "EntrypointsOverSizeLimitWarning", "NoAsyncChunksWarning"]);
    for (const w of stats.compilation.warnings) console.log(`webpack warning (${w.name}): ${w.message.split("\n")[0]}`);
    assert.deepEqual(stats.compilation.warnings.filter((w) => !PERFORMANCE.has(w.name)).map((w) => w.message), []);
    fs.writeFileSync(path.join(out, "index.html"),
      '<!doctype html><meta charset="utf-8"><title>smshook bundler test</title><script src="main.js"></script>');
    const wasmPath = inspectOutput(out, "webpack");
    // A server that does not know .wasm: compiled from the bytes instead of streaming.
    await runApp(out, wasmPath, "webpack", "application/octet-stream");
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test("Vite 8 dev server, no configuration: the pre-bundled smshook fetches its .wasm", { skip: OPT_OUT }, async () => {
  const cache = tmp("vite-dev");
  const warnings = [];
  const server = await viteServer({
    root: DEV,
    configFile: false,
    envDir: false,
    cacheDir: cache,
    logLevel: "silent",
    customLogger: quietLogger(warnings),
    server: { host: "127.0.0.1", port: 0, strictPort: false, hmr: false, watch: null },
  });
  const browser = await launch();
  try {
    await server.listen();
    const url = server.resolvedUrls.local[0];
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await newPage(browser);
    const responses = [];
    page.on("response", (r) => responses.push({ url: r.url(), status: r.status(), type: r.headers()["content-type"] }));
    await page.goto(url);
    await page.waitForFunction(() => globalThis.smshookResult !== undefined);
    assert.deepEqual(page.errors, []);
    const result = await page.evaluate(() => globalThis.smshookResult);
    assert.deepEqual(result, {
      provider: "standard", type: "unknown", providers: PROVIDERS.length,
      refusal: { code: "signature_mismatch", status: 401, ours: true },
    });
    const wasm = responses.filter((r) => new URL(r.url).pathname.endsWith("smshook_bg.wasm"));
    assert.equal(wasm.length, 1, `one .wasm request: ${responses.map((r) => r.url).join(", ")}`);
    assert.equal(wasm[0].status, 200, wasm[0].url);
    const dep = responses.filter((r) => /\/deps\/smshook\.js/.test(new URL(r.url).pathname));
    assert.equal(dep.length, 1, "smshook pre-bundled by Vite");
    console.log(`vite dev: ${new URL(wasm[0].url).pathname} (${wasm[0].type}), from ${new URL(dep[0].url).pathname}`);
    for (const w of warnings) console.log(`vite warning: ${w}`);
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(cache, { recursive: true, force: true });
  }
});

/** A Vite logger that keeps warnings and errors (printed by the test) and drops the rest. */
function quietLogger(warnings) {
  const seen = new Set();
  return {
    hasWarned: false,
    info() {},
    warn(message) { warnings.push(String(message)); this.hasWarned = true; },
    warnOnce(message) { if (!seen.has(message)) { seen.add(message); this.warn(message); } },
    error(message) { warnings.push(`error: ${message}`); },
    clearScreen() {},
    hasErrorLogged: () => false,
  };
}
