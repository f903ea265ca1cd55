// smshook: the hand-written JavaScript layer over the WebAssembly core.
//
// Runtime-neutral: no imports, no Node or DOM APIs at the top level. Each entry point
// (node.cjs, node.mjs, web.js, workerd.js) instantiates the wasm its own way and hands the
// wasm-bindgen exports to `bindWasm`. build.sh derives dist/core.cjs from this file, so it
// must keep to top-level `export function|class|const` declarations and no imports.

let wasm = null;
let providerList = null;

/** Called once by the entry point with the wasm-bindgen exports. @internal */
export function bindWasm(exports) {
  wasm = exports;
  providerList = Object.freeze(
    JSON.parse(exports.providers()).map((p) => Object.freeze(p)),
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
 * The options as the core's JSON: own keys only, without the body (and the headers, which
 * verify normalizes itself); a Date becomes its milliseconds and a non-finite number a
 * string, so that the core, the one place options are validated, refuses it by name.
 */
function wasmOptions(options, what) {
  if (options === null || typeof options !== "object") {
    throw invalidArgument(`${what}: options must be an object`);
  }
  const provider = requestProvider(options);
  const out = {};
  for (const key of Object.keys(options)) {
    if (key === "body" || (key === "headers" && what !== "sign")) continue;
    // The helpers' own options (they build `url` from them); verify and sign refuse them.
    if ((key === "publicUrl" || key === "trustProxy") && what !== "verify" && what !== "sign") continue;
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

/**
 * Has the core check verify options without a delivery (startup and pre-read checks): it
 * reads every option before it looks at a delivery, so verifying an empty one fails on
 * the options when they are wrong and on the signature when they are not.
 */
const OPTION_CODES = new Set(["invalid_argument", "invalid_secret", "unknown_provider"]);
function checkVerifyOptions(options, what) {
  const w = ready();
  const { out, provider } = wasmOptions(options, what);
  // The URL comes with each request: a placeholder lets URL-signing providers get as far
  // as the signature.
  if (out.url === undefined) out.url = "https://smshook.invalid/";
  try {
    w.verifyText(toJson(out, what, provider), "");
  } catch (error) {
    const refused = rethrow(error);
    if (!(refused instanceof WebhookVerificationError) || OPTION_CODES.has(refused.code)) throw refused;
  }
}

/**
 * Verifies one delivery and returns the normalized event (SPEC section 2).
 * Synchronous; throws WebhookVerificationError.
 */
export function verify(options) {
  const w = ready();
  const { out, provider } = wasmOptions(options, "verify");
  out.headers = normalizeHeaders(own(options, "headers"), provider);
  const body = rawBody(own(options, "body"), provider);
  let json;
  try {
    const text = toJson(out, "verify", provider);
    json = typeof body === "string" ? w.verifyText(text, body) : w.verifyBytes(text, body);
  } catch (error) {
    throw rethrow(error);
  }
  return JSON.parse(json);
}

/**
 * Signs a body exactly as the provider would: `{ headers, body }` (the body as given),
 * ready for `fetch(url, { method: "POST", headers, body })`; for providers that sign the
 * request URL (Twilio, Plivo) also `url`, the URL to post to (a Twilio JSON body adds
 * `bodySHA256` to the one given).
 */
export function sign(options) {
  const w = ready();
  const { out, provider } = wasmOptions(options, "sign");
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
  const id = w.detect(JSON.stringify(normalizeHeaders(headers)));
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
 * Fetch API helper (Workers, Hono `c.req.raw`, Next.js route handlers, Deno, Bun):
 * reads the request's raw body stream, at most `maxBodyBytes` (default 1 MiB) of it, and
 * verifies it. Resolves to the event.
 */
export async function verifyRequest(request, options) {
  withoutRequestParts(options, "verifyRequest");
  const provider = requestProvider(options);
  // Every option is checked before a byte is read (a typo must not cost a body read).
  checkVerifyOptions(options, "verifyRequest");
  const limit = bodyLimit(options, "verifyRequest", provider);
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
  // Refusals while reading name the provider as verify's would: given, else detected.
  const named = provider ?? detect(headers);
  const body = await readFetchBody(stream, headers, limit, named);
  // The URL the provider requested: the caller's; else the request's own, its origin
  // replaced by `publicUrl` when given (behind a proxy that rewrites the host).
  let url = own(options, "url");
  if (url === undefined && typeof request.url === "string" && request.url !== "") {
    url = request.url;
    const publicUrl = own(options, "publicUrl");
    if (publicUrl !== undefined) {
      const base = urlText(publicUrl);
      const path = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(.*)$/i.exec(url);
      if (typeof base !== "string" || !/^https?:\/\/[^/?#]+/i.test(base) || path === null) {
        throw invalidArgument(`verifyRequest: publicUrl must be an absolute http(s) URL such as "https://hooks.example.com"`, provider);
      }
      url = base.replace(/\/+$/, "") + path[1];
    }
  }
  const delivery = { ...options, headers, body };
  delete delivery.publicUrl;
  delete delivery.trustProxy;
  if (url !== undefined) delivery.url = url;
  return verify(delivery);
}

const CONSUMED_ADVICE =
  "the request body was already consumed by a body parser (req.body is a parsed " +
  "object): smshook needs the exact raw bytes. Mount express.raw({ type: \"*/*\" }) or " +
  "smshook's expressWebhook() on the webhook route before express.json() " +
  "(e.g. app.post(\"/webhooks\", expressWebhook({...}), handler) registered before " +
  "app.use(express.json()))";

/** Reads a Node IncomingMessage's raw body (or takes it from express.raw). */
function readNodeBody(req, limit, provider) {
  const body = req.body;
  if (body !== undefined && body !== null) {
    if (body instanceof Uint8Array || typeof body === "string") return Promise.resolve(body);
    const consumed = req._body === true || req.readableEnded === true || req.complete === true && req.readable === false;
    const emptyDefault = typeof body === "object" && tag(body) === "[object Object]" && Object.keys(body).length === 0;
    // Express 4's body parsers set req.body = {} even when they skip a request: only then
    // (stream untouched) is it safe to read the stream ourselves.
    if (consumed || !emptyDefault) return Promise.reject(invalidArgument(CONSUMED_ADVICE, provider));
  }
  if (req.readableEnded === true || req._body === true) {
    return Promise.reject(invalidArgument(
      "the request stream was already read and no raw body is available: " + CONSUMED_ADVICE, provider));
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

/** The verify options of a Node delivery: the caller's, the headers, the body, the URL. */
function nodeDelivery(req, options, body, what, provider) {
  const url = nodeRequestUrl(req, options, what, provider);
  const delivery = { ...options, headers: req.headers, body };
  delete delivery.publicUrl;
  delete delivery.trustProxy;
  if (url !== undefined) delivery.url = url;
  return delivery;
}

/**
 * Node helper (http, Express, Fastify's `request.raw`, Koa's `ctx.req`): reads the raw
 * body stream itself and verifies it. Resolves to the event. Throws invalid_argument,
 * naming the fix, when a JSON body parser consumed the body first.
 */
export async function verifyNodeRequest(req, options) {
  withoutRequestParts(options, "verifyNodeRequest");
  const provider = requestProvider(options);
  if (req === null || typeof req !== "object" || typeof req.on !== "function" || typeof req.headers !== "object") {
    throw invalidArgument("verifyNodeRequest: pass a Node http.IncomingMessage (Express req)", provider);
  }
  const limit = bodyLimit(options, "verifyNodeRequest", provider);
  const body = await readNodeBody(req, limit, provider);
  return verify(nodeDelivery(req, options, body, "verifyNodeRequest", provider));
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
  checkVerifyOptions(verifyOptions, "expressWebhook"); // fail at startup on typos
  if (own(verifyOptions, "secret") === undefined) throw invalidArgument("expressWebhook: secret is required", provider);
  if (onError !== undefined && typeof onError !== "function") throw invalidArgument("expressWebhook: onError must be a function");
  const limit = bodyLimit(verifyOptions, "expressWebhook", provider);
  return function smshookWebhook(req, res, next) {
    readNodeBody(req, limit, provider)
      .then((body) => {
        const event = verify(nodeDelivery(req, verifyOptions, body, "expressWebhook", provider));
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
