// smshook capture parser: turns a captured webhook request into { method, url, path,
// headers, body } for verify(). Three formats: a raw HTTP request (as printed by `nc -l`
// or saved to a file), `curl -v` / `curl --trace-ascii` / `curl --trace` output, and a HAR
// file or HAR entry (JSON, as the browsers' devtools and proxies export). No imports, no
// Node or DOM APIs: the same file runs in the CLI and in the playground.

/** A capture that cannot be read; `code` is always "invalid_capture". */
export class CaptureError extends Error {
  constructor(message) {
    super(message);
    this.name = "CaptureError";
    this.code = "invalid_capture";
  }
}

const REQUEST_LINE = /^([A-Za-z]+)[ \t]+(\S+)[ \t]+HTTP\/(\d(?:\.\d)?)[ \t]*$/;
const encoder = /* @__PURE__ */ new TextEncoder();
const strictDecoder = /* @__PURE__ */ new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Bytes as latin1 text: one character per byte (U+0000-U+00FF), so indexes match. */
function latin1(bytes) {
  let text = "";
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return text;
}

const hasOwn = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

/** Sets an own property (a header named `__proto__` is an ordinary header). */
function put(headers, key, value) {
  Object.defineProperty(headers, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Adds one header (lowercase name; repeated headers joined with ", "). */
function addHeader(headers, name, value) {
  const key = name.trim().toLowerCase();
  if (key === "") return;
  const text = value.trim();
  put(headers, key, hasOwn(headers, key) ? `${headers[key]}, ${text}` : text);
}

/** The first of a comma-separated header's values, trimmed (undefined when absent). */
function first(headers, name) {
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
function locate(target, headers) {
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

/** The body as text when it is valid UTF-8, else the bytes. */
function textOrBytes(bytes) {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return bytes;
  }
}

/** Decodes a chunked body (bytes); throws CaptureError when it is not chunked encoding. */
function dechunk(bytes) {
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
function parseHttp(text, raw) {
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

const TRACE_HEAD = /^(?:\d\d:\d\d:\d\d\.\d+ )?(?:\[\d+-[^\]]*\] )?(==|=>|<=) ([A-Za-z ]+?)(?:, (\d+) bytes.*)?$/;

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
function parseCurl(text) {
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
function parseHar(text) {
  let json;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CaptureError(`the capture starts like JSON (a HAR file) but is not valid JSON: ${error.message}`);
  }
  return harEntry(json);
}

function harEntry(json) {
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
