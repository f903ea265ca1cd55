// esbuild and the browser, in headless Debian Chromium (playwright-core, no browser
// download). esbuild does not emit `new URL("…", import.meta.url)` assets, so its users
// import "smshook/inline" (the .wasm inlined as base64): the first test bundles every
// shared vector that way, as an "iife". The second pins what plain "smshook" gives an
// esbuild user: an "iife" build refuses its top-level await, and an ESM build loads in the
// page only to fail with smshook's error naming "smshook/inline". (Vite and webpack, which
// emit the .wasm as an asset: bundlers.test.mjs.)
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import * as esbuild from "esbuild";
import { launch, newPage, OPT_OUT } from "./bundlers/chromium.mjs";
import { serve } from "./bundlers/serve.mjs";
import { assertVectorRun } from "./runtimes/expect.mjs";

const require = createRequire(import.meta.url);
const { loadFiles } = require("./vectors-lib.cjs");
const here = path.dirname(fileURLToPath(import.meta.url));

test("esbuild, smshook/inline: an iife bundle verifies every vector in headless Chromium", { skip: OPT_OUT }, async () => {
  const result = await esbuild.build({
    entryPoints: [path.join(here, "browser-entry.js")],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    // browser-entry.js imports "smshook": what an esbuild user writes is
    // `import … from "smshook/inline"`; the alias makes the same file serve both suites.
    alias: { smshook: "smshook/inline" },
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const inputs = Object.keys(result.metafile.inputs);
  assert.ok(inputs.some((f) => f.endsWith("smshook/src/inline.js")), `the inline build: ${inputs.join(", ")}`);
  const bundle = result.outputFiles[0].text;
  assert.ok(!bundle.includes("readFileSync"), "the browser bundle must not contain the Node build");
  console.log(`esbuild iife bundle with smshook/inline: ${bundle.length} B, ${zlib.gzipSync(bundle, { level: 9 }).length} B gzip`);
  const browser = await launch();
  try {
    const page = await newPage(browser);
    await page.setContent("<!doctype html><title>smshook</title>");
    await page.addScriptTag({ content: bundle });
    assert.deepEqual(page.errors, []);
    const files = loadFiles();
    const got = await page.evaluate((f) => globalThis.runVectors(f), files);
    assertVectorRun(got, files, "esbuild + smshook/inline in Chromium");
  } finally {
    await browser.close();
  }
});

test("esbuild, plain smshook: iife refused at build time, ESM fails in the page naming smshook/inline", { skip: OPT_OUT }, async () => {
  const entry = { contents: 'import { PROVIDERS } from "smshook"; globalThis.providerCount = PROVIDERS.length;', resolveDir: here };
  await assert.rejects(
    esbuild.build({ stdin: entry, bundle: true, format: "iife", platform: "browser", write: false, logLevel: "silent" }),
    (e) => e.errors.some((x) => /top-level await/i.test(x.text)),
  );
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "smshook-esbuild-"));
  const server = await serve(out);
  const browser = await launch();
  try {
    const result = await esbuild.build({ stdin: entry, bundle: true, format: "esm", platform: "browser", write: false, logLevel: "silent" });
    const bundle = result.outputFiles[0].text;
    // esbuild keeps the asset URL as written, relative to the bundle, and copies nothing.
    assert.match(bundle, /new URL\("\.\.\/dist\/web\/smshook_bg\.wasm", import\.meta\.url\)/);
    assert.ok(!bundle.includes("wasmBase64"), "the default browser build does not carry the wasm");
    fs.writeFileSync(path.join(out, "app.js"), bundle);
    fs.writeFileSync(path.join(out, "index.html"), '<!doctype html><title>smshook</title><script type="module" src="./app.js"></script>');
    const page = await newPage(browser);
    const failed = page.waitForEvent("pageerror", { timeout: 30000 });
    await page.goto(server.url);
    await failed;
    assert.equal(await page.evaluate(() => globalThis.providerCount), undefined);
    assert.equal(page.errors.length, 1, page.errors.join("\n"));
    assert.match(page.errors[0], /smshook: could not load its WebAssembly file from http:\/\/127\.0\.0\.1:\d+\/dist\/web\/smshook_bg\.wasm \(HTTP 404\)/);
    assert.match(page.errors[0], /import from "smshook\/inline"/);
    assert.deepEqual(server.requests.filter((r) => r.path.endsWith(".wasm")).map((r) => [r.path, r.status]), [["/dist/web/smshook_bg.wasm", 404]]);
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(out, { recursive: true, force: true });
  }
});
