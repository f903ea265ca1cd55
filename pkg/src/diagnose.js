// smshook diagnosis: verifies a delivery and, when it is refused, finds the usual mistakes
// by re-verifying variants of it (the secret trimmed or prefixed, the body as it was before
// a tool or a framework changed it, the URL before a proxy changed it, the clock offset).
// A finding is `confirmed` only when a variant verifies. The checks live in ./diagnose/;
// this entry runs them. The package's exports are passed in, so the same code runs in the
// CLI (Node) and the playground (browser).

import { checkHeaders, checkNoProvider, checkProvider, plainHeaders } from "./diagnose/headers.js";
import { checkSignature } from "./diagnose/secret.js";
import { checkBody } from "./diagnose/body.js";
import { checkTime } from "./diagnose/time.js";
import { checkClaims } from "./diagnose/claims.js";

export { formatDiagnosis, formatDuration } from "./diagnose/text.js";

/** The most verify calls one diagnosis makes (each is a few tens of microseconds). */
const MAX_CALLS = 180;

/** Codes that come after the signature check: the signature itself was fine. */
const AUTHENTIC = new Set(["timestamp_out_of_tolerance", "token_expired", "token_not_yet_valid", "malformed_payload", "claim_mismatch"]);
/** Codes that come after the time checks. */
const TIMELY = new Set(["malformed_payload", "claim_mismatch"]);

/**
 * Verifies a delivery and, when it fails, finds the usual mistakes by re-verifying variants.
 * smshook: the package's exports ({ verify, detect, PROVIDERS }), passed in so the same code
 * runs in Node and the browser. input: verify()'s options ({ provider?, secret, headers,
 * body, url?, now?, toleranceSeconds?, … }).
 * Returns { verified: true, event, provider, findings: [] }
 *      or { verified: false, code, message, provider, findings: [{ code, message, fix,
 *      confirmed, offsetSeconds? }] } (findings in order of confidence; a finding is
 *      `confirmed` when the fixed variant verifies). Never throws for a bad delivery; never
 *      puts the secret in a message. `calls` counts the verify calls made (at most 180).
 */
export function diagnose(smshook, input) {
  if (input === null || typeof input !== "object") {
    return { verified: false, code: "invalid_argument", message: "diagnose: pass verify()'s options", provider: null, findings: [], calls: 0 };
  }
  const base = { ...input };
  const nowIn = base.now instanceof Date ? base.now.getTime() : base.now;
  const now = Number.isSafeInteger(nowIn) && nowIn >= 0 ? nowIn : Date.now();
  if (base.now === undefined) base.now = now;
  let calls = 0;
  const infoOf = (id) => (smshook.PROVIDERS ?? []).find((p) => p.id === id);
  const detectedOf = (options) => { try { return smshook.detect(options.headers); } catch { return null; } };
  /** Verifies base + overrides (undefined deletes an option); { ok, event } or { ok, error }. */
  const attempt = (overrides = {}) => {
    if (calls >= MAX_CALLS) return { ok: false, error: { code: "budget", message: "" }, skipped: true };
    calls++;
    const options = { ...base };
    for (const [k, v] of Object.entries(overrides)) { if (v === undefined) delete options[k]; else options[k] = v; }
    try {
      return { ok: true, signed: true, timely: true, event: smshook.verify(options) };
    } catch (error) {
      const code = error !== null && typeof error === "object" && typeof error.code === "string" ? error.code : "error";
      // signed: the signature verified (a later check refused it); timely: the time too. A
      // form body (twilio, plivo) is parsed before its signature is checked: there
      // malformed_payload proves nothing.
      const form = code === "malformed_payload" && /url/.test(infoOf(options.provider ?? detectedOf(options))?.scheme ?? "");
      return { ok: false, signed: AUTHENTIC.has(code) && !form, timely: TIMELY.has(code) && !form, error: { code, message: String(error?.message ?? error), provider: error?.provider ?? null } };
    }
  };
  const first = attempt();
  if (first.ok) return { verified: true, event: first.event, provider: first.event.provider, findings: [], calls };
  const { code, message } = first.error;
  const headers = plainHeaders(base.headers);
  let detected = null;
  try { detected = smshook.detect(base.headers); } catch { /* headers verify() refused */ }
  const provider = typeof base.provider === "string" ? base.provider : first.error.provider ?? detected;
  const info = infoOf;
  const name = (id) => info(id)?.name ?? id ?? "the provider";
  const findings = [];
  const add = (finding) => findings.push({ confirmed: false, ...finding });
  const providers = smshook.PROVIDERS ?? [];
  const ctx = { attempt, base, headers, detected, provider, name, add, now, code, message, info, providers, findings };

  if (!AUTHENTIC.has(code)) checkProvider(ctx);
  if (findings.some((f) => f.confirmed)) {
    // the provider was the mistake: nothing more to look for
  } else if (code === "provider_not_detected") checkNoProvider(ctx);
  else if (code === "missing_signature") checkHeaders(ctx);
  else if (code === "signature_mismatch" || code === "malformed_signature" || code === "invalid_secret") checkSignature(ctx);
  else if (/^timestamp_/.test(code) || code === "token_expired" || code === "token_not_yet_valid") checkTime(ctx);
  else if (code === "claim_mismatch") checkClaims(ctx);
  // A form body (twilio, plivo) is read before its signature is checked: a newline or a
  // line ending added on the way makes it malformed_payload, not signature_mismatch.
  else if (code === "malformed_payload" && /url/.test(info(provider)?.scheme ?? "")) checkBody(ctx);
  else if (code === "invalid_argument" && /url/i.test(message)) {
    const host = headers["x-forwarded-host"] ?? headers.host;
    add({ code: "url_missing", message: `${name(provider)} signs the URL it requested, so verifying needs that URL`,
      fix: `pass url: the full public URL the provider posts to${host ? ` (e.g. https://${host.split(",")[0].trim()}/your/path)` : ""}; behind a proxy, set publicUrl` });
  } else if (code === "body_too_large") {
    add({ code: "body_too_large", message: "the body is larger than maxBodyBytes", fix: "raise maxBodyBytes if such deliveries are expected" });
  }
  const secrets = (Array.isArray(base.secret) ? base.secret : [base.secret]).filter((s) => typeof s === "string" && s.length >= 6);
  const scrub = (text) => secrets.reduce((t, s) => t.split(s).join("[secret]"), text);
  const ordered = [...findings.filter((f) => f.confirmed), ...findings.filter((f) => !f.confirmed)]
    .map(({ compactHint, ...f }) => ({ ...f, message: scrub(f.message), fix: scrub(f.fix) }));
  const seen = new Set();
  const unique = ordered.filter((f) => { const k = `${f.code}\0${f.message}`; if (seen.has(k)) return false; seen.add(k); return true; });
  return { verified: false, code, message: scrub(message), provider: provider ?? null, findings: unique, calls };
}
