"use strict";
// Runs the shared vectors (tests/vectors/*.json, schema in tests/vectors/README.md)
// through a smshook module object; used by vectors.test.mjs (import) and
// vectors.test.cjs (require). Mirrors tests/support/vectors.rs.
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const VECTORS = process.env.SMSHOOK_VECTORS || path.join(__dirname, "..", "..", "tests", "vectors");
const FIELDS = ["provider", "type", "providerEvent", "id", "occurredAt", "messageId", "from", "to", "text", "error"];

function loadFiles() {
  const names = fs.readdirSync(VECTORS).filter((n) => n.endsWith(".json")).sort();
  assert.ok(names.length >= 6, `vector files in ${VECTORS}`);
  return names.map((n) => JSON.parse(fs.readFileSync(path.join(VECTORS, n), "utf8")));
}

/**
 * What the runners must have checked, counted from the vector files alone. Every runner
 * (this one, browser-entry.js) counts each check when it passes and compares its tally to
 * this at the end, so a case or a check that stops running fails instead of vanishing.
 * The only checks not run are listed under `skipped`, with their reason, and counted here.
 */
function expectedTally(files) {
  const t = newTally();
  for (const file of files) {
    for (const c of file.cases) {
      t.cases++;
      const isError = c.expect.error !== undefined;
      assert.ok(isError !== (c.expect.event !== undefined), `${file.provider}/${c.name}: expect one of error or event`);
      // signMatches is read for events only: on a refusal it would be ignored silently.
      assert.ok(!(isError && c.signMatches), `${file.provider}/${c.name}: signMatches on an error case`);
      if (isError) {
        t.errors++;
        // An empty secret is a substring of every message: no leak check to run.
        for (const secret of [c.secret].flat()) {
          if (secret === "") t.skipped.leakChecksEmptySecret++; else t.leakChecks++;
        }
      } else {
        t.events++;
        t.roundTrips++;
        if (c.signMatches) t.signMatches++;
      }
      if (c.detect !== undefined) t.detects++;
    }
  }
  return t;
}

function newTally() {
  return {
    cases: 0, errors: 0, events: 0, roundTrips: 0, signMatches: 0, detects: 0, leakChecks: 0,
    skipped: { cases: 0, fieldComparisons: 0, leakChecksEmptySecret: 0 },
  };
}

function describeTally(t) {
  return `${t.cases} cases: ${t.errors} refusals (${t.leakChecks} secret-leak checks), ${t.events} events ` +
    `(${t.roundTrips} signed again and verified with every field compared, ${t.signMatches} sign header matches), ` +
    `${t.detects} detect checks; skipped: ${t.skipped.cases} cases, ${t.skipped.fieldComparisons} field comparisons, ` +
    `${t.skipped.leakChecksEmptySecret} secret-leak checks (empty secrets)`;
}

function bodyOf(c) {
  return c.bodyBase64 !== undefined ? new Uint8Array(Buffer.from(c.bodyBase64, "base64")) : c.body;
}
function bodyBytes(c) {
  const b = bodyOf(c);
  return typeof b === "string" ? new TextEncoder().encode(b) : b;
}
function header(c, name) {
  for (const [k, v] of Object.entries(c.headers)) if (k.toLowerCase() === name) return v;
  return undefined;
}

function compareEvent(got, want, bytes) {
  for (const f of FIELDS) assert.deepStrictEqual(got[f], want[f], `field ${f}`);
  const data = "data" in want ? want.data : JSON.parse(new TextDecoder().decode(bytes));
  assert.deepStrictEqual(got.data, data, "data");
}

/** The case's `sign` arguments, written by generate.py (no provider rules here). */
function signArgs(c) {
  assert.ok(c.sign && typeof c.sign.now === "number", `${c.name}: positive cases carry their sign arguments`);
  return { ...c.sign };
}

/** Calls verify; returns { event } or { code }, checking the error's class. */
function attempt(api, options) {
  try {
    return { event: api.verify(options) };
  } catch (e) {
    assert.ok(e instanceof api.WebhookVerificationError, `not a WebhookVerificationError: ${e && e.stack}`);
    assert.equal(e.name, "WebhookVerificationError");
    assert.equal(typeof e.message, "string");
    return { code: e.code, error: e };
  }
}

function checkCase(api, provider, c, tally) {
  const body = bodyOf(c);
  const bytes = bodyBytes(c);
  const base = { provider, secret: c.secret, headers: c.headers, ...c.options };
  // The body as given (string → verifyText) and as bytes (→ verifyBytes): same answer.
  const asGiven = attempt(api, { ...base, body });
  const asBytes = attempt(api, { ...base, body: bytes });
  if (c.expect.error !== undefined) {
    assert.equal(asGiven.code, c.expect.error, `want error ${c.expect.error}, got ${asGiven.code ?? "an event"}`);
    assert.equal(asBytes.code, c.expect.error, "bytes body");
    if (provider) assert.ok(asGiven.error.provider === provider || asGiven.error.provider === null);
    for (const secret of [c.secret].flat()) {
      if (secret === "") { tally.skipped.leakChecksEmptySecret++; continue; }
      for (const e of [asGiven.error, asBytes.error]) {
        assert.ok(!e.message.includes(secret) && !String(e.stack).includes(secret), "message leaks the secret");
      }
      tally.leakChecks++;
    }
    tally.errors++;
  } else {
    assert.ok(asGiven.event, `want an event, got error ${asGiven.code}: ${asGiven.error && asGiven.error.message}`);
    compareEvent(asGiven.event, c.expect.event, bytes);
    compareEvent(asBytes.event, c.expect.event, bytes);
    // Headers as a Fetch Headers and as entries: same event.
    const entries = Object.entries(c.headers);
    compareEvent(api.verify({ ...base, headers: new Headers(entries), body }), c.expect.event, bytes);
    compareEvent(api.verify({ ...base, headers: entries, body }), c.expect.event, bytes);
    tally.events++;
    // verify(sign(x)) round-trips with the first secret.
    const secrets = [c.secret].flat();
    const args = signArgs(c);
    const signed = api.sign({ provider, secret: secrets[0], body, ...args });
    assert.equal(signed.body, body, "sign returns the body as given");
    const again = api.verify({ ...base, headers: signed.headers, body: signed.body });
    // Every field, the id included: ids come from signed bytes only, so an id that sign
    // minted (a fresh X-Webhook-Delivery-Id) never changes the event.
    compareEvent(again, c.expect.event, bytes);
    tally.roundTrips++;
    if (c.signMatches) {
      for (const [name, value] of entries) {
        const produced = Object.entries(signed.headers).find(([k]) => k.toLowerCase() === name.toLowerCase());
        assert.ok(produced, `sign: header ${name} missing`);
        assert.equal(produced[1], value, `sign: header ${name}`);
      }
      tally.signMatches++;
    }
  }
  if (c.detect !== undefined) {
    assert.equal(api.detect(c.headers), c.detect, "detect");
    assert.equal(api.detect(new Headers(Object.entries(c.headers))), c.detect, "detect(Headers)");
    tally.detects++;
  }
  tally.cases++;
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

module.exports = { registerVectors, loadFiles, expectedTally, describeTally, bodyOf, VECTORS };
