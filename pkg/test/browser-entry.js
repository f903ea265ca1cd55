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
function compare(got, want, bytes, skipId) {
  for (const f of FIELDS) if (!(skipId && f === "id")) eq(got[f], want[f], `field ${f}`);
  eq(got.data, "data" in want ? want.data : JSON.parse(new TextDecoder().decode(bytes)), "data");
}
function attempt(options) {
  try {
    return { event: verify(options) };
  } catch (e) {
    if (!(e instanceof WebhookVerificationError)) throw new Error(`not a WebhookVerificationError: ${e}`);
    return { code: e.code };
  }
}
function checkCase(provider, c) {
  const body = bodyOf(c);
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const base = { provider, secret: c.secret, headers: new Headers(Object.entries(c.headers)), ...c.options };
  for (const b of [body, bytes, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)]) {
    const got = attempt({ ...base, body: b });
    if (c.expect.error !== undefined) {
      eq(got.code, c.expect.error, "error code");
    } else {
      if (!got.event) throw new Error(`want an event, got ${got.code}`);
      compare(got.event, c.expect.event, bytes, false);
    }
  }
  if (c.expect.event) {
    const ts = header(c, "webhook-timestamp");
    const args = { now: ts !== undefined && /^\d+$/.test(ts) ? Number(ts) * 1000 : c.options.now };
    const id = header(c, "x-webhook-delivery-id") ?? header(c, "webhook-id");
    if (id !== undefined) args.id = id;
    if (typeof c.options.audience === "string") args.audience = c.options.audience;
    if (typeof c.options.subject === "string") args.subject = c.options.subject;
    const et = header(c, "x-event-type");
    if (et !== undefined) args.eventType = et;
    const signed = sign({ provider, secret: [c.secret].flat()[0], body, ...args });
    const again = verify({ ...base, headers: signed.headers, body });
    compare(again, c.expect.event, bytes, args.id === undefined && (provider === "messages-dev" || provider === "standard"));
    if (c.signMatches) {
      for (const [name, value] of Object.entries(c.headers)) {
        const produced = Object.entries(signed.headers).find(([k]) => k.toLowerCase() === name.toLowerCase());
        eq(produced && produced[1], value, `sign header ${name}`);
      }
    }
  }
  if (c.detect !== undefined) eq(detect(c.headers), c.detect, "detect");
}

globalThis.runVectors = async (files) => {
  const failures = [];
  let count = 0;
  for (const file of files) {
    for (const c of file.cases) {
      count++;
      try {
        checkCase(file.provider, c);
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
  return { count, failures, providers: PROVIDERS.length, userAgent: navigator.userAgent };
};
