// smshook capture parser: HAR captures (JSON, as the browsers' devtools and proxies export):
// a HAR file (its first POST), one entry, or one request object. No Node or DOM APIs.

import { CaptureError } from "./error.js";
import { addHeader, hasOwn, locate, put } from "./headers.js";

/** Base64 (standard or URL-safe) to bytes; CaptureError when it is not base64. */
function base64Bytes(text) {
  const clean = text.replace(/\s+/g, "").replace(/-/g, "+").replace(/_/g, "/");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) throw new CaptureError("HAR postData.text is marked base64 but is not base64");
  const binary = atob(clean.padEnd(Math.ceil(clean.length / 4) * 4, "="));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A HAR file (the first POST entry), a HAR entry, or a HAR request object. */
export function parseHar(text) {
  let json;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CaptureError(`the capture starts like JSON (a HAR file) but is not valid JSON: ${error.message}`);
  }
  return harEntry(json);
}

/** A parsed HAR file, entry or request object as a capture (see parseCapture). */
export function harEntry(json) {
  const notes = [];
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw new CaptureError("a HAR capture must be a JSON object: a HAR file ({ log: { entries } }) or one entry ({ request })");
  }
  let request;
  if (json.log !== undefined) {
    const entries = Array.isArray(json.log?.entries) ? json.log.entries : null;
    if (entries === null) throw new CaptureError("the HAR file has no log.entries array");
    const entry = entries.find((e) => typeof e?.request?.method === "string" && e.request.method.toUpperCase() === "POST");
    if (entry === undefined) throw new CaptureError(`the HAR file has no POST request (${entries.length} entries): webhooks are POSTs; export the HAR with the delivery in it`);
    if (entries.length > 1) notes.push(`took the first POST of the HAR file's ${entries.length} entries (${entry.request.url})`);
    request = entry.request;
  } else if (json.request !== undefined) {
    request = json.request;
  } else if (typeof json.method === "string" && typeof json.url === "string") {
    request = json;
  } else {
    throw new CaptureError("not a HAR capture: expected { log: { entries } }, an entry { request }, or a request { method, url, headers }");
  }
  if (request === null || typeof request !== "object" || typeof request.url !== "string") {
    throw new CaptureError("the HAR request has no url");
  }
  const headers = {};
  let authority;
  for (const h of Array.isArray(request.headers) ? request.headers : []) {
    if (typeof h?.name !== "string" || typeof h?.value !== "string") continue;
    if (h.name.startsWith(":")) {
      if (h.name.toLowerCase() === ":authority") authority = h.value;
      continue;
    }
    addHeader(headers, h.name, h.value);
  }
  if (authority !== undefined && !hasOwn(headers, "host")) put(headers, "host", authority);
  const post = request.postData;
  let body = null;
  if (post !== undefined && post !== null && typeof post.text === "string") {
    body = post.encoding === "base64" ? base64Bytes(post.text) : post.text;
  } else if (post !== undefined && post !== null && Array.isArray(post.params)) {
    notes.push("the HAR entry has postData.params but no postData.text: the exact body is not in it");
  } else {
    notes.push("the HAR entry has no postData: it holds no request body");
  }
  const method = typeof request.method === "string" ? request.method.toUpperCase() : "POST";
  return { format: "har", method, ...locate(request.url, headers), headers, body, notes };
}
