"use strict";
// `bun` with `require` (runtimes.test.mjs): every shared vector (from stdin) through
// require("smshook"), checked by vectors-core.cjs; the result goes to stdout as JSON.
const fs = require("node:fs");
const smshook = require("smshook");
const { checkCase, newTally } = require("../vectors-core.cjs");

const files = JSON.parse(fs.readFileSync(0, "utf8"));
const tally = newTally();
const failures = [];
let count = 0;
for (const file of files) {
  for (const c of file.cases) {
    count++;
    try {
      checkCase(smshook, file.provider, c, tally);
    } catch (e) {
      failures.push(`${file.provider}/${c.name}: ${e.message}`);
    }
  }
}
console.log(JSON.stringify({
  count, tally, failures,
  providers: smshook.PROVIDERS.map((p) => p.id),
  userAgent: `Bun ${process.versions.bun}`,
  exportNames: Object.keys(smshook).sort(),
  resolved: require.resolve("smshook"),
}));
