// smshook diagnosis: verifies a delivery and, when it is refused, finds the usual mistakes
// by re-verifying variants of it (the secret trimmed or prefixed, the body as it was before
// a tool or a framework changed it, the URL before a proxy changed it, the clock offset).
// A finding is `confirmed` only when a variant verifies. No imports: the package's exports
// are passed in, so the same code runs in the CLI (Node) and the playground (browser).

/** The most verify calls one diagnosis makes (each is a few tens of microseconds). */
const MAX_CALLS = 180;
/** A time option large enough for any real offset (136 years), a safe integer for the core. */
const HUGE = 2 ** 32;
const DEFAULTS = { toleranceSeconds: 300, leewaySeconds: 60 };

const TELNYX_KEY = {
  code: "secret_wrong",
  message: "telnyx verifies with the account's public key (base64 of 32 bytes, Mission Control > Keys & Credentials > Public Key), not an API key or the private key",
  fix: "pass the public key as the secret",
};
/** Secret prefixes a provider shows as part of the secret. */
const SECRET_PREFIX = { standard: "whsec_", textus: "textus-" };

/** Codes that come after the signature check: the signature itself was fine. */
const AUTHENTIC = new Set(["timestamp_out_of_tolerance", "token_expired", "token_not_yet_valid", "malformed_payload", "claim_mismatch"]);
/** Codes that come after the time checks. */
const TIMELY = new Set(["malformed_payload", "claim_mismatch"]);

const hasOwn = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

/** Headers as a plain object with lowercase names (Headers, Map, entries or an object). */
function plainHeaders(headers) {
  const out = {};
  const add = (name, value) => {
    if (value === undefined || value === null) return;
    const key = String(name).toLowerCase();
    const text = Array.isArray(value) ? value.join(", ") : String(value);
    Object.defineProperty(out, key, { value: hasOwn(out, key) ? `${out[key]}, ${text}` : text, enumerable: true, writable: true, configurable: true });
  };
  if (headers === null || typeof headers !== "object") return out;
  if (typeof headers.forEach === "function" && typeof headers.get === "function") headers.forEach((v, k) => add(k, v));
  else if (Array.isArray(headers)) for (const e of headers) { if (Array.isArray(e) && e.length === 2) add(e[0], e[1]); }
  else for (const k of Object.keys(headers)) add(k, headers[k]);
  return out;
}

