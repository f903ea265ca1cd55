// Bundled from the installed package and run in headless Chromium: by esbuild with
// "smshook" aliased to "smshook/inline" (browser.test.mjs), and by Vite and webpack with no
// configuration, the default browser build and its separate .wasm (bundlers.test.mjs).
// Every shared vector, checked by vectors-core.cjs (the library every JS harness shares).
import * as smshook from "smshook";
import { sign, detect, PROVIDERS, verifyRequest } from "smshook";

import { checkCase, newTally, attempt } from "./vectors-core.cjs";

// The whole module, as vectors-core.cjs uses it (verify, sign, detect, createVerifier…).
const api = smshook;

globalThis.runVectors = async (files) => {
  const failures = [];
  const tally = newTally();
  let count = 0;
  for (const file of files) {
    for (const c of file.cases) {
      count++;
      try {
        checkCase(api, file.provider, c, tally);
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
  const oddEvent = attempt(api, { secret, headers: odd, body });
  if (!oddEvent.event || detect(odd) !== "standard") failures.push(`odd header names: ${oddEvent.code}`);
  return {
    count, tally, failures, providers: PROVIDERS.map((p) => p.id), userAgent: navigator.userAgent,
    exportNames: Object.keys(smshook).sort(),
  };
};
