"use strict";
// The one vectors library of the JS harnesses (schema in tests/vectors/README.md; it
// mirrors tests/support/vectors.rs). Runtime-neutral: no Node imports, so the same file
// runs under Node (vectors-lib.cjs), bundled into headless Chromium (browser-entry.js),
// and in the Worker's end-to-end test (worker/test/worker.test.mjs).

const FIELDS = ["provider", "type", "providerEvent", "id", "occurredAt", "messageId", "from", "to", "text", "error"];

function check(ok, message) {
  if (!ok) throw new Error(message);
}

/** JSON with sorted keys: equal values have equal text. */
function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`;
  return JSON.stringify(v);
}

function same(got, want, what) {
  check(canonical(got) === canonical(want), `${what}: got ${canonical(got)}, want ${canonical(want)}`);
}

/** The case's exact body: its text, or the bytes of `bodyBase64`. */
function bodyOf(c) {
  if (c.bodyBase64 === undefined) return c.body;
  return Uint8Array.from(atob(c.bodyBase64), (ch) => ch.charCodeAt(0));
}

function bodyBytes(c) {
  const b = bodyOf(c);
  return typeof b === "string" ? new TextEncoder().encode(b) : b;
}

/** Every event field, then `data` (the body parsed, unless the case gives it). */
function compareEvent(got, want, bytes) {
  for (const f of FIELDS) same(got[f], want[f], `field ${f}`);
  same(got.data, "data" in want ? want.data : JSON.parse(new TextDecoder().decode(bytes)), "data");
}

/** The case's `sign` arguments, written by generate.py (no provider rules here). */
function signArgs(c) {
  check(c.sign && typeof c.sign.now === "number", `${c.name}: positive cases carry their sign arguments`);
  return { ...c.sign };
}

function newTally() {
  return {
    cases: 0, errors: 0, events: 0, roundTrips: 0, signMatches: 0, detects: 0, leakChecks: 0,
    skipped: { cases: 0, fieldComparisons: 0, leakChecksEmptySecret: 0 },
  };
}

/**
 * What a runner must have checked, counted from the vector files alone. Runners count each
 * check when it passes and compare their tally to this at the end, so a case or a check
 * that stops running fails instead of vanishing. The only checks not run are listed under
 * `skipped`, with their reason, and counted here.
 */
function expectedTally(files) {
  const t = newTally();
  for (const file of files) {
    for (const c of file.cases) {
      t.cases++;
      const isError = c.expect.error !== undefined;
      check(isError !== (c.expect.event !== undefined), `${file.provider}/${c.name}: expect one of error or event`);
      // signMatches is read for events only: on a refusal it would be ignored silently.
      check(!(isError && c.signMatches), `${file.provider}/${c.name}: signMatches on an error case`);
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

function describeTally(t) {
  return `${t.cases} cases: ${t.errors} refusals (${t.leakChecks} secret-leak checks), ${t.events} events ` +
    `(${t.roundTrips} signed again and verified with every field compared, ${t.signMatches} sign header matches), ` +
    `${t.detects} detect checks; skipped: ${t.skipped.cases} cases, ${t.skipped.fieldComparisons} field comparisons, ` +
    `${t.skipped.leakChecksEmptySecret} secret-leak checks (empty secrets)`;
}

/** Calls verify; returns { event } or { code, error }, checking the error's class. */
function attempt(api, options, module = api) {
  try {
    return { event: api.verify(options) };
  } catch (e) {
    check(e instanceof module.WebhookVerificationError, `not a WebhookVerificationError: ${e && e.stack}`);
    check(e.name === "WebhookVerificationError" && typeof e.message === "string", `error shape: ${e}`);
    return { code: e.code, error: e };
  }
}

/**
 * The case through a verifier built once (`createVerifier`): the options go to the
 * verifier, the request (headers, body, url, now, provider) to its verify. A refusal at
 * construction (a bad secret or option) is the answer then.
 */
function attemptBuilt(api, provider, c, body) {
  const { now, ...config } = c.options;
  const delivery = { provider, headers: c.headers, body };
  if (now !== undefined) delivery.now = now;
  if (c.url !== undefined) delivery.url = c.url;
  try {
    const verifier = api.createVerifier({ secrets: { [provider]: c.secret }, ...config });
    return attempt(verifier, delivery, api);
  } catch (e) {
    check(e instanceof api.WebhookVerificationError, `createVerifier: not a WebhookVerificationError: ${e && e.stack}`);
    return { code: e.code, error: e };
  }
}

/**
 * One case through a smshook module object `api`: the body as text, bytes and an
 * ArrayBuffer and the headers as an object, a Fetch Headers and entries give the same
 * answer; refusals never show a secret; events round-trip through sign; detect agrees.
 */
function checkCase(api, provider, c, tally) {
  const body = bodyOf(c);
  const bytes = bodyBytes(c);
  const base = { provider, secret: c.secret, headers: c.headers, ...c.options };
  if (c.url !== undefined) base.url = c.url;
  const entries = Object.entries(c.headers);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const answers = [body, bytes, buffer].map((b) => attempt(api, { ...base, body: b }));
  answers.push(attempt(api, { ...base, headers: new Headers(entries), body }));
  answers.push(attempt(api, { ...base, headers: entries, body }));
  answers.push(attemptBuilt(api, provider, c, body));
  if (c.expect.error !== undefined) {
    for (const got of answers) same(got.code, c.expect.error, "error code");
    const named = answers[0].error.provider;
    check(named === provider || named === null, `error names provider ${named}`);
    for (const secret of [c.secret].flat()) {
      if (secret === "") { tally.skipped.leakChecksEmptySecret++; continue; }
      for (const { error } of answers) {
        check(!error.message.includes(secret) && !String(error.stack).includes(secret), "message leaks the secret");
      }
      tally.leakChecks++;
    }
    tally.errors++;
  } else {
    for (const got of answers) {
      check(got.event, `want an event, got error ${got.code}: ${got.error && got.error.message}`);
      compareEvent(got.event, c.expect.event, bytes);
    }
    tally.events++;
    // verify(sign(x)) round-trips with the first secret, every field compared: ids come
    // from signed bytes only, so an id that sign minted never changes the event.
    // The sign arguments may name their own secret (telnyx signs with the private seed).
    const signed = api.sign({ provider, secret: [c.secret].flat()[0], body, ...signArgs(c) });
    check(signed.body === body, "sign returns the body as given");
    const again = { ...base, headers: signed.headers, body: signed.body };
    if (signed.url !== undefined) again.url = signed.url;
    compareEvent(api.verify(again), c.expect.event, bytes);
    tally.roundTrips++;
    if (c.signMatches) {
      for (const [name, value] of entries) {
        const produced = Object.entries(signed.headers).find(([k]) => k.toLowerCase() === name.toLowerCase());
        same(produced && produced[1], value, `sign header ${name}`);
      }
      tally.signMatches++;
    }
  }
  if (c.detect !== undefined) {
    same(api.detect(c.headers), c.detect, "detect");
    same(api.detect(new Headers(entries)), c.detect, "detect(Headers)");
    tally.detects++;
  }
  tally.cases++;
}

module.exports = {
  FIELDS, canonical, same, bodyOf, bodyBytes, compareEvent, signArgs,
  newTally, expectedTally, describeTally, attempt, checkCase,
};
