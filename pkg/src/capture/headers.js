// smshook capture parser: header lines and request targets. Reads `Name: value` lines into
// a headers object (lowercase names, repeated headers joined with ", ") and turns a request
// target and its Host header into `{ url, path }`. No Node or DOM APIs.

import { CaptureError } from "./error.js";

/** An HTTP/1.x request line: method, target, version. */
export const REQUEST_LINE = /^([A-Za-z]+)[ \t]+(\S+)[ \t]+HTTP\/(\d(?:\.\d)?)[ \t]*$/;

/** Whether `object` has `key` as an own property. */
export const hasOwn = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

/** Sets an own property (a header named `__proto__` is an ordinary header). */
export function put(headers, key, value) {
  Object.defineProperty(headers, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Adds one header (lowercase name; repeated headers joined with ", "). */
export function addHeader(headers, name, value) {
  const key = name.trim().toLowerCase();
  if (key === "") return;
  const text = value.trim();
  put(headers, key, hasOwn(headers, key) ? `${headers[key]}, ${text}` : text);
}

/** The first of a comma-separated header's values, trimmed (undefined when absent). */
export function first(headers, name) {
  return hasOwn(headers, name) ? headers[name].split(",")[0].trim() : undefined;
}

/**
 * Parses `Name: value` lines (one header per line; blank lines skipped; a line starting
 * with a space or tab continues the previous header; curl's `> ` prefix and a leading
 * request line are tolerated; HTTP/2 pseudo-headers are dropped, `:authority` becoming
 * `host` when there is none). Returns a plain object (own keys only) with lowercase names,
 * repeated headers joined with ", ". Throws CaptureError naming the first bad line.
 */
export function parseHeaderLines(text) {
  if (typeof text !== "string") throw new CaptureError("headers must be text: one \"Name: value\" per line");
  const headers = {};
  let authority;
  let last = null;
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i].replace(/\r$/, "");
    if (line.startsWith("> ")) line = line.slice(2);
    if (line.trim() === "") { last = null; continue; }
    if (/^[ \t]/.test(line) && last !== null) {
      put(headers, last, `${headers[last]} ${line.trim()}`);
      continue;
    }
    if (i === 0 || Object.keys(headers).length === 0) {
      if (REQUEST_LINE.test(line.trim())) continue;
    }
    const pseudo = line.startsWith(":");
    const colon = line.indexOf(":", pseudo ? 1 : 0);
    const name = colon > 0 ? line.slice(0, colon).trim() : "";
    if (colon <= 0 || name === "" || /\s/.test(name)) {
      throw new CaptureError(`header line ${i + 1} is not "Name: value": ${JSON.stringify(line.slice(0, 80))}`);
    }
    if (pseudo) {
      if (name.toLowerCase() === ":authority") authority = line.slice(colon + 1).trim();
      last = null;
      continue;
    }
    addHeader(headers, name, line.slice(colon + 1));
    last = name.toLowerCase();
  }
  if (authority !== undefined && !hasOwn(headers, "host")) put(headers, "host", authority);
  return headers;
}

/** `{ url, path }` for a request target and the headers (absolute from Host when known). */
export function locate(target, headers) {
  const absolute = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^#]*)/i.exec(target);
  if (absolute !== null) {
    const rest = absolute[3] === "" ? "/" : absolute[3];
    return { url: target, path: rest.startsWith("/") ? rest : `/${rest}` };
  }
  const host = first(headers, "host");
  if (host === undefined || host === "") return { url: target, path: target };
  const scheme = (first(headers, "x-forwarded-proto") || (isLoopback(host) ? "http" : "https")).toLowerCase();
  return { url: `${scheme}://${host}${target.startsWith("/") ? target : `/${target}`}`, path: target };
}

/** Whether a Host header names this machine (localhost, 127.x.x.x, [::1]; any port). */
function isLoopback(host) {
  const name = host.toLowerCase().replace(/:\d*$/, "");
  return name === "localhost" || name === "[::1]" || /^127(?:\.\d{1,3}){3}$/.test(name);
}
