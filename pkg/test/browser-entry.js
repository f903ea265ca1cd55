// Bundled by esbuild (platform browser) from the installed package, run in headless
// Chromium: every shared vector through the browser build (see browser.test.mjs).
import { verify, sign, detect, PROVIDERS, WebhookVerificationError, verifyRequest } from "smshook";

const FIELDS = ["provider", "type", "providerEvent", "id", "occurredAt", "messageId", "from", "to", "text", "error"];

function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`;
  return JSON.stringify(v);
}
function eq(a, b, what) {
  if (canonical(a) !== canonical(b)) throw new Error(`${what}: got ${canonical(a)}, want ${canonical(b)}`);
}
function bodyOf(c) {
  if (c.bodyBase64 === undefined) return c.body;
  const bin = atob(c.bodyBase64);
  return Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
}
function header(c, name) {
  for (const [k, v] of Object.entries(c.headers)) if (k.toLowerCase() === name) return v;
  return undefined;
}
function compare(got, want, bytes) {
  for (const f of FIELDS) eq(got[f], want[f], `field ${f}`);
  eq(got.data, "data" in want ? want.data : JSON.parse(new TextDecoder().decode(bytes)), "data");
}
function attempt(options) {
  try {
    return { event: verify(options) };
  } catch (e) {
    if (!(e instanceof WebhookVerificationError)) throw new Error(`not a WebhookVerificationError: ${e}`);
    return { code: e.code, error: e };
  }
}
// Counted as each check passes; browser.test.mjs compares the tally with expectedTally
// (vectors-lib.cjs), derived from the vector files, so nothing is skipped silently.
function newTally() {
  return {
    cases: 0, errors: 0, events: 0, roundTrips: 0, signMatches: 0, detects: 0, leakChecks: 0,
    skipped: { cases: 0, fieldComparisons: 0, leakChecksEmptySecret: 0 },
  };
}
function checkCase(provider, c, tally) {
  const body = bodyOf(c);
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const base = { provider, secret: c.secret, headers: new Headers(Object.entries(c.headers)), ...c.options };
  const refusals = [];
  for (const b of [body, bytes, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)]) {
    const got = attempt({ ...base, body: b });
    if (c.expect.error !== undefined) {
      eq(got.code, c.expect.error, "error code");
      refusals.push(got.error);
    } else {
      if (!got.event) throw new Error(`want an event, got ${got.code}`);
      compare(got.event, c.expect.event, bytes);
    }
  }
  if (c.expect.error !== undefined) {
    for (const secret of [c.secret].flat()) {
      if (secret === "") { tally.skipped.leakChecksEmptySecret++; continue; }
      if (refusals.some((e) => e.message.includes(secret))) throw new Error("message leaks the secret");
      tally.leakChecks++;
    }
    tally.errors++;
  } else {
    tally.events++;
  }
  if (c.expect.event) {
    if (!c.sign) throw new Error(`${c.name}: positive cases carry their sign arguments`);
    const args = { ...c.sign }; // written by generate.py: no provider rules here
    const signed = sign({ provider, secret: [c.secret].flat()[0], body, ...args });
    const again = verify({ ...base, headers: signed.headers, body });
    compare(again, c.expect.event, bytes); // every field: ids come from signed bytes only
    tally.roundTrips++;
    if (c.signMatches) {
      for (const [name, value] of Object.entries(c.headers)) {
        const produced = Object.entries(signed.headers).find(([k]) => k.toLowerCase() === name.toLowerCase());
        eq(produced && produced[1], value, `sign header ${name}`);
      }
      tally.signMatches++;
    }
  }
  if (c.detect !== undefined) {
    eq(detect(c.headers), c.detect, "detect");
    tally.detects++;
  }
  tally.cases++;
}

globalThis.runVectors = async (files) => {
  const failures = [];
  const tally = newTally();
  let count = 0;
  for (const file of files) {
    for (const c of file.cases) {
      count++;
      try {
        checkCase(file.provider, c, tally);
      } catch (e) {
        failures.push(`${file.provider}/${c.name}: ${e.message}`);
      }
    }
  }
  // The Fetch helper, with a real Request.
  const body = '{"hello":"browser"}';
  const secret = "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
  const s = sign({ provider: "standard", secret, body });
  const event = await verifyRequest(new Request("https://example.test/hook", { method: "POST", headers: s.headers, body }), { secret });
  if (event.provider !== "standard") failures.push(`verifyRequest: ${JSON.stringify(event)}`);
  // verifyRequest stops a 64 MiB stream at the limit (plus one chunk), here too.
  for (const form of ["Request", "Request-like"]) {
    let pulled = 0;
    let cancelled = false;
    const stream = new ReadableStream({
      pull(c) { pulled += 256; c.enqueue(new Uint8Array(256)); if (pulled >= 64 * 1024 * 1024) c.close(); },
      cancel() { cancelled = true; },
    }, { highWaterMark: 0 });
    const request = form === "Request"
      ? new Request("https://example.test/hook", { method: "POST", headers: s.headers, body: stream, duplex: "half" })
      : { headers: new Headers(s.headers), bodyUsed: false, body: stream };
    const code = await verifyRequest(request, { secret, maxBodyBytes: 1024 }).then(() => "an event", (e) => e.code);
    if (code !== "body_too_large" || pulled > 1024 + 512 || !cancelled) {
      failures.push(`verifyRequest ${form} limit: ${code}, pulled ${pulled} B, cancelled ${cancelled}`);
    }
  }
  // Headers named like Object.prototype members are ordinary headers.
  const odd = new Headers(s.headers);
  odd.set("constructor", "x");
  odd.set("__proto__", "y");
  const oddEvent = attempt({ secret, headers: odd, body });
  if (!oddEvent.event || detect(odd) !== "standard") failures.push(`odd header names: ${oddEvent.code}`);
  return { count, tally, failures, providers: PROVIDERS.map((p) => p.id), userAgent: navigator.userAgent };
};
