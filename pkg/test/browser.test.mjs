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
const { loadFiles } = require("./vectors-lib.cjs");
const here = path.dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

test("browser bundle (esbuild) verifies every vector in headless Chromium", { skip: !fs.existsSync(CHROMIUM) && `no ${CHROMIUM}` }, async () => {
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
    console.log(`${got.userAgent}: ${got.count} vectors`);
    assert.deepEqual(got.failures, []);
    assert.equal(got.count, total);
    assert.equal(got.providers, 6);
  } finally {
    await browser.close();
  }
});
