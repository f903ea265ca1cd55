// smshook: the hand-written JavaScript layer over the WebAssembly core.
//
// Runtime-neutral: no imports, no Node or DOM APIs at the top level. Each entry point
// (node.cjs, web.js, inline.js, deno.js, workerd.js; node.mjs re-exports node.cjs, and the
// ESM ones export the names of public.js) instantiates the wasm its own way and hands the
// wasm-bindgen exports to `bindWasm`. build.sh derives dist/core.cjs from this file, so it
// must keep to top-level `export function|class|const` declarations and no imports.

let wasm = null;
let providerList = null;

/** Called once by the entry point with the wasm-bindgen exports. @internal */
export function bindWasm(exports) {
  wasm = exports;
  providerList = Object.freeze(
    JSON.parse(exports.providers()).map((p) => Object.freeze({ ...p, headers: Object.freeze(p.headers) })),
  );
  return providerList;
}

const hasOwn = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

/** An option the caller set on the object itself (never one inherited from a prototype). */
const own = (options, key) => (hasOwn(options, key) ? options[key] : undefined);

/** The one error type of smshook: `code` is stable (SPEC section 3). */
export class WebhookVerificationError extends Error {
  constructor(code, message, provider = null) {
    super(message || code);
    this.name = "WebhookVerificationError";
    this.code = code;
    this.provider = provider ?? null;
  }

  /**
   * The HTTP status to answer the sender with, from the core's one table
   * (`Error::http_status`): 401 for authentication failures, 400 malformed_payload, 413
   * body_too_large, 503 invalid_secret, 404 unknown_provider, 500 invalid_argument; 400
   * for a code that is not smshook's.
   */
  get status() {
    return typeof this.code === "string" && wasm !== null ? wasm.httpStatus(this.code) : 400;
  }
}

const RAW_BODY_ADVICE =
  "pass the exact raw body (string, Uint8Array, ArrayBuffer or Buffer), not a parsed " +
  "object: in Express mount express.raw({ type: \"*/*\" }) (or smshook's expressWebhook()) " +
  "on the webhook route before express.json(); with fetch-style frameworks use " +
  "await request.text() or smshook's verifyRequest(request)";

function invalidArgument(message, provider = null) {
  return new WebhookVerificationError("invalid_argument", message, provider);
}

/** Rethrows a wasm error as our class; anything else unchanged. */
function rethrow(error) {
  if (
    error !== null &&
    typeof error === "object" &&
    error.name === "WebhookVerificationError" &&
    typeof error.code === "string" &&
    !(error instanceof WebhookVerificationError)
  ) {
    return new WebhookVerificationError(error.code, error.message, error.provider ?? null);
  }
  return error;
}

function ready() {
  if (wasm === null) throw new Error("smshook: the WebAssembly module is not initialized");
  return wasm;
}

const tag = (value) => Object.prototype.toString.call(value);

/**
 * Normalizes headers to a null-prototype object with lowercase names and string values;
 * repeated names (any case) are joined with ", ". Accepts a Fetch `Headers`, a `Map`, a
 * plain object (own keys only; string, string[] or number values; undefined/null skipped,
 * as in Node's req.headers), or `[name, value][]` entries. A name such as `constructor` or
 * `__proto__` is an ordinary header: on a null-prototype object both are own keys, and
 * JSON.stringify sends them to the core.
 */
export function normalizeHeaders(headers, provider = null) {
  const out = Object.create(null);
  const add = (name, value) => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) {
      if (value.length === 0) return;
      value = value.map(String).join(", ");
    } else if (typeof value === "string") {
      // as is
    } else if (typeof value === "number" || typeof value === "boolean") {
      value = String(value);
    } else {
      throw invalidArgument(`header ${JSON.stringify(String(name))}: value must be a string or string[]`, provider);
    }
    const key = String(name).toLowerCase();
    out[key] = hasOwn(out, key) ? `${out[key]}, ${value}` : value;
  };
  if (headers === undefined || headers === null) {
    throw invalidArgument("headers are required: pass the request's headers (Headers, a plain object or [name, value][] entries)", provider);
  }
  if (typeof headers !== "object") {
    throw invalidArgument("headers must be a Headers object, a plain object or [name, value][] entries", provider);
  }
  if (typeof headers.forEach === "function" && typeof headers.get === "function" && !Array.isArray(headers)) {
    // Fetch Headers (any realm) and Map: forEach(value, name).
    headers.forEach((value, name) => add(name, value));
  } else if (Array.isArray(headers) || typeof headers[Symbol.iterator] === "function") {
    for (const entry of headers) {
      if (!Array.isArray(entry) || entry.length !== 2) {
        throw invalidArgument("header entries must be [name, value] pairs", provider);
      }
      add(entry[0], entry[1]);
    }
  } else {
    for (const name of Object.keys(headers)) add(name, headers[name]);
  }
  return out;
}

