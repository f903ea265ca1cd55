// smshook capture parser: byte helpers. Latin1 and strict UTF-8 decoding of captured bytes,
// and the chunked transfer encoding. No Node or DOM APIs.

import { CaptureError } from "./error.js";

const strictDecoder = /* @__PURE__ */ new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Bytes as latin1 text: one character per byte (U+0000-U+00FF), so indexes match. */
export function latin1(bytes) {
  let text = "";
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return text;
}

/** The body as text when it is valid UTF-8, else the bytes. */
export function textOrBytes(bytes) {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return bytes;
  }
}

/** Decodes a chunked body (bytes); throws CaptureError when it is not chunked encoding. */
export function dechunk(bytes) {
  const out = [];
  let size = 0;
  let at = 0;
  const line = () => {
    let end = at;
    while (end < bytes.length && bytes[end] !== 0x0a) end++;
    if (end >= bytes.length) return null;
    let text = "";
    for (let i = at; i < end; i++) text += String.fromCharCode(bytes[i]);
    at = end + 1;
    return text.replace(/\r$/, "");
  };
  for (;;) {
    const head = line();
    if (head === null) throw new CaptureError("chunked body ends before its last (zero-size) chunk");
    const m = /^([0-9a-fA-F]+)[ \t]*(?:;.*)?$/.exec(head);
    if (m === null) throw new CaptureError(`chunked body: ${JSON.stringify(head.slice(0, 40))} is not a chunk size`);
    const n = parseInt(m[1], 16);
    if (n === 0) break;
    if (at + n > bytes.length) throw new CaptureError(`chunked body: a chunk of ${n} bytes runs past the end of the capture`);
    out.push(bytes.subarray(at, at + n));
    size += n;
    at += n;
    if (bytes[at] === 0x0d) at++;
    if (bytes[at] === 0x0a) at++;
  }
  const body = new Uint8Array(size);
  let pos = 0;
  for (const c of out) { body.set(c, pos); pos += c.length; }
  return body;
}
