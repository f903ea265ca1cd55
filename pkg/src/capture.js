// smshook capture parser: turns a captured webhook request into { method, url, path,
// headers, body } for verify(). Three formats: a raw HTTP request (as printed by `nc -l`
// or saved to a file), `curl -v` / `curl --trace-ascii` / `curl --trace` output, and a HAR
// file or HAR entry (JSON, as the browsers' devtools and proxies export). Each format has
// its module in ./capture/; this entry tells them apart. No Node or DOM APIs: the same
// files run in the CLI and in the playground.

import { REQUEST_LINE } from "./capture/headers.js";
import { latin1 } from "./capture/bytes.js";
import { parseHttp } from "./capture/http.js";
import { TRACE_HEAD, parseCurl } from "./capture/curl.js";
import { harEntry, parseHar } from "./capture/har.js";
import { CaptureError } from "./capture/error.js";

export { CaptureError };
export { parseHeaderLines } from "./capture/headers.js";

/**
 * Parses a captured request: raw HTTP (as printed by `nc -l`; CRLF or LF line endings),
 * `curl -v` output (the `> ` lines), `curl --trace-ascii` / `--trace` output, or a HAR
 * file / HAR entry (JSON text, or an already parsed entry object). The capture is a string
 * or bytes (Uint8Array, Buffer): give a file's bytes to keep a raw request's body exact (its
 * head is then read as latin1, Content-Length counts bytes either way).
 * Returns { format: "http"|"curl"|"har", method, url (absolute when a Host header or an
 * absolute URL is known, else the path; https unless X-Forwarded-Proto says otherwise or the
 * Host is a loopback one), path, headers: { [lowercase name]: value },
 * body: string (valid UTF-8) | Uint8Array (other bytes) | null, notes: string[] (what was
 * adjusted or is doubtful) }. Several requests one after the other (`smshook send --all
 * --dry-run`): the first is used, with a note.
 * Throws CaptureError (err.code = "invalid_capture") with a plain message.
 */
export function parseCapture(input) {
  if (input !== null && typeof input === "object" && !(input instanceof Uint8Array)) return harEntry(input);
  let text;
  let raw = null;
  if (input instanceof Uint8Array) {
    // Bytes (a file, a Buffer): the head is latin1 (HTTP header bytes), the body stays exact.
    raw = input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? input.subarray(3) : input;
    text = latin1(raw);
  } else if (typeof input === "string") {
    text = input.replace(/^\uFEFF/, "");
  } else {
    throw new CaptureError("the capture must be text or bytes (a raw HTTP request, curl -v output or a HAR file)");
  }
  if (text.trim() === "") throw new CaptureError("the capture is empty: paste a raw HTTP request, curl -v output or a HAR file");
  /** The capture as UTF-8 text (HAR and curl output are text). */
  const utf8 = () => (raw === null ? text : new TextDecoder().decode(raw)).trimStart();
  const lead = text.trimStart();
  if (lead.startsWith("{") || lead.startsWith("[")) return parseHar(utf8());
  const lines = lead.split(/\r?\n/, 200);
  const curlLike = () => lines.some((l) => TRACE_HEAD.test(l)) || lines.some((l) => /^(?:\d\d:\d\d:\d\d\.\d+ )?> [A-Za-z]+ \S+ HTTP\//.test(l));
  // A raw request starts with its request line: its body may hold curl-like lines.
  if (REQUEST_LINE.test(lines[0].trim())) {
    try {
      return parseHttp(text, raw);
    } catch (error) {
      if (!(error instanceof CaptureError) || !curlLike()) throw error;
      try { return parseCurl(utf8()); } catch { throw error; }
    }
  }
  if (curlLike()) return parseCurl(utf8());
  return parseHttp(text, raw);
}