const encoder = /* @__PURE__ */ new TextEncoder();

/** The body as the wasm wants it: a string (exact text) or a Uint8Array view. */
function rawBody(body, provider) {
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array) return body; // includes Node's Buffer
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  const t = tag(body);
  if (t === "[object ArrayBuffer]" || t === "[object SharedArrayBuffer]") return new Uint8Array(body);
  if (body === undefined || body === null) {
    throw invalidArgument(`body is required: ${RAW_BODY_ADVICE}`, provider);
  }
  const what = typeof body === "object" ? (t === "[object Object]" ? "a parsed JSON object" : `an object (${t})`) : `a ${typeof body}`;
  throw invalidArgument(`body is ${what}: ${RAW_BODY_ADVICE}`, provider);
}

/**
 * The sign options as the core's JSON: own keys only, without the body; a Date becomes
 * its milliseconds and a URL its text, so that the core, the one place options are
 * validated, refuses anything else by name.
 */
function signOptions(options) {
  if (options === null || typeof options !== "object") {
    throw invalidArgument("sign: options must be an object");
  }
  const provider = requestProvider(options);
  const out = {};
  for (const key of Object.keys(options)) {
    if (key === "body") continue;
    const value = options[key];
    out[key] = value instanceof Date ? value.getTime() : key === "url" ? urlText(value) : value;
  }
  return { out, provider };
}

/** A `URL` (any realm) as its text; anything else as given (the core checks it). */
function urlText(value) {
  return value !== null && typeof value === "object" && typeof value.href === "string" ? value.href : value;
}

/** JSON for the core (non-finite numbers as strings: JSON would make them null). */
function toJson(out, what, provider) {
  try {
    return JSON.stringify(out, (_, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v));
  } catch {
    throw invalidArgument(`${what}: options must be JSON values (strings, numbers, booleans, arrays)`, provider);
  }
}

// ---------------------------------------------------------------- the lean crossing
//
// A delivery crosses into the wasm as its headers packed in one string, its body (bytes
// or text) and three small arguments; options and secrets were read once, when the
// verifier was built. The event comes back without `data` when `data` is the body itself:
// JSON.parse here reads the body once, where a whole-event round trip would copy it
// through the wasm and parse it in both places.

const LOWER_TOKEN = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;

/** Headers as the core's `name\0value\0…` (lowercase, unique names). */
function packHeaders(headers, provider) {
  if (headers !== null && typeof headers === "object" && tag(headers) === "[object Object]" && typeof headers.forEach !== "function") {
    // A plain object with lowercase names and string values (Node's req.headers): the
    // names of one object are already unique.
    const names = Object.keys(headers);
    let out = "";
    let i = 0;
    for (; i < names.length; i++) {
      const name = names[i];
      const value = headers[name];
      if (typeof value !== "string" || !LOWER_TOKEN.test(name) || value.includes("\0")) break;
      out += `${name}\0${value}\0`;
    }
    if (i === names.length) return out;
  }
  const normalized = normalizeHeaders(headers, provider);
  let out = "";
  for (const name of Object.keys(normalized)) {
    const value = normalized[name];
    if (name.includes("\0") || value.includes("\0")) {
      throw invalidArgument(`header ${JSON.stringify(name)}: NUL is not allowed in a header name or value`, provider);
    }
    out += `${name}\0${value}\0`;
  }
  return out;
}

const decoder = /* @__PURE__ */ new TextDecoder();

/** The text of a body the core accepted (so valid UTF-8). */
function bodyText(bytes) {
  const B = globalThis.Buffer;
  if (B !== undefined && B.isBuffer(bytes)) return bytes.toString("utf8");
  // TextDecoder refuses views of a SharedArrayBuffer: copy those.
  return decoder.decode(tag(bytes.buffer) === "[object SharedArrayBuffer]" ? bytes.slice() : bytes);
}

