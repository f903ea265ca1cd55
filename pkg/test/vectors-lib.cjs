"use strict";
// Node's side of the shared vectors: reads tests/vectors/*.json and registers one node:test
// per case, checked by vectors-core.cjs (the library every JS harness shares); used by
// vectors.test.mjs (import) and vectors.test.cjs (require).
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const core = require("./vectors-core.cjs");

const { expectedTally, newTally, describeTally, checkCase } = core;
const VECTORS = process.env.SMSHOOK_VECTORS || path.join(__dirname, "..", "..", "tests", "vectors");

function loadFiles() {
  const names = fs.readdirSync(VECTORS).filter((n) => n.endsWith(".json")).sort();
  assert.ok(names.length > 0, `vector files in ${VECTORS}`);
  return names.map((n) => JSON.parse(fs.readFileSync(path.join(VECTORS, n), "utf8")));
}

/**
 * Registers one test per case, then a last test that compares what ran with what the files
 * ask for (expectedTally) and prints both. Returns the number of cases.
 */
function registerVectors(api, { describe, it }, label) {
  const files = loadFiles();
  const want = expectedTally(files);
  const tally = newTally();
  let count = 0;
  for (const file of files) {
    assert.ok(file.cases.length >= 10, `${file.provider}: too few cases`);
    describe(`${label} ${file.provider}`, () => {
      for (const c of file.cases) {
        count++;
        it(c.name, () => checkCase(api, file.provider, c, tally));
      }
    });
  }
  it(`${label}: every vector file and every check ran`, () => {
    // One file per provider of the package, and nothing else.
    assert.deepEqual(files.map((f) => f.provider).sort(), api.PROVIDERS.map((p) => p.id).sort(), "vector files vs PROVIDERS");
    console.log(`${label} vectors, from the files: ${describeTally(want)}`);
    console.log(`${label} vectors, checked:        ${describeTally(tally)}`);
    assert.deepEqual(tally, want);
  });
  return count;
}

module.exports = { registerVectors, loadFiles, expectedTally, describeTally };
