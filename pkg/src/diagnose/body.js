// smshook diagnosis: the body. Re-verifies the body as it was before a tool or a framework
// changed it (a trailing newline added or lost, line endings converted, JSON parsed and
// written again) and, when no variant verifies, says whether it looks re-serialized.

import { still } from "./text.js";

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

/** Body variants: trailing newline, line endings, re-serialized JSON. */
export function checkBody(ctx) {
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