/** A delivery's `now`: -1 when absent (the verifier's clock), else whole milliseconds. */
function nowArg(now, what, provider) {
  if (now === undefined) return -1;
  const ms = now instanceof Date ? now.getTime() : now;
  if (typeof ms !== "number" || !Number.isSafeInteger(ms) || ms < 0) {
    throw invalidArgument(`${what}: now must be a non-negative whole number (ms since the epoch) or a Date`, provider);
  }
  return ms;
}

/** A delivery's `url`: undefined when absent, else its text. */
function urlArg(url, what, provider) {
  if (url === undefined) return undefined;
  const text = urlText(url);
  if (typeof text !== "string") throw invalidArgument(`${what}: url must be a string or a URL`, provider);
  return text;
}

/** Verifies one delivery with a built native verifier; returns the event. */
function verifyWith(native, delivery, provider, what) {
  const headers = packHeaders(own(delivery, "headers"), provider);
  const body = rawBody(own(delivery, "body"), provider);
  const url = urlArg(own(delivery, "url"), what, provider);
  const now = nowArg(own(delivery, "now"), what, provider);
  let head;
  try {
    head = typeof body === "string"
      ? native.verifyText(headers, body, url, now, provider ?? undefined)
      : native.verifyBytes(headers, body, url, now, provider ?? undefined);
  } catch (error) {
    throw rethrow(error);
  }
  const event = JSON.parse(head);
  if (event.data === undefined) event.data = JSON.parse(typeof body === "string" ? body : bodyText(body));
  return event;
}

/** Builds a native verifier, rethrowing its refusal as our error class. */
function buildNative(build) {
  try {
    return build();
  } catch (error) {
    throw rethrow(error);
  }
}

// The one-shot verify keeps the verifiers of the last option sets it saw (secrets are
// decoded and keyed once, not on every delivery). The key holds every option but the
// request's own parts, each with its type and length, so two option sets never share one.
const ONE_SHOT_CACHE = new Map();
const ONE_SHOT_MAX = 32;
const REQUEST_PARTS = new Set(["headers", "body", "url", "now"]);

function keyPart(value) {
  switch (typeof value) {
    case "string": return `s${value.length}:${value}`;
    case "number": case "boolean": return `${(typeof value)[0]}${String(value)}`;
    case "undefined": return "u";
    default:
      try {
        const text = JSON.stringify(value);
        return text === undefined ? null : `j${text.length}:${text}`;
      } catch {
        return null;
      }
  }
}

/**
 * The native verifier of the one-shot `verify`'s options (everything but the request's
 * parts), from the cache or built. `skip` names helper options that are not the core's.
 */
function oneShotNative(options, what, skip = null) {
  const w = ready();
  let key = "";
  for (const name of Object.keys(options)) {
    if (REQUEST_PARTS.has(name) || (skip !== null && skip.has(name))) continue;
    const part = keyPart(options[name]);
    if (part === null) { key = null; break; }
    key += `${name.length}:${name}${part}`;
  }
  const cached = key === null ? undefined : ONE_SHOT_CACHE.get(key);
  if (cached !== undefined) return cached;
  const config = {};
  for (const name of Object.keys(options)) {
    if (REQUEST_PARTS.has(name) || (skip !== null && skip.has(name))) continue;
    config[name] = options[name];
  }
  const native = buildNative(() => w.Verifier.oneShot(toJson(config, what, requestProvider(options))));
  if (key !== null) {
    if (ONE_SHOT_CACHE.size >= ONE_SHOT_MAX) {
      const [oldest, evicted] = ONE_SHOT_CACHE.entries().next().value;
      ONE_SHOT_CACHE.delete(oldest);
      evicted.free();
    }
    ONE_SHOT_CACHE.set(key, native);
  }
  return native;
}

/**
 * Verifies one delivery and returns the normalized event (SPEC section 2).
 * Synchronous; throws WebhookVerificationError.
 */
export function verify(options) {
  if (options === null || typeof options !== "object") throw invalidArgument("verify: options must be an object");
  const provider = requestProvider(options);
  return verifyWith(oneShotNative(options, "verify"), options, provider, "verify");
}

// ---------------------------------------------------------------- createVerifier

const DELIVERY_KEYS = new Set(["headers", "body", "url", "now", "provider"]);
const REQUEST_KEYS = new Set(["url", "provider"]);
const NODE_REQUEST_KEYS = new Set(["url", "provider", "body", "framework"]);
const FRAMEWORKS = new Set(["express", "koa", "fastify", "node"]);

