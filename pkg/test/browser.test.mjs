// The browser build, bundled with esbuild from the installed package, in headless Debian
// Chromium (playwright-core, no browser download): every shared vector in the page.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import * as esbuild from "esbuild";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const { loadFiles, expectedTally, describeTally } = require("./vectors-lib.cjs");
const here = path.dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
// The only way to skip: an explicit opt-out (run.sh then does not even run this file).
const OPT_OUT = process.env.SMSHOOK_SKIP_BROWSER === "1" && "SMSHOOK_SKIP_BROWSER=1";

test("browser bundle (esbuild) verifies every vector in headless Chromium", { skip: OPT_OUT }, async () => {
  // A missing browser is a failure, never a silent skip.
  let executable = true;
  try {
    fs.accessSync(CHROMIUM, fs.constants.X_OK);
  } catch {
    executable = false;
  }
  assert.ok(executable,
    `no Chromium at ${CHROMIUM}: install it (apt-get install chromium, as scripts/install-toolchain.sh ` +
      "does), or point CHROMIUM at one; to leave the browser suite out on purpose, set SMSHOOK_SKIP_BROWSER=1");
  const result = await esbuild.build({
    entryPoints: [path.join(here, "browser-entry.js")],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    write: false,
    logLevel: "silent",
  });
  const bundle = result.outputFiles[0].text;
  assert.ok(!bundle.includes("readFileSync"), "the browser bundle must not contain the Node build");
  console.log(`browser bundle: ${bundle.length} B`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30000,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--no-first-run"],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.setDefaultTimeout(30000);
    await page.setContent("<!doctype html><title>smshook</title>");
    await page.addScriptTag({ content: bundle });
    assert.deepEqual(errors, []);
    const files = loadFiles();
    const got = await page.evaluate((f) => globalThis.runVectors(f), files);
    const total = files.reduce((n, f) => n + f.cases.length, 0);
    const want = expectedTally(files);
    console.log(`${got.userAgent}: ${got.count} vectors`);
    console.log(`browser vectors, from the files: ${describeTally(want)}`);
    console.log(`browser vectors, checked:        ${describeTally(got.tally)}`);
    assert.deepEqual(got.failures, []);
    assert.equal(got.count, total);
    assert.deepEqual(got.tally, want);
    assert.deepEqual([...got.providers].sort(), files.map((f) => f.provider).sort());
  } finally {
    await browser.close();
  }
});
