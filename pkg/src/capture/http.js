// smshook capture parser: raw HTTP requests (as printed by `nc -l` or saved to a file).
// Frames the body by Transfer-Encoding and Content-Length and notes what it adjusted,
// including several requests one after the other. No Node or DOM APIs.

import { CaptureError } from "./error.js";
import { REQUEST_LINE, first, locate, parseHeaderLines } from "./headers.js";
import { dechunk, latin1, textOrBytes } from "./bytes.js";

const encoder = /* @__PURE__ */ new TextEncoder();

/** The offset of the first byte after CR/LF bytes from `at`. */
function skipNewlines(bytes, at) {
  while (at < bytes.length && (bytes[at] === 0x0d || bytes[at] === 0x0a)) at++;
  return at;
}

/** Whether `bytes` from `at` starts (after CR/LF) with an HTTP request line. */
function startsRequest(bytes, at) {
  at = skipNewlines(bytes, at);
  let end = at;
  while (end < bytes.length && bytes[end] !== 0x0a && end - at < 8200) end++;
  return REQUEST_LINE.test(latin1(bytes.subarray(at, end)).trim());
}

/**
 * How many requests follow from `at` (as `smshook send --all --dry-run` prints them: each
 * a request line, headers, a blank line and Content-Length bytes of body, separated by blank
 * lines); counting stops at the first that cannot be framed (it still counts).
 */
function countRequests(bytes, at) {
  let n = 0;
  while (startsRequest(bytes, at)) {
    n++;
    const text = latin1(bytes.subarray(skipNewlines(bytes, at)));
    const blank = /\r?\n\r?\n/.exec(text);
    if (blank === null) break;
    let headers;
    try { headers = parseHeaderLines(text.slice(0, blank.index)); } catch { break; }
    const declared = first(headers, "content-length");
    if (declared === undefined || !/^\d+$/.test(declared)) break;
    at = skipNewlines(bytes, at) + blank.index + blank[0].length + Number(declared);
  }
  return n;
}

/**
 * Applies Transfer-Encoding and Content-Length (a count of bytes) to the raw body bytes;
 * adds notes. Returns the body's bytes (`bytes` itself when nothing was cut) and whether
 * they were decoded from chunks.
 */
function frameBody(bytes, headers, notes) {
  if (/\bchunked\b/i.test(headers["transfer-encoding"] ?? "")) {
    notes.push("decoded the chunked transfer encoding");
    return dechunk(bytes);
  }
  const declared = first(headers, "content-length");
  if (declared === undefined || !/^\d+$/.test(declared)) return bytes;
  const length = Number(declared);
  if (bytes.length > length) {
    const extra = bytes.subarray(length);
    if (extra.every((b) => b === 0x0d || b === 0x0a)) {
      notes.push(`cut the body to its Content-Length (${length} bytes): the ${extra.length} trailing CR/LF byte(s) after it are not part of the request (an editor adds them when saving the file)`);
      return bytes.subarray(0, length);
    }
    if (startsRequest(extra, 0)) {
      notes.push(`the capture holds ${1 + countRequests(extra, 0)} requests: the first is used (its body cut at its Content-Length, ${length} bytes)`);
      return bytes.subarray(0, length);
    }
    notes.push(`the body is ${bytes.length} bytes but Content-Length says ${length}: kept as captured (is a second request appended?)`);
  } else if (bytes.length < length) {
    notes.push(`the body is ${bytes.length} bytes but Content-Length says ${length}: the capture looks truncated`);
  }
  return bytes;
}

/**
 * A raw HTTP request: request line, headers, blank line, body. `text`: the capture as text
 * (latin1 when it came as bytes); `raw`: its bytes when it came as bytes, else null (the
 * body is then the text's UTF-8 bytes).
 */
export function parseHttp(text, raw) {
  const notes = [];
  const start = text.search(/\S/);
  const rest = text.slice(start);
  const eol = rest.search(/\r?\n/);
  const requestLine = (eol < 0 ? rest : rest.slice(0, eol)).trim();
  const m = REQUEST_LINE.exec(requestLine);
  if (m === null) {
    throw new CaptureError(`no request line: a captured request starts like "POST /webhook HTTP/1.1", this one with ${JSON.stringify(requestLine.slice(0, 60))}`);
  }
  const blank = /\r?\n\r?\n/.exec(rest);
  if (blank === null) {
    throw new CaptureError("no blank line after the headers: in a raw HTTP request an empty line separates the headers from the body (add one, even when the body is empty)");
  }
  const headerText = rest.slice(eol, blank.index);
  const headers = parseHeaderLines(headerText);
  const offset = start + blank.index + blank[0].length;
  const captured = raw === null ? encoder.encode(text.slice(offset)) : raw.subarray(offset);
  const framed = frameBody(captured, headers, notes);
  // Text given and kept whole: the text itself (exact even for a lone surrogate).
  const body = raw === null && framed === captured ? text.slice(offset) : textOrBytes(framed);
  return { format: "http", method: m[1].toUpperCase(), ...locate(m[2], headers), headers, body, notes };
}