/** Refuses keys a call does not take (a typo must not pass silently). */
function onlyKeys(object, allowed, what) {
  for (const key of Object.keys(object)) {
    if (!allowed.has(key)) {
      throw invalidArgument(`${what}: unknown option ${JSON.stringify(key)} (allowed: ${[...allowed].join(", ")})`, requestProvider(object));
    }
  }
}

/** A `publicUrl` option as its text without trailing slashes, checked. */
function publicUrlOption(value, what) {
  if (value === undefined) return undefined;
  const base = urlText(value);
  if (typeof base !== "string" || !/^https?:\/\/[^/?#]+/i.test(base)) {
    throw invalidArgument(`${what}: publicUrl must be an absolute http(s) URL such as "https://hooks.example.com"`);
  }
  return base.replace(/\/+$/, "");
}

/**
 * A verifier built once from `{ secrets: { <provider id>: secret or [secrets], … },
 * …options }`: options and secrets are checked and decoded here, so a typo throws at
 * construction. Its `verify`, `verifyRequest` and `verifyNodeRequest` accept deliveries of
 * the configured providers only (detection among them).
 */
export class Verifier {
  #native;
  #providers;
  #publicUrl;
  #trustProxy;
  #limit;

  /** Use `createVerifier(options)`. @internal */
  constructor(options) {
    const w = ready();
    if (options === null || typeof options !== "object") {
      throw invalidArgument("createVerifier: options must be an object such as { secrets: { textbee: \"…\" } }");
    }
    const config = {};
    for (const key of Object.keys(options)) {
      if (key === "publicUrl" || key === "trustProxy") continue;
      const value = options[key];
      config[key] = value instanceof Date ? value.getTime() : value;
    }
    const secrets = own(options, "secrets");
    if (secrets !== null && typeof secrets === "object") {
      const known = providerList.map((p) => p.id);
      for (const id of Object.keys(secrets)) {
        if (!known.includes(id)) {
          throw new WebhookVerificationError("unknown_provider", `createVerifier: secrets names an unknown provider ${JSON.stringify(id)} (known: ${known.join(", ")})`);
        }
      }
    }
    this.#publicUrl = publicUrlOption(own(options, "publicUrl"), "createVerifier");
    const trust = own(options, "trustProxy");
    if (trust !== undefined && typeof trust !== "boolean") throw invalidArgument("createVerifier: trustProxy must be a boolean");
    this.#trustProxy = trust === true;
    this.#native = buildNative(() => new w.Verifier(toJson(config, "createVerifier", null)));
    this.#providers = Object.freeze(this.#native.providers().split(","));
    this.#limit = bodyLimit(options, "createVerifier", null);
  }

  /** The providers this verifier accepts, in registry order. */
  get providers() {
    return this.#providers;
  }

  #provider(given, what) {
    if (given === undefined) return null;
    if (typeof given !== "string") throw invalidArgument(`${what}: provider must be a string`);
    if (!this.#providers.includes(given)) {
      const known = providerList.some((p) => p.id === given);
      throw new WebhookVerificationError(
        "unknown_provider",
        known
          ? `${what}: ${given} is not configured in this verifier (configured: ${this.#providers.join(", ")})`
          : `${what}: unknown provider ${JSON.stringify(given)}`,
      );
    }
    return given;
  }

  /** Verifies one delivery `{ headers, body, url?, now?, provider? }`; synchronous. */
  verify(delivery) {
    if (delivery === null || typeof delivery !== "object") throw invalidArgument("verify: pass { headers, body }");
    onlyKeys(delivery, DELIVERY_KEYS, "verify");
    const provider = this.#provider(own(delivery, "provider"), "verify");
    return verifyWith(this.#native, delivery, provider, "verify");
  }

  /** Fetch API: reads `request.body` (at most `maxBodyBytes`) and verifies it. */
  async verifyRequest(request, options = {}) {
    if (options === null || typeof options !== "object") throw invalidArgument("verifyRequest: options must be an object");
    onlyKeys(options, REQUEST_KEYS, "verifyRequest");
    const provider = this.#provider(own(options, "provider"), "verifyRequest");
    const url = urlArg(own(options, "url"), "verifyRequest", provider);
    const read = await readRequest(request, this.#limit, provider,
      (h) => provider ?? detectAmong(h, this.#providers), url, this.#publicUrl);
    const delivery = { headers: read.headers, body: read.body };
    if (read.url !== undefined) delivery.url = read.url;
    if (provider !== null) delivery.provider = provider;
    return this.verify(delivery);
  }

  /**
   * Node (http, Express, Koa's `ctx.req`, Fastify's `request.raw`): reads the raw body
   * itself, or takes `body` when the framework collected it; the URL from `url`, else
   * `publicUrl` + the path, else (with `trustProxy`) the forwarded headers.
   */
  async verifyNodeRequest(req, options = {}) {
    if (options === null || typeof options !== "object") throw invalidArgument("verifyNodeRequest: options must be an object");
    onlyKeys(options, NODE_REQUEST_KEYS, "verifyNodeRequest");
    const provider = this.#provider(own(options, "provider"), "verifyNodeRequest");
    const framework = own(options, "framework") ?? "node";
    if (!FRAMEWORKS.has(framework)) throw invalidArgument(`verifyNodeRequest: framework must be one of ${[...FRAMEWORKS].join(", ")}`);
    if (req === null || typeof req !== "object" || typeof req.on !== "function" || typeof req.headers !== "object") {
      throw invalidArgument("verifyNodeRequest: pass a Node http.IncomingMessage (Express req, Koa ctx.req, Fastify request.raw)", provider);
    }
    const given = own(options, "body");
    let body;
    if (given !== undefined) {
      body = given;
      const size = typeof body === "string" ? encoder.encode(body).byteLength : body?.byteLength;
      if (typeof size === "number" && size > this.#limit) throw tooLarge(this.#limit, provider);
    } else {
      body = await readNodeBody(req, this.#limit, provider, framework);
    }
    const url = nodeRequestUrl(req, { url: own(options, "url"), publicUrl: this.#publicUrl, trustProxy: this.#trustProxy }, "verifyNodeRequest", provider);
    const delivery = { headers: req.headers, body };
    if (url !== undefined) delivery.url = url;
    if (provider !== null) delivery.provider = provider;
    return this.verify(delivery);
  }
}

/** Detection among some providers (for naming the provider of a refusal while reading). */
function detectAmong(headers, providers) {
  const id = detect(headers);
  return id !== null && providers.includes(id) ? id : null;
}

/**
 * Builds a verifier once: `createVerifier({ secrets: { textbee: "…", zuc: ["new", "old"] },
 * toleranceSeconds: 300, publicUrl: "https://hooks.example.com" })`. Throws
 * WebhookVerificationError at once for a typo, an unknown provider or a bad secret.
 */
export function createVerifier(options) {
  return new Verifier(options);
}

/**
 * Signs a body exactly as the provider would: `{ headers, body }` (the body as given),
 * ready for `fetch(url, { method: "POST", headers, body })`; for providers that sign the
 * request URL (Twilio, Plivo) also `url`, the URL to post to (a Twilio JSON body adds
 * `bodySHA256` to the one given).
 */
export function sign(options) {
  const w = ready();
  const { out, provider } = signOptions(options);
  const body = rawBody(own(options, "body"), provider);
  const bytes = typeof body === "string" ? encoder.encode(body) : body;
  let json;
  try {
    json = w.signBytes(toJson(out, "sign", provider), bytes);
  } catch (error) {
    throw rethrow(error);
  }
  const signed = JSON.parse(json);
  const request = { headers: signed.headers, body: own(options, "body") };
  if (signed.url !== undefined) request.url = signed.url;
  return request;
}

/** The provider id these headers come from, or null. */
export function detect(headers) {
  const w = ready();
  const id = w.detect(packHeaders(headers, null));
  return id === undefined || id === null ? null : id;
}

function withoutRequestParts(options, what) {
  if (options === null || typeof options !== "object") {
    throw invalidArgument(`${what}: options must be an object`);
  }
  if (hasOwn(options, "headers") || hasOwn(options, "body")) {
    throw invalidArgument(`${what}: headers and body come from the request; do not pass them`, requestProvider(options));
  }
  return options;
}

/** The provider option as errors name it (null when absent or not a string). */
function requestProvider(options) {
  const provider = own(options, "provider");
  return typeof provider === "string" ? provider : null;
}

/** The largest body a helper reads: `maxBodyBytes`, checked before any byte is read. */
const DEFAULT_MAX_BODY_BYTES = 1048576;
function bodyLimit(options, what, provider) {
  const limit = own(options, "maxBodyBytes");
  if (limit === undefined || limit === null) return DEFAULT_MAX_BODY_BYTES;
  if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 0) {
    throw invalidArgument(`${what}: maxBodyBytes must be a non-negative whole number`, provider);
  }
  return limit;
}

/** Cancels a stream or reader without waiting (a hostile or stuck source may never settle). */
function cancelQuietly(target, reason) {
  try {
    const done = target.cancel(reason);
    if (done && typeof done.catch === "function") done.catch(() => {});
  } catch {
    // already errored, locked, or not cancellable: nothing more to stop
  }
}

function tooLarge(limit, provider) {
  return new WebhookVerificationError("body_too_large", `body exceeds ${limit} bytes`, provider);
}

/**
 * Reads a Fetch body stream (a ReadableStream of bytes, or null for no body) with a byte
 * counter: at limit + 1 bytes it cancels the stream and throws body_too_large, so an
 * oversized or endless body is never read to its end. A declared Content-Length over the
 * limit is refused before the first read.
 */
async function readFetchBody(stream, headers, limit, provider) {
  const declared = headers["content-length"];
  if (declared !== undefined && /^[0-9]+$/.test(declared.trim()) && Number(declared.trim()) > limit) {
    if (stream !== null) cancelQuietly(stream); // never read; let the runtime drop it
    throw tooLarge(limit, provider);
  }
  if (stream === null) return new Uint8Array(0);
  let reader;
  try {
    reader = stream.getReader();
  } catch {
    throw invalidArgument(
      "verifyRequest: the request body stream is locked (something else is reading it); " +
        "call verifyRequest(request) before anything reads the body, or pass request.clone()",
      provider,
    );
  }
  const chunks = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      let chunk = value;
      if (!(chunk instanceof Uint8Array)) {
        if (ArrayBuffer.isView(chunk)) chunk = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        else if (tag(chunk) === "[object ArrayBuffer]") chunk = new Uint8Array(chunk);
        else throw invalidArgument("verifyRequest: the request body stream must yield bytes (Uint8Array chunks)", provider);
      }
      size += chunk.byteLength;
      if (size > limit) throw tooLarge(limit, provider);
      chunks.push(chunk);
    }
  } catch (error) {
    cancelQuietly(reader, error); // stop the producer
    throw error;
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.byteLength; }
  return out;
}

/**
 * Reads a Fetch API request for verification: its headers, its body (a byte counter stops
 * at `limit`) and the URL the provider requested (`url` when given; else `request.url`,
 * its origin replaced by `publicUrl` when given). `name(headers)` names the provider of a
 * refusal while reading.
 */
async function readRequest(request, limit, provider, name, url, publicUrl) {
  const stream = request !== null && typeof request === "object" ? request.body : undefined;
  const isStream = stream === null || (typeof stream === "object" && typeof stream.getReader === "function");
  if (!isStream || request.headers === undefined || request.headers === null) {
    throw invalidArgument("verifyRequest: pass a Fetch API Request (in Hono: c.req.raw)", provider);
  }
  if (request.bodyUsed) {
    throw invalidArgument(
      "verifyRequest: the request body was already read (request.json() or request.text() " +
        "ran first); call verifyRequest(request) before anything reads the body, or pass " +
        "request.clone()",
      provider,
    );
  }
  const headers = normalizeHeaders(request.headers, provider);
  const body = await readFetchBody(stream, headers, limit, name(headers));
  if (url === undefined && typeof request.url === "string" && request.url !== "") {
    url = request.url;
    if (publicUrl !== undefined) {
      const path = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(.*)$/i.exec(url);
      if (path !== null) url = publicUrl + path[1];
    }
  }
  return { headers, body, url };
}

/** The options of the root helpers that are theirs, not the core's. */
const HELPER_OPTIONS = new Set(["publicUrl", "trustProxy", "onError"]);

/**
 * Checks a root helper's options before a byte is read (a typo must not cost a body
 * read): the core reads them all when the verifier is built.
 */
function checkHelperOptions(options, what, provider) {
  oneShotNative(options, what, HELPER_OPTIONS);
  nowArg(own(options, "now"), what, provider);
  urlArg(own(options, "url"), what, provider);
  return publicUrlOption(own(options, "publicUrl"), what);
}

/** Verifies what a root helper read, with the one-shot verifier of its options. */
function verifyRead(options, read, what, provider) {
  // Looked up again after the read: the cache may have moved on meanwhile.
  const native = oneShotNative(options, what, HELPER_OPTIONS);
  const delivery = { headers: read.headers, body: read.body, now: own(options, "now") };
  if (read.url !== undefined) delivery.url = read.url;
  return verifyWith(native, delivery, provider, "verify");
}

/**
 * Fetch API helper (Workers, Hono `c.req.raw`, Next.js route handlers, Deno, Bun):
 * reads the request's raw body stream, at most `maxBodyBytes` (default 1 MiB) of it, and
 * verifies it. Resolves to the event.
 */
export async function verifyRequest(request, options) {
  withoutRequestParts(options, "verifyRequest");
  const provider = requestProvider(options);
  const publicUrl = checkHelperOptions(options, "verifyRequest", provider);
  const limit = bodyLimit(options, "verifyRequest", provider);
  const read = await readRequest(request, limit, provider, (h) => provider ?? detect(h), urlArg(own(options, "url"), "verifyRequest", provider), publicUrl);
  return verifyRead(options, read, "verifyRequest", provider);
}

/** Where the raw body went, by framework: what the user should change. */
const CONSUMED_ADVICE = {
  express:
    "the request body was already consumed by a body parser (express.json() or similar " +
    "ran first): smshook needs the exact raw bytes. Mount smshook/express's webhook() (or " +
    "express.raw({ type: \"*/*\" })) on the webhook route before express.json(): register " +
    "the route before app.use(express.json())",
  koa:
    "the request body was already consumed by a body parser (koa-bodyparser or " +
    "@koa/bodyparser ran first): smshook needs the exact raw bytes. Put smshook/koa's " +
    "middleware before the body parser, or skip the parser on the webhook route",
  fastify:
    "Fastify already parsed the body: register smshook/fastify in the webhook route's " +
    "scope (its raw-body parser replaces the JSON one there), or pass the raw bytes as body",
  node:
    "the request body stream was already read: call verifyNodeRequest(req) before " +
    "anything reads the body (a JSON body parser, req.on(\"data\")), or pass the raw bytes",
};

/** Reads a Node IncomingMessage's raw body (or takes it from express.raw). */
function readNodeBody(req, limit, provider, framework = "express") {
  // An Express request passed to the generic helper gets Express's advice.
  const express = framework === "node" && typeof req.get === "function" && typeof req.originalUrl === "string";
  const advice = CONSUMED_ADVICE[express ? "express" : framework] ?? CONSUMED_ADVICE.node;
  const body = req.body;
  if (body !== undefined && body !== null) {
    if (body instanceof Uint8Array || typeof body === "string") return Promise.resolve(body);
    const consumed = req._body === true || req.readableEnded === true || req.complete === true && req.readable === false;
    const emptyDefault = typeof body === "object" && tag(body) === "[object Object]" && Object.keys(body).length === 0;
    // Express 4's body parsers set req.body = {} even when they skip a request: only then
    // (stream untouched) is it safe to read the stream ourselves.
    if (consumed || !emptyDefault) {
      return Promise.reject(invalidArgument(`req.body is already a parsed ${tag(body) === "[object Object]" ? "object" : "value"}; ${advice}`, provider));
    }
  }
  if (req.readableEnded === true || req._body === true) {
    return Promise.reject(invalidArgument(
      `no raw body is available: ${advice}`, provider));
  }
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    let done = false;
    const finish = (error, value) => {
      if (done) return;
      done = true;
      req.removeListener("data", onData);
      req.removeListener("end", onEnd);
      req.removeListener("error", onError);
      req.removeListener("aborted", onAborted);
      if (error) reject(error); else resolve(value);
    };
    const onData = (chunk) => {
      if (typeof chunk === "string") chunk = encoder.encode(chunk);
      size += chunk.length;
      if (size > limit) {
        req.pause();
        finish(new WebhookVerificationError("body_too_large", `body exceeds ${limit} bytes`, provider));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      const out = new Uint8Array(size);
      let at = 0;
      for (const c of chunks) { out.set(c, at); at += c.length; }
      finish(null, out);
    };
    const onError = (error) => finish(error);
    const onAborted = () => finish(invalidArgument("the request was aborted before its body ended", provider));
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("aborted", onAborted);
    if (typeof req.resume === "function") req.resume();
  });
}

/**
 * The URL a Node request was made to, for providers that sign it: `url` when given; else
 * `publicUrl` (the public origin, e.g. "https://hooks.example.com") plus the request's
 * path and query; else, only with `trustProxy: true`, rebuilt from `X-Forwarded-Proto`,
 * `X-Forwarded-Host` (or `Host`). Without any of them, none (the core then says that the
 * provider signs the URL).
 */
function nodeRequestUrl(req, options, what, provider) {
  const given = own(options, "url");
  if (given !== undefined) return urlText(given);
  const path = typeof req.originalUrl === "string" ? req.originalUrl : req.url;
  const publicUrl = own(options, "publicUrl");
  if (publicUrl !== undefined) {
    const base = urlText(publicUrl);
    if (typeof base !== "string" || !/^https?:\/\/[^/?#]+/i.test(base)) {
      throw invalidArgument(`${what}: publicUrl must be an absolute http(s) URL such as "https://hooks.example.com"`, provider);
    }
    return base.replace(/\/+$/, "") + path;
  }
  const trust = own(options, "trustProxy");
  if (trust !== undefined && typeof trust !== "boolean") throw invalidArgument(`${what}: trustProxy must be a boolean`, provider);
  if (trust !== true) return undefined;
  const first = (name) => {
    const value = req.headers[name];
    const text = Array.isArray(value) ? value[0] : value;
    return typeof text === "string" ? text.split(",")[0].trim() : undefined;
  };
  const proto = first("x-forwarded-proto") ?? (req.socket && req.socket.encrypted ? "https" : "http");
  const host = first("x-forwarded-host") ?? first("host");
  return host === undefined ? undefined : `${proto}://${host}${path}`;
}

/** A Node http.IncomingMessage, as far as the helpers use one. */
function isNodeRequest(req) {
  return req !== null && typeof req === "object" && typeof req.on === "function" && typeof req.headers === "object";
}

/** What a root Node helper read: the headers, the body and the URL. */
function nodeRead(req, options, body, what, provider) {
  return { headers: req.headers, body, url: nodeRequestUrl(req, options, what, provider) };
}

/**
 * Node helper (http, Express, Fastify's `request.raw`, Koa's `ctx.req`): reads the raw
 * body stream itself and verifies it. Resolves to the event. Throws invalid_argument,
 * naming the fix, when a JSON body parser consumed the body first.
 */
export async function verifyNodeRequest(req, options) {
  withoutRequestParts(options, "verifyNodeRequest");
  const provider = requestProvider(options);
  if (!isNodeRequest(req)) {
    throw invalidArgument("verifyNodeRequest: pass a Node http.IncomingMessage (Express req)", provider);
  }
  checkHelperOptions(options, "verifyNodeRequest", provider);
  const limit = bodyLimit(options, "verifyNodeRequest", provider);
  const body = await readNodeBody(req, limit, provider, "node");
  return verifyRead(options, nodeRead(req, options, body, "verifyNodeRequest", provider), "verifyNodeRequest", provider);
}

/**
 * Express middleware: verifies the delivery, then sets `req.webhook` (the event) and
 * `req.rawBody` (the bytes, a Buffer when available) and calls next(). A refused delivery
 * is answered with `err.status` and `{"error": code}` (onError(err, req, res, next)
 * overrides that). A misconfiguration (invalid_argument, e.g. express.json() ran first)
 * goes to next(err) so that it fails loudly.
 */
export function expressWebhook(options) {
  const verifyOptions = { ...withoutRequestParts(options, "expressWebhook") };
  const onError = own(options, "onError");
  delete verifyOptions.onError;
  const provider = requestProvider(verifyOptions);
  checkHelperOptions(verifyOptions, "expressWebhook", provider); // fail at startup on typos
  if (own(verifyOptions, "secret") === undefined) throw invalidArgument("expressWebhook: secret is required", provider);
  if (onError !== undefined && typeof onError !== "function") throw invalidArgument("expressWebhook: onError must be a function");
  const limit = bodyLimit(verifyOptions, "expressWebhook", provider);
  return function smshookWebhook(req, res, next) {
    readNodeBody(req, limit, provider, "express")
      .then((body) => {
        const read = nodeRead(req, verifyOptions, body, "expressWebhook", provider);
        const event = verifyRead(verifyOptions, read, "expressWebhook", provider);
        req.webhook = event;
        const B = globalThis.Buffer;
        req.rawBody = B && body instanceof Uint8Array && !B.isBuffer(body)
          ? B.from(body.buffer, body.byteOffset, body.byteLength)
          : body;
        next();
      })
      .catch((error) => {
        if (!(error instanceof WebhookVerificationError) || error.code === "invalid_argument" || error.code === "invalid_secret") {
          next(error);
        } else if (typeof onError === "function") {
          onError(error, req, res, next);
        } else {
          res.statusCode = error.status;
          res.setHeader("content-type", "application/json");
          res.end(JSON.stringify({ error: error.code }));
        }
      });
  };
}