/** The body as text when it is text or valid UTF-8 bytes, else null. */
function bodyText(body) {
  if (typeof body === "string") return body;
  let bytes = null;
  if (body instanceof Uint8Array) bytes = body;
  else if (ArrayBuffer.isView(body)) bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  else if (body instanceof ArrayBuffer) bytes = new Uint8Array(body);
  if (bytes === null) return null;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** "3 h", "5 min 20 s", "2 d 4 h": a duration in seconds for people. */
export function formatDuration(seconds) {
  let s = Math.round(Math.abs(seconds));
  if (s < 60) return `${s} s`;
  const units = [["d", 86400], ["h", 3600], ["min", 60], ["s", 1]];
  const parts = [];
  for (const [name, size] of units) {
    if (s >= size && parts.length < 2) { parts.push(`${Math.floor(s / size)} ${name}`); s %= size; }
    else if (parts.length > 0) break;
  }
  return parts.join(" ");
}

/** JSON text with chosen separators, indentation and escapes (how other languages write it). */
function serialize(value, { item = ",", key = ":", indent = "", ascii = false, slash = false } = {}) {
  const str = (s) => {
    let out = JSON.stringify(s);
    if (ascii) out = out.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
    if (slash) out = out.replace(/\//g, "\\/");
    return out;
  };
  const walk = (v, depth) => {
    if (v === null || typeof v !== "object") return typeof v === "string" ? str(v) : JSON.stringify(v);
    const pad = indent === "" ? "" : `\n${indent.repeat(depth + 1)}`;
    const end = indent === "" ? "" : `\n${indent.repeat(depth)}`;
    const parts = Array.isArray(v)
      ? v.map((x) => walk(x, depth + 1))
      : Object.keys(v).map((k) => `${str(k)}${key}${walk(v[k], depth + 1)}`);
    if (parts.length === 0) return Array.isArray(v) ? "[]" : "{}";
    const sep = indent === "" ? item : item.trimEnd();
    const [open, close] = Array.isArray(v) ? ["[", "]"] : ["{", "}"];
    return `${open}${pad}${parts.join(`${sep}${pad}`)}${end}${close}`;
  };
  return walk(value, 0);
}

/** The body variants worth re-verifying: [finding code, what changed, text]. */
function bodyVariants(text) {
  const out = [];
  const seen = new Set([text]);
  const push = (code, what, variant) => { if (!seen.has(variant)) { seen.add(variant); out.push([code, what, variant]); } };
  const stripped = text.replace(/[\r\n]+$/, "");
  const ends = [
    [stripped, "without the trailing newline it has here"],
    [`${stripped}\n`, "ending in a newline (LF)"],
    [`${stripped}\r\n`, "ending in a newline (CRLF)"],
  ];
  for (const [variant, what] of ends) push("body_trailing_newline", what, variant);
  if (text.includes("\n")) {
    const lf = text.replace(/\r\n/g, "\n");
    const crlf = lf.replace(/\n/g, "\r\n");
    for (const [base, what] of [[lf, "with LF line endings"], [crlf, "with CRLF line endings"]]) {
      const s = base.replace(/[\r\n]+$/, "");
      push("body_line_endings", what, base);
      push("body_line_endings", `${what}, without a trailing newline`, s);
      push("body_line_endings", `${what}, ending in a newline`, `${s}${base.includes("\r\n") ? "\r\n" : "\n"}`);
    }
  }
  let parsed;
  try { parsed = JSON.parse(text); } catch { return out; }
  if (parsed === null || typeof parsed !== "object") return out;
  const forms = [
    ["compact JSON (JavaScript's JSON.stringify)", {}],
    ["JSON with \", \" and \": \" separators (Python's json.dumps)", { item: ", ", key: ": ", ascii: true }],
    ["JSON with \", \" and \": \" separators, unescaped", { item: ", ", key: ": " }],
    ["compact JSON with \\u escapes", { ascii: true }],
    ["compact JSON with \\/ and \\u escapes (PHP's json_encode)", { ascii: true, slash: true }],
    ["JSON indented by 2 spaces", { item: ",", key: ": ", indent: "  " }],
    ["JSON indented by 4 spaces", { item: ",", key: ": ", indent: "    " }],
  ];
  for (const [what, style] of forms) {
    const variant = serialize(parsed, style);
    push("body_reserialized", what, variant);
    if (style.indent) push("body_reserialized", `${what}, ending in a newline`, `${variant}\n`);
  }
  return out;
}

/** URL variants a proxy or a tunnel produces, the fewest changes first. */
function urlVariants(url, headers) {
  const m = /^(https?):\/\/([^/?#:]*)(:\d+)?([^?#]*)(\?[^#]*)?(#.*)?$/i.exec(url);
  if (m === null) return [];
  const [, scheme0, host0, port0 = "", path0, query0 = ""] = m;
  const first = (name) => (hasOwn(headers, name) ? headers[name].split(",")[0].trim() : "");
  const hosts = new Set([host0]);
  for (const h of [first("x-forwarded-host"), first("host")]) if (h !== "") hosts.add(h.replace(/:\d+$/, ""));
  const schemes = new Set([scheme0.toLowerCase(), "https", "http"]);
  const paths = new Set([path0, path0 === "" ? "/" : path0.endsWith("/") ? path0.replace(/\/+$/, "") : `${path0}/`]);
  const queries = new Set([query0, ""]);
  const out = [];
  const seen = new Set([url]);
  for (const s of schemes) for (const h of hosts) for (const p of paths) for (const q of queries) {
    for (const pt of new Set([port0, "", s === "https" ? ":443" : ":80"])) {
      const candidate = `${s}://${h}${pt}${p}${q}`;
      if (seen.has(candidate)) continue;
      seen.add(candidate);
      const changes = (s !== scheme0.toLowerCase()) + (h !== host0) + (pt !== port0) + (p !== path0) + (q !== query0);
      out.push([changes, candidate]);
    }
  }
  return out.sort((a, b) => a[0] - b[0]).map(([, c]) => c);
}

/** The payload of a JWT in an `Authorization: Bearer` header, or null. */
function jwtClaims(headers) {
  const token = /^bearer\s+([^.\s]+)\.([^.\s]+)\.[^.\s]*$/i.exec(headers.authorization ?? "");
  if (token === null) return null;
  try {
    const b64 = token[2].replace(/-/g, "+").replace(/_/g, "/");
    const binary = atob(b64.padEnd(Math.ceil(b64.length / 4) * 4, "="));
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    return claims !== null && typeof claims === "object" ? claims : null;
  } catch {
    return null;
  }
}

/** The secret without surrounding whitespace and quotes. */
const cleanSecret = (s) => s.trim().replace(/^(["'`])(.*)\1$/s, "$2").trim();

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

/** The claims passed: verified, or refused only for the payload. */
const payloadOk = (r) => r.ok || r.error.code === "malformed_payload";

/** What still refuses a delivery whose signature a fix made valid ("" when it verifies). */
const still = (r) => (r.ok ? "" : `; with that fixed, verify still refuses it: ${r.error.code} (${r.error.message})`);

/** wrong_provider: the headers are another provider's. */
function checkProvider({ attempt, base, detected, provider, name, add }) {
  if (typeof base.provider !== "string" || detected === null || detected === base.provider) return;
  const r = attempt({ provider: detected });
  add({ code: "wrong_provider", confirmed: r.signed,
    message: `the headers are ${name(detected)}'s (${detected}), not ${name(base.provider)}'s${r.signed ? `: the delivery verifies as ${detected}${still(r)}` : ""}`,
    fix: `set provider: "${detected}" (--provider ${detected}), or point ${name(base.provider)}'s webhook at this endpoint` });
}

/** provider_not_detected: try every provider with the secret. */
function checkNoProvider({ attempt, headers, add, name, providers: ctxProviders }) {
  for (const { id } of ctxProviders) {
    if (attempt({ provider: id }).signed) {
      add({ code: "provider_missing", confirmed: true, message: `the delivery verifies as ${name(id)} (${id}), whose headers detection does not recognize alone`, fix: `set provider: "${id}" (--provider ${id})` });
      return;
    }
  }
  const names = Object.keys(headers).join(", ") || "none";
  add({ code: "header_missing", message: `no known signature header in the request (its headers: ${names}); proxies and tunnels sometimes strip them`, fix: "pass provider explicitly, and check that every header of the delivery reaches your app" });
}

/** missing_signature: which of the provider's headers is absent (or renamed by a proxy). */
function checkHeaders({ attempt, headers, provider, name, add, message, info }) {
  // The core names the header it missed; PROVIDERS gives the provider's main one.
  const main = info(provider)?.signatureHeader?.toLowerCase();
  const named = /missing signature header (\S+)/.exec(message)?.[1] ?? main;
  const absent = named && !hasOwn(headers, named) ? [named] : [];
  const expected = main ? [main] : [];
  for (const h of absent) {
    const renamed = Object.keys(headers).find((k) => k !== h && k.endsWith(h));
    if (renamed === undefined) continue;
    const fixed = { ...headers, [h]: headers[renamed] };
    if (attempt({ headers: fixed }).signed) {
      add({ code: "header_missing", confirmed: true, message: `the ${h} header arrived renamed as ${renamed} (a proxy or API gateway remapped it); under its own name the delivery verifies`, fix: `pass the header as ${h} (map ${renamed} back to ${h} before verifying, or stop the proxy remapping it)` });
      return;
    }
  }
  const list = absent.length > 0 ? absent.join(", ") : "its signature header";
  add({ code: "header_missing",
    message: `${name(provider)} signs with ${expected.join(", ") || "a signature header"}; this request has no ${list}. Proxies, load balancers and some frameworks strip headers (Authorization especially)${provider === "httpsms" ? "; httpSMS sends no Authorization when the webhook has no signing key" : ""}`,
    fix: `check that ${list} reaches your app (log the raw request headers) and that you pass all of them to verify${provider === "httpsms" ? "; set a signing key on the httpSMS webhook (or allowUnsigned: true to accept unsigned deliveries)" : ""}` });
}

/** Secret, body and URL variants for a signature that does not match. */
function checkSignature(ctx) {
  const { attempt, base, provider, name, add, code, detected } = ctx;
  const list = Array.isArray(base.secret) ? base.secret : [base.secret];
  const secretOf = (i, s) => (Array.isArray(base.secret) ? list.map((x, j) => (j === i ? s : x)) : s);
  const which = (i) => (Array.isArray(base.secret) ? `secret #${i + 1} of the list` : "the secret");
  let confirmed = false;
  list.forEach((secret, i) => {
    if (confirmed || typeof secret !== "string") return;
    const clean = cleanSecret(secret);
    if (clean !== secret && clean !== "") {
      const ok = attempt({ secret: secretOf(i, clean) }).signed;
      confirmed ||= ok;
      add({ code: "secret_whitespace", confirmed: ok,
        message: `${which(i)} has whitespace, a newline or quotes around it${ok ? "; without them the delivery verifies" : ""} (a secret read from a file or an env var with a trailing newline, or copied with quotes)`,
        fix: "remove the surrounding whitespace/quotes (e.g. SMSHOOK_SECRET=\"$(tr -d '\\n' < secret.txt)\", or secret.trim())" });
    }
    const prefix = SECRET_PREFIX[provider];
    if (prefix !== undefined && !clean.startsWith(prefix) && clean !== "") {
      const ok = attempt({ secret: secretOf(i, prefix + clean) }).signed;
      confirmed ||= ok;
      if (ok || code === "invalid_secret" || provider === "textus") {
        add({ code: "secret_prefix_missing", confirmed: ok,
          message: `${name(provider)} secrets start with ${prefix} and ${which(i)} does not${ok ? `; with ${prefix} in front the delivery verifies` : ""}`,
          fix: `use the secret exactly as ${name(provider)} shows it, ${prefix} included` });
      }
    }
    if (provider !== "standard" && clean.startsWith("whsec_")) {
      const ok = attempt({ secret: secretOf(i, clean.slice(6)) }).signed;
      const asStandard = !ok && detected === "standard" && attempt({ provider: "standard", secret: secretOf(i, clean) }).signed;
      confirmed ||= ok || asStandard;
      add({ code: asStandard ? "wrong_provider" : "secret_prefix_extra", confirmed: ok || asStandard,
        message: asStandard
          ? "this is a Standard Webhooks delivery (a whsec_ secret and webhook-* headers, e.g. forwarded by smshook's Worker): it verifies as standard"
          : `${which(i)} starts with whsec_, the Standard Webhooks prefix, which ${name(provider)} secrets do not have${ok ? "; without it the delivery verifies" : ""}`,
        fix: asStandard ? "set provider: \"standard\"" : `use ${name(provider)}'s own secret, without whsec_ (whsec_ secrets are for provider "standard")` });
    }
  });
  if (confirmed) return;
  // The provider's signature scheme (PROVIDERS), not its name, says what is signed: a
  // jwt-hs256 token does not cover the body (vonage's jwt-hs256-body-hash does), and an
  // ed25519 scheme verifies with a public key.
  const scheme = ctx.info(provider)?.scheme ?? "";
  const publicKey = /^ed25519/.test(scheme);
  const bodyUnsigned = scheme === "jwt-hs256";
  if (code === "invalid_secret") {
    if (publicKey) add(TELNYX_KEY);
    return;
  }
  if (!bodyUnsigned) checkBody(ctx);
  if (ctx.findings.some((f) => f.confirmed)) return;
  if (/url/.test(scheme) && typeof base.url === "string") checkUrl(ctx);
  if (ctx.findings.some((f) => f.confirmed)) return;
  if (publicKey) {
    add(TELNYX_KEY);
  } else if (code === "signature_mismatch") {
    const what = bodyUnsigned ? "the token does not verify with this signing key" : `no variant of the body${/url/.test(scheme) ? ", the URL" : ""} or the secret verifies`;
    add({ code: "secret_wrong", message: `${what}: the likeliest cause is a different secret (another webhook endpoint, account, sub-account or test mode)`, fix: `copy the secret again from ${name(provider)}'s settings for this very webhook` });
  }
  // The compact-JSON hint is weaker than a wrong secret: it goes last.
  const hint = ctx.findings.findIndex((f) => f.compactHint);
  if (hint >= 0) ctx.findings.push(...ctx.findings.splice(hint, 1));
}

/** Body variants: trailing newline, line endings, re-serialized JSON. */
function checkBody(ctx) {
  const { attempt, base, add } = ctx;
  const text = bodyText(base.body);
  if (text === null || text === "") return;
  for (const [code, what, variant] of bodyVariants(text)) {
    const r = attempt({ body: variant });
    if (r.skipped) return;
    if (!r.signed) continue;
    const msg = {
      body_trailing_newline: `the provider signed the body ${what}: a newline was added or lost on the way (curl -d @file strips newlines, an editor adds one when saving)`,
      body_line_endings: `the provider signed the body ${what}: the line endings were converted on the way (a copy through Windows, git autocrlf, or an editor)`,
      body_reserialized: `the provider signed the body as ${what}, not the bytes given here: the body was parsed and written again (a framework's JSON body parser, then JSON.stringify, or a pretty-printer) and those bytes were never signed`,
    }[code];
    const fix = {
      body_trailing_newline: "verify the exact bytes received (send files with curl --data-binary @file, not -d @file)",
      body_line_endings: "verify the exact bytes received; keep captures in binary (no line-ending conversion)",
      body_reserialized: "verify the raw body: express.raw({ type: \"*/*\" }) (or smshook/express) before express.json(), await request.text() with fetch, never JSON.stringify(req.body)",
    }[code];
    add({ code, confirmed: true, message: msg + still(r), fix });
    return;
  }
  let parsed;
  try { parsed = JSON.parse(text); } catch { return; }
  if (parsed === null || typeof parsed !== "object") return;
  const compact = JSON.stringify(parsed) === text;
  add({ code: "body_reserialized", compactHint: compact,
    message: compact
      ? "the body is compact JSON: if it was parsed and JSON.stringify'd again (a framework's body parser, then JSON.stringify(req.body)), it is bytes the provider never signed even when it reads the same (key order, spacing, escapes, number formats)"
      : "the body is indented JSON, as a pretty-printer or a log viewer writes it, and providers rarely send that: it is probably not the bytes the provider signed",
    fix: "verify the raw body exactly as received: express.raw({ type: \"*/*\" }) before express.json(), await request.text(), or a raw capture (nc -l, curl --trace)" });
}

/** URL variants for the providers that sign it. */
function checkUrl(ctx) {
  const { attempt, base, headers, add, provider, name } = ctx;
  const given = String(base.url);
  for (const url of urlVariants(given, headers).slice(0, 48)) {
    const r = attempt({ url });
    if (r.skipped) return;
    if (!r.signed) continue;
    const origin = /^https?:\/\/[^/?#]*/i.exec(url)[0];
    add({ code: "url_changed", confirmed: true,
      message: `${name(provider)} signed ${url}, but the URL given is ${given}: a proxy, load balancer or tunnel changed it (scheme, host, port, path or query) before it reached your app${still(r)}`,
      fix: `verify with url: "${url}"; in a server, set publicUrl: "${origin}" (createVerifier or the helpers) so the public URL is used` });
    return;
  }
  const fwd = headers["x-forwarded-proto"] ?? headers["x-forwarded-host"];
  if (fwd !== undefined) {
    add({ code: "url_changed", message: `the request passed a proxy (X-Forwarded-* headers) and ${name(provider)} signs the public URL it requested: the URL given (${given}) may not be that one`, fix: "pass the exact public URL (url or publicUrl), including the query string" });
  }
}

/** Clock skew and expired tokens: measures the offset between the signed time and now. */
function checkTime(ctx) {
  const { attempt, base, add, now, code } = ctx;
  const jwt = code === "token_expired" || code === "token_not_yet_valid";
  const huge = { toleranceSeconds: HUGE, leewaySeconds: HUGE };
  if (base.maxAgeSeconds !== undefined) huge.maxAgeSeconds = HUGE;
  if (!attempt(huge).timely) return;
  const original = (p) => (Number.isSafeInteger(base[p]) ? base[p] : DEFAULTS[p] ?? 0);
  // Which time option refuses it: the one that still fails at its value, the others huge
  // (vonage checks iat against toleranceSeconds, exp and nbf against leewaySeconds).
  const candidates = jwt ? ["leewaySeconds", "toleranceSeconds"] : ["toleranceSeconds", "leewaySeconds"];
  if (base.maxAgeSeconds !== undefined) candidates.push("maxAgeSeconds");
  const param = candidates.find((p) => !attempt({ ...huge, [p]: original(p) }).timely);
  if (param === undefined) return;
  const passes = (value, shift = 0) => attempt({ ...huge, [param]: value, now: now + shift }).timely;
  let lo = original(param);
  let hi = HUGE;
  for (let probe = Math.max(1, lo * 2); probe < HUGE; probe *= 2) {
    if (passes(probe)) { hi = probe; break; }
    lo = probe;
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (passes(mid)) hi = mid; else lo = mid;
  }
  let sign = 0;
  if (passes(1, hi * 1000)) sign = 1;
  else if (now - hi * 1000 >= 0 && passes(1, -hi * 1000)) sign = -1;
  const offsetSeconds = sign === 0 ? hi : sign * hi;
  const dur = formatDuration(hi);
  const when = sign > 0 ? `${dur} in the future` : `${dur} ago`;
  const signedAt = sign === 0 ? null : new Date(now + offsetSeconds * 1000).toISOString();
  if (jwt) {
    add({ code: "token_expired", confirmed: true, offsetSeconds,
      message: code === "token_expired"
        ? `the token is authentic but expired ${dur} ago (beyond ${param}: ${original(param)}): a replayed capture from ${dur} ago, or a clock ${dur} off`
        : `the token is authentic but only valid from ${dur} from now: the signer's clock is ${dur} ahead of yours (or yours behind)`,
      fix: `for an old capture verify with now: ${now + offsetSeconds * 1000}${signedAt ? ` (${signedAt})` : ""}; for live traffic sync the clocks (NTP); ${param}: ${hi} would accept it` });
    return;
  }
  const age = param === "maxAgeSeconds";
  add({ code: "clock_skew", confirmed: true, offsetSeconds,
    message: age
      ? `the delivery is authentic but its event is ${dur} old, over maxAgeSeconds (${original(param)})`
      : sign > 0
        ? `the signature is valid but was made ${when} (signed at ${signedAt}): the sender's clock is ${dur} ahead of yours, or yours behind`
        : `the signature is valid but was made ${when}${signedAt ? ` (signed at ${signedAt})` : ""}: a replayed capture from ${dur} ago, or a clock ${dur} off`,
    fix: age
      ? `raise maxAgeSeconds above ${hi} if such late retries are expected`
      : sign > 0
        ? `sync the clocks (NTP) on the sender and on this machine; toleranceSeconds: ${hi} would accept it meanwhile`
        : `to check an old capture, verify with now: ${sign === 0 ? "the time it was sent" : now + offsetSeconds * 1000}; for live traffic, sync the clocks (NTP); toleranceSeconds: ${hi} would accept it` });
}

/** httpsms claim_mismatch: compare the token's aud, sub and iss with the options. */
function checkClaims({ attempt, base, headers, add }) {
  const claims = jwtClaims(headers);
  if (claims === null) return;
  const auds = Array.isArray(claims.aud) ? claims.aud : claims.aud === undefined ? [] : [claims.aud];
  if (typeof base.audience === "string" && !auds.includes(base.audience)) {
    const good = auds.find((a) => typeof a === "string" && payloadOk(attempt({ audience: a })));
    add({ code: "audience_mismatch", confirmed: good !== undefined,
      message: `the token's audience is ${JSON.stringify(claims.aud ?? null)}, not ${JSON.stringify(base.audience)}`,
      fix: good !== undefined ? `set audience: ${JSON.stringify(good)} (the webhook URL configured in httpSMS)` : "set audience to the URL the webhook is configured with in httpSMS" });
  }
  if (typeof base.subject === "string" && claims.sub !== base.subject) {
    const ok = typeof claims.sub === "string" && payloadOk(attempt({ subject: claims.sub }));
    add({ code: "subject_mismatch", confirmed: ok,
      message: `the token's subject (the httpSMS user id) is ${JSON.stringify(claims.sub ?? null)}, not ${JSON.stringify(base.subject)}`,
      fix: "set subject to your httpSMS user id, or drop subject" });
  }
  if (claims.exp === undefined) {
    add({ code: "claim_mismatch", message: "the token has no exp claim, which smshook requires", fix: "this token was not minted by httpSMS" });
  }
}

/** Plain text of a diagnosis for terminals (lines, no colour). */
export function formatDiagnosis(result) {
  const lines = [];
  if (result.verified) {
    const e = result.event;
    lines.push(`verified: ${e.type} (${e.provider}, ${e.providerEvent}) id ${e.id}`);
    if (e.from !== null || e.to !== null) lines.push(`  ${e.from ?? "?"} -> ${e.to ?? "?"}${e.text !== null ? `: ${JSON.stringify(e.text)}` : ""}`);
    return lines.join("\n");
  }
  lines.push(`refused: ${result.code}${result.provider ? ` (${result.provider})` : ""}: ${result.message}`);
  if (result.findings.length === 0) lines.push("  no usual mistake found");
  for (const f of result.findings) {
    const offset = f.offsetSeconds !== undefined ? ` [offset ${f.offsetSeconds > 0 ? "+" : ""}${f.offsetSeconds} s]` : "";
    lines.push(`  ${f.confirmed ? "confirmed" : "possible "} ${f.code}${offset}: ${f.message}`);
    lines.push(`            fix: ${f.fix}`);
  }
  return lines.join("\n");
}
