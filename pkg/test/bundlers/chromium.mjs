// Headless Debian Chromium through playwright-core (no browser download), shared by the
// browser suites: a missing browser fails, SMSHOOK_SKIP_BROWSER=1 is the only opt-out.
import assert from "node:assert/strict";
import fs from "node:fs";
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
/** The reason to skip, for node:test's `skip`: only an explicit opt-out. */
export const OPT_OUT = process.env.SMSHOOK_SKIP_BROWSER === "1" && "SMSHOOK_SKIP_BROWSER=1";

/** Launches Chromium; fails, naming the fix, when it is not there. */
export async function launch() {
  let executable = true;
  try {
    fs.accessSync(CHROMIUM, fs.constants.X_OK);
  } catch {
    executable = false;
  }
  assert.ok(executable,
    `no Chromium at ${CHROMIUM}: install it (apt-get install chromium, as scripts/install-toolchain.sh ` +
      "does), or point CHROMIUM at one; to leave the browser suites out on purpose, set SMSHOOK_SKIP_BROWSER=1");
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30000,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--no-first-run"],
  });
}

/** A new page that records uncaught errors and console errors in `page.errors`. */
export async function newPage(browser) {
  const page = await browser.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  page.setDefaultTimeout(30000);
  return page;
}
