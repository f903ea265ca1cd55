// smshook capture parser: curl output. `curl -v` (the `> ` lines) and `curl --trace-ascii`
// / `curl --trace` dumps (the "=> Send header" and "=> Send data" blocks). No Node or DOM
// APIs.

import { CaptureError } from "./error.js";
import { REQUEST_LINE, locate, parseHeaderLines } from "./headers.js";
import { textOrBytes } from "./bytes.js";

/** The header line of a curl trace block (direction, kind, byte count). */
export const TRACE_HEAD = /^(?:\d\d:\d\d:\d\d\.\d+ )?(?:\[\d+-[^\]]*\] )?(==|=>|<=) ([A-Za-z ]+?)(?:, (\d+) bytes.*)?$/;

/**
 * The bytes of one `--trace` or `--trace-ascii` dump block (the lines after its header;
 * `size`: the byte count the header announced). `--trace` shows 16 exact hex bytes a line;
 * `--trace-ascii` 64 characters a line, a CRLF ending a line early, and any other byte
 * outside printable ASCII as ".".
 */
function traceBytes(lines, size, notes) {
  const dump = [];
  for (const line of lines) {
    const m = /^([0-9a-f]{4,}): ?(.*)$/.exec(line);
    if (m !== null) dump.push({ offset: parseInt(m[1], 16), text: m[2] });
  }
  const out = [];
  const hex = dump.length > 0 && dump.every((d) => /^(?:[0-9a-f]{2} |   ){16}/.test(d.text));
  if (hex) {
    for (const d of dump) {
      for (const h of d.text.slice(0, 48).trim().split(/ +/)) if (h !== "") out.push(parseInt(h, 16));
    }
    return Uint8Array.from(out);
  }
  let lossy = false;
  for (let i = 0; i < dump.length; i++) {
    const { offset, text } = dump[i];
    for (const ch of text) out.push(ch.charCodeAt(0) & 0xff);
    if (text.includes(".")) lossy = true;
    const next = i + 1 < dump.length ? dump[i + 1].offset : null;
    if (next === offset + text.length + 2) out.push(0x0d, 0x0a);
  }
  // A CRLF at the very end of a block ends its last line without a next offset to show it.
  if (size !== undefined && out.length === size - 2) out.push(0x0d, 0x0a);
  if (lossy && notes !== null) {
    notes.push("curl --trace-ascii prints bytes outside printable ASCII (a lone newline, accents, emoji) as \".\": if the body had any, it differs from what was sent; curl --trace (hex) or a raw capture keeps it exact");
  }
  return Uint8Array.from(out);
}

/** `curl -v` (the `> ` lines) or `curl --trace-ascii` / `--trace` output. */
export function parseCurl(text) {
  const notes = [];
  const lines = text.split(/\r?\n/);
  let headerBytes = null;
  const dataBlocks = [];
  let sawTrace = false;
  for (let i = 0; i < lines.length; i++) {
    const m = TRACE_HEAD.exec(lines[i]);
    if (m === null) continue;
    sawTrace = true;
    const block = [];
    for (let j = i + 1; j < lines.length && !TRACE_HEAD.test(lines[j]); j++) block.push(lines[j]);
    const kind = `${m[1]} ${m[2].trim()}`;
    if (kind === "=> Send header") {
      if (headerBytes !== null) break; // a second request (a redirect): keep the first
      headerBytes = traceBytes(block, m[3] === undefined ? undefined : Number(m[3]), null);
    } else if (kind === "=> Send data" && headerBytes !== null) {
      dataBlocks.push(traceBytes(block, m[3] === undefined ? undefined : Number(m[3]), notes));
    } else if (m[1] === "<=" && headerBytes !== null) {
      break;
    }
  }
  let head;
  if (sawTrace) {
    if (headerBytes === null) throw new CaptureError("no request line: the curl trace has no \"=> Send header\" block");
    head = new TextDecoder().decode(headerBytes);
  } else {
    // curl -v: the request is the "> " lines (a "> " line alone ends its headers).
    const sent = [];
    for (const line of lines) {
      const m = /^(?:\d\d:\d\d:\d\d\.\d+ )?>(?: (.*))?$/.exec(line);
      if (m !== null) sent.push(m[1] ?? "");
    }
    head = sent.join("\n");
  }
  const headLines = head.split(/\r?\n/);
  const startAt = headLines.findIndex((l) => l.trim() !== "");
  const requestLine = startAt < 0 ? "" : headLines[startAt].trim();
  const m = REQUEST_LINE.exec(requestLine);
  if (m === null) {
    throw new CaptureError(`no request line: curl's request starts like "> POST /webhook HTTP/1.1", this one with ${JSON.stringify(requestLine.slice(0, 60))}`);
  }
  const rest = headLines.slice(startAt + 1);
  const end = rest.findIndex((l) => l.trim() === "");
  const headers = parseHeaderLines((end < 0 ? rest : rest.slice(0, end)).join("\n"));
  let body = null;
  if (dataBlocks.length > 0) {
    const size = dataBlocks.reduce((n, b) => n + b.length, 0);
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const b of dataBlocks) { bytes.set(b, at); at += b.length; }
    body = textOrBytes(bytes);
  } else {
    notes.push("curl -v does not print the request body: give the body separately, or capture with curl --trace-ascii FILE");
  }
  return { format: "curl", method: m[1].toUpperCase(), ...locate(m[2], headers), headers, body, notes };
}
